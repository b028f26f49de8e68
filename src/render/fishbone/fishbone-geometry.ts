// The fishbone drawing as data: boxes, text labels with their measured boxes, and shapes.
import { textWidth } from "./text-width.ts";

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A piece of a label set in one weight and colour (e.g. a bold ★ chain master among plain names). */
export interface TextRun {
  text: string;
  bold?: boolean;
  color?: string;
}

export type LabelRole =
  | "title"
  | "subtitle"
  | "date"
  | "stage"
  | "head"
  | "segment"
  | "mark"
  | "firms"
  | "target"
  | "note"
  | "legend"
  | "source"
  | "talks";

/** One line of text; `box` is the area its glyphs may cover, used to prove that nothing overlaps. */
export interface Label {
  role: LabelRole;
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  anchor: "start" | "middle";
  color: string;
  runs: TextRun[];
  box: Box;
  /** Shown on hover (an SVG <title>). */
  tooltip?: string;
}

export type Shape =
  | {
      kind: "rect";
      box: Box;
      fill: string;
      stroke?: string;
      strokeWidth?: number;
      dash?: string;
      radius?: number;
      /** Shown on hover (an SVG <title>): what the drawn mark means here. */
      tooltip?: string;
    }
  | {
      kind: "line";
      x1: number;
      y1: number;
      x2: number;
      y2: number;
      stroke: string;
      width: number;
      dash?: string;
    }
  | { kind: "polygon"; points: Array<[number, number]>; fill: string; stroke?: string };

/** CJK glyphs sit in [-0.12, 0.88] em around the baseline and Latin descenders reach about -0.21 em. */
const ASCENT = 0.92;
const DESCENT = 0.24;

const CONTROL = /[\u0000-\u001f\u007f\ufffe\uffff]/gu;

export function runsWidth(runs: TextRun[], size: number): number {
  return runs.reduce((w, r) => w + textWidth(r.text, size, r.bold === true), 0);
}

/** A label at (x, baseline) with its measured box. */
export function makeLabel(
  role: LabelRole,
  runs: TextRun[] | string,
  x: number,
  baseline: number,
  size: number,
  style: { color: string; bold?: boolean; anchor?: "start" | "middle" },
): Label {
  const raw = typeof runs === "string" ? [{ text: runs, bold: style.bold === true }] : runs;
  // Control characters cannot appear in XML: drop them before measuring, so the box matches what is drawn.
  const rs = raw.map((r) => ({ ...r, text: r.text.replace(CONTROL, "") }));
  const w = runsWidth(rs, size);
  const anchor = style.anchor ?? "start";
  const left = anchor === "middle" ? x - w / 2 : x;
  return {
    role,
    x,
    y: baseline,
    size,
    anchor,
    color: style.color,
    runs: rs,
    box: { x: left, y: baseline - ASCENT * size, w, h: (ASCENT + DESCENT) * size },
  };
}

/** The baseline that centres a line of `size` px text on `centerY`. */
export const centredBaseline = (centerY: number, size: number) => centerY + ((ASCENT - DESCENT) / 2) * size;

export function moveLabel(l: Label, dx: number, dy: number): Label {
  return { ...l, x: l.x + dx, y: l.y + dy, box: moveBox(l.box, dx, dy) };
}

export const moveBox = (b: Box, dx: number, dy: number): Box => ({
  x: b.x + dx,
  y: b.y + dy,
  w: b.w,
  h: b.h,
});

export function moveShape(s: Shape, dx: number, dy: number): Shape {
  if (s.kind === "rect") return { ...s, box: moveBox(s.box, dx, dy) };
  if (s.kind === "line") return { ...s, x1: s.x1 + dx, y1: s.y1 + dy, x2: s.x2 + dx, y2: s.y2 + dy };
  return { ...s, points: s.points.map(([x, y]) => [x + dx, y + dy] as [number, number]) };
}

/** True when two boxes share interior area (touching edges do not count). */
export function boxesIntersect(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** True when the segment (x1,y1)–(x2,y2) passes through the interior of `b` (Liang–Barsky clipping). */
export function segmentCrossesBox(x1: number, y1: number, x2: number, y2: number, b: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const checks: Array<[number, number]> = [
    [-dx, x1 - b.x],
    [dx, b.x + b.w - x1],
    [-dy, y1 - b.y],
    [dy, b.y + b.h - y1],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      if (q <= 0) return false;
    } else {
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
      if (t0 >= t1) return false;
    }
  }
  return true;
}
