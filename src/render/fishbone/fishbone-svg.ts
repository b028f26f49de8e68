// Fishbone SVG: serialises the layout as standalone SVG text, every string XML-escaped.
import type { Label, Shape } from "./fishbone-geometry.ts";
import type { FishboneInput } from "./fishbone-input.ts";
import { type FishboneLayout, layoutFishbone } from "./fishbone-layout.ts";
import { FONT_FAMILY } from "./fishbone-theme.ts";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Escapes text for XML content and attribute values, and drops characters XML 1.0 forbids. */
export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu, "")
    .replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const n = (v: number) => String(Math.round(v * 10) / 10);

function shapeSvg(s: Shape): string {
  switch (s.kind) {
    case "rect": {
      const { x, y, w, h } = s.box;
      const stroke = s.stroke ? ` stroke="${s.stroke}" stroke-width="${n(s.strokeWidth ?? 1)}"` : "";
      const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : "";
      const r = s.radius ? ` rx="${n(s.radius)}"` : "";
      const attrs = `x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}"${r} fill="${s.fill}"${stroke}${dash}`;
      return s.tooltip ? `<rect ${attrs}><title>${escapeXml(s.tooltip)}</title></rect>` : `<rect ${attrs}/>`;
    }
    case "line": {
      const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : "";
      return `<line x1="${n(s.x1)}" y1="${n(s.y1)}" x2="${n(s.x2)}" y2="${n(s.y2)}" stroke="${s.stroke}" stroke-width="${n(s.width)}" stroke-linecap="round"${dash}/>`;
    }
    case "polygon":
      return `<polygon points="${s.points.map(([x, y]) => `${n(x)},${n(y)}`).join(" ")}" fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}"` : ""}/>`;
  }
}

function labelSvg(l: Label): string {
  const anchor = l.anchor === "middle" ? ' text-anchor="middle"' : "";
  const single = l.runs.length === 1 ? l.runs[0]! : undefined;
  const weight = (bold: boolean | undefined) => (bold ? ' font-weight="bold"' : "");
  const open = `<text class="${l.role}" x="${n(l.x)}" y="${n(l.y)}" font-size="${n(l.size)}"${anchor}`;
  const title = l.tooltip ? `<title>${escapeXml(l.tooltip)}</title>` : "";
  if (single)
    return `${open} fill="${single.color ?? l.color}"${weight(single.bold)}>${title}${escapeXml(single.text)}</text>`;
  const spans = l.runs
    .map((r) => `<tspan${r.color ? ` fill="${r.color}"` : ""}${weight(r.bold)}>${escapeXml(r.text)}</tspan>`)
    .join("");
  return `${open} fill="${l.color}">${title}${spans}</text>`;
}

/** The SVG text of a laid-out fishbone. */
export function fishboneLayoutSvg(layout: FishboneLayout, lang: FishboneInput["lang"]): string {
  const { width, height } = layout;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" xml:lang="${lang === "en" ? "en" : "zh-CN"}">`,
    `<title>${escapeXml(layout.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<g class="shapes">`,
    ...layout.shapes.map(shapeSvg),
    `</g>`,
    `<g class="labels">`,
    ...layout.labels.map(labelSvg),
    `</g>`,
    `</svg>`,
    "",
  ].join("\n");
}

/** Renders a chain's fishbone (产业链鱼骨图) as SVG text. */
export function renderFishboneSvg(input: FishboneInput): string {
  return fishboneLayoutSvg(layoutFishbone(input), input.lang);
}
