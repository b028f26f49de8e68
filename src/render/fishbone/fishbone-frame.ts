// The frame around the fishbone: title, summary and date on top; legend panel and data-source line below.

import type { GapKind } from "../../analysis/gaps/gap-finding.ts";
import {
  type Box,
  centredBaseline,
  type Label,
  makeLabel,
  type Shape,
  type TextRun,
} from "./fishbone-geometry.ts";
import type { FishboneInput } from "./fishbone-input.ts";
import type { SummaryCounts } from "./fishbone-layout.ts";
import { GAP_STYLE, INK, nameIn, SIZE, WORDS } from "./fishbone-theme.ts";
import { masterDesignation } from "./master-level.ts";
import { textWidth } from "./text-width.ts";

export interface Frame {
  /** Height of the title block, from the top margin. */
  headerHeight: number;
  width: number;
  /** Lowest y used by the legend and source line. */
  bottom: number;
  labels: Label[];
  shapes: Shape[];
  panels: Box[];
}

const MARGIN = 40;
const ROW = 32;
const PAD = 14;
const SWATCH = { w: 34, h: 22 };

/** Breaks `text` into lines no wider than `maxW`: CJK between any two characters, Latin between words. */
export function wrapText(text: string, maxW: number, size: number): string[] {
  const tokens =
    text
      .replace(/[\u0000-\u001f\u007f]/gu, " ")
      .match(/[\p{Script=Han}\p{P}\p{S}]|[^\s\p{Script=Han}\p{P}\p{S}]+\s*|\s+/gu) ?? [];
  const lines: string[] = [];
  let line = "";
  for (const t of tokens) {
    if (line && textWidth((line + t).trimEnd(), size) > maxW) {
      lines.push(line.trimEnd());
      line = t.trimStart();
    } else line += t;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** At most `n` characters, an ellipsis marking the cut (the legend names a firm, it does not register it). */
const clip = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n - 1).join("")}…` : s);

interface LegendItem {
  kind?: GapKind;
  runs: TextRun[];
}

function legendItems(input: FishboneInput): LegendItem[] {
  const w = WORDS[input.lang];
  const kinds: GapKind[] = input.gapAnalysis
    ? ["missing", "weak", "external", "single-source", "covered"]
    : ["missing", "covered"];
  return [
    ...kinds.map((kind) => ({ kind, runs: [{ text: w.gap[kind] }] })),
    { runs: [{ text: w.master, bold: true, color: INK.master }] },
    { runs: [{ text: w.target, color: INK.target }] },
    { runs: [{ text: w.collapsed, color: INK.muted }] },
    ...(input.segments.some((s) => (s.talks?.length ?? 0) > 0)
      ? [{ runs: [{ text: w.talks("N"), bold: true, color: INK.talks }, { text: w.talksLegend }] }]
      : []),
    ...(input.gapAnalysis ? [{ runs: [{ text: w.parentRule, color: INK.muted }] }] : []),
  ];
}

const itemWidth = (item: LegendItem) =>
  (item.kind ? SWATCH.w + 8 : 0) +
  textWidth(item.runs.map((r) => r.text).join(""), SIZE.legend, item.runs[0]?.bold === true);

/** Lays out the frame for a canvas at least `minWidth` wide, the legend starting at `legendTop`. */
export function frameOf(
  input: FishboneInput,
  minWidth: number,
  legendTop: number,
  counts?: SummaryCounts,
): Frame {
  const words = WORDS[input.lang];
  const labels: Label[] = [];
  const shapes: Shape[] = [];
  const titleBase = MARGIN + SIZE.title * 0.92;
  const subBase = titleBase + SIZE.title + 4;
  const headerHeight = subBase + SIZE.subtitle * 0.3 - MARGIN;
  const summary = counts ? words.summary(counts) : "";
  const date = words.date(input.date);
  const items = legendItems(input);
  const legendTitleW = textWidth(words.legendTitle, SIZE.legend, true);
  const width = Math.max(
    minWidth,
    1000,
    2 * MARGIN + textWidth(input.title, SIZE.title, true) + 48 + textWidth(date, SIZE.date),
    2 * MARGIN + textWidth(summary, SIZE.subtitle),
    2 * MARGIN + 2 * PAD + legendTitleW + 24 + Math.max(...items.map(itemWidth)),
  );

  labels.push(
    makeLabel("title", input.title, MARGIN, titleBase, SIZE.title, { color: INK.text, bold: true }),
  );
  if (summary)
    labels.push(makeLabel("subtitle", summary, MARGIN, subBase, SIZE.subtitle, { color: INK.muted }));
  labels.push(
    makeLabel("date", date, width - MARGIN - textWidth(date, SIZE.date), titleBase, SIZE.date, {
      color: INK.muted,
    }),
  );
  shapes.push({
    kind: "line",
    x1: MARGIN,
    y1: subBase + 12,
    x2: width - MARGIN,
    y2: subBase + 12,
    stroke: INK.panelStroke,
    width: 1,
  });

  // Legend: items flow in rows inside a panel.
  const panel = { x: MARGIN, y: legendTop, w: width - 2 * MARGIN, h: 0 };
  const innerRight = panel.x + panel.w - PAD;
  const startX = panel.x + PAD + legendTitleW + 24;
  let x = startX;
  let rowMid = panel.y + PAD + ROW / 2;
  labels.push(
    makeLabel("legend", words.legendTitle, panel.x + PAD, centredBaseline(rowMid, SIZE.legend), SIZE.legend, {
      color: INK.text,
      bold: true,
    }),
  );
  const legendShapes: Shape[] = [];
  for (const item of items) {
    const w = itemWidth(item);
    if (x > startX && x + w > innerRight) {
      x = startX;
      rowMid += ROW;
    }
    let tx = x;
    if (item.kind) {
      const st = GAP_STYLE[item.kind];
      const box = { x, y: rowMid - SWATCH.h / 2, w: SWATCH.w, h: SWATCH.h };
      legendShapes.push({
        kind: "rect",
        box,
        fill: st.tint,
        stroke: st.stroke,
        strokeWidth: 1.4,
        radius: 3,
        ...(st.dashed ? { dash: "5 3" } : {}),
      });
      const mark = st.mark?.[input.lang];
      if (mark)
        labels.push(
          makeLabel("mark", mark, x + SWATCH.w / 2, centredBaseline(rowMid, SIZE.legend), SIZE.legend, {
            color: st.stroke,
            bold: true,
            anchor: "middle",
          }),
        );
      tx += SWATCH.w + 8;
    }
    labels.push(
      makeLabel("legend", item.runs, tx, centredBaseline(rowMid, SIZE.legend), SIZE.legend, {
        color: INK.text,
      }),
    );
    x += w + 28;
  }
  if (!input.gapAnalysis) {
    for (const line of wrapText(words.noAnalysis, innerRight - startX, SIZE.legend)) {
      rowMid += ROW;
      labels.push(
        makeLabel("note", line, startX, centredBaseline(rowMid, SIZE.legend), SIZE.legend, {
          color: GAP_STYLE.weak.stroke,
        }),
      );
    }
  }
  // Each chain master with the level of its designation (县级链主型企业（桐乡经济开发区）).
  const masters = (input.masters ?? []).map(
    (m) =>
      `★${clip(nameIn(m.name, input.lang), 30)}${input.lang === "en" ? ": " : "："}${masterDesignation(m, input.lang)}`,
  );
  if (masters.length > 0) {
    const text = `${words.mastersTitle}${masters.join(input.lang === "en" ? "; " : "；")}`;
    for (const line of wrapText(text, innerRight - (panel.x + PAD), SIZE.legend)) {
      rowMid += ROW;
      labels.push(
        makeLabel("legend", line, panel.x + PAD, centredBaseline(rowMid, SIZE.legend), SIZE.legend, {
          color: INK.master,
        }),
      );
    }
  }
  panel.h = rowMid + ROW / 2 + PAD - panel.y;
  shapes.push(
    { kind: "rect", box: panel, fill: INK.panel, stroke: INK.panelStroke, strokeWidth: 1, radius: 4 },
    ...legendShapes,
  );

  // Data-source line(s).
  let base = panel.y + panel.h + 14 + SIZE.source;
  let bottom = panel.y + panel.h;
  for (const line of wrapText(input.source, width - 2 * MARGIN, SIZE.source)) {
    const l = makeLabel("source", line, MARGIN, base, SIZE.source, { color: INK.muted });
    labels.push(l);
    bottom = l.box.y + l.box.h;
    base += SIZE.source * 1.5;
  }
  return { headerHeight, width, bottom, labels, shapes, panels: [panel] };
}
