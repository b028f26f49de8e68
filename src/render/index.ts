// The render layer's public face: fishbone SVG, gap report HTML, table exports; PNG and PDF at the edge.
export { type FishboneInput, fishboneInputOf } from "./fishbone-input.ts";
export { renderFishboneSvg } from "./fishbone-svg.ts";
export { type GapReportInput, renderGapReport, renderReportIndex } from "./gap-report-html.ts";
export { htmlToPdf, svgToPdf } from "./pdf.ts";
export { svgToPng } from "./png.ts";
export { sourcesMarkdown } from "./sources-markdown.ts";
export { toCsv } from "./table-export.ts";
export { toXlsx } from "./table-export-xlsx.ts";
export { targetTable } from "./target-table.ts";
