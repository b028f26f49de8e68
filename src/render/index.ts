// The render layer's public face: fishbone SVG, gap report HTML, table exports; PNG and PDF at the edge.
export { type FishboneInput, fishboneInputOf } from "./fishbone/fishbone-input.ts";
export { renderFishboneSvg } from "./fishbone/fishbone-svg.ts";
export { htmlToPdf, svgToPdf } from "./print/pdf.ts";
export { svgToPng } from "./print/png.ts";
export { type GapReportInput, renderGapReport, renderReportIndex } from "./report/gap-report-html.ts";
export { sourcesMarkdown } from "./report/sources-markdown.ts";
export { toCsv } from "./tables/table-export.ts";
export { toXlsx } from "./tables/table-export-xlsx.ts";
export { targetTable } from "./tables/target-table.ts";
