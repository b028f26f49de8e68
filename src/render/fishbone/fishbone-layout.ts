// Fishbone layout: bones packed along the spine by stage, alternating above and below; every box measured.
import type { GapKind } from "../../analysis/gaps/gap-finding.ts";
import { frameOf } from "./fishbone-frame.ts";
import {
  type Box,
  centredBaseline,
  type Label,
  makeLabel,
  moveLabel,
  moveShape,
  type Shape,
} from "./fishbone-geometry.ts";
import type { FishboneInput, FishboneSegment } from "./fishbone-input.ts";
import {
  buildColumn,
  type Group,
  MARGIN,
  type Packing,
  packBones,
  type Side,
  TAIL_W,
} from "./fishbone-packing.ts";
import { INK, nameIn, SIZE, STAGE_ORDER_LIST, WORDS } from "./fishbone-theme.ts";
import { textWidth } from "./text-width.ts";

export interface Bone {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
}

export interface FishboneLayout {
  width: number;
  height: number;
  title: string;
  labels: Label[];
  /** Drawn in order: backgrounds first. */
  shapes: Shape[];
  /** Segment cards and panels: none of them overlap. */
  cards: Box[];
  /** Bones and twigs: none of them crosses a label. */
  bones: Bone[];
}

const SPINE_H = 34;

/** A long chain name goes on two lines in the head, split where the halves are most even. */
function splitHead(name: string): string[] {
  const full = textWidth(name, SIZE.head, true);
  if (full <= SIZE.head * 10) return [name];
  const words = /\s/.test(name) ? name.split(/(?<=\s)/) : [...name];
  let best: [string, string] = [name, ""];
  let bestDiff = Infinity;
  for (let i = 1; i < words.length; i++) {
    const a = words.slice(0, i).join("").trim();
    const b = words.slice(i).join("").trim();
    // Prefer breaking after a connective (新能源汽车及 / 汽车零部件产业链) to breaking inside a word.
    const bonus = /[及与和、·]$/u.test(a) ? SIZE.head * 3 : 0;
    const diff = Math.abs(textWidth(a, SIZE.head, true) - textWidth(b, SIZE.head, true)) - bonus;
    if (diff < bestDiff) [best, bestDiff] = [[a, b], diff];
  }
  return best;
}

/** Lays out the whole drawing; the canvas grows to fit, nothing overlaps. */
export function layoutFishbone(input: FishboneInput): FishboneLayout {
  const words = WORDS[input.lang];
  const byId = new Map(input.segments.map((s) => [s.id, s]));
  const depthOf = (s: FishboneSegment): number =>
    s.parent && byId.has(s.parent) ? 1 + depthOf(byId.get(s.parent)!) : 0;
  const rootOf = (s: FishboneSegment): FishboneSegment =>
    s.parent && byId.has(s.parent) ? rootOf(byId.get(s.parent)!) : s;

  // Group segments into bones: each top-level segment with all its descendants, in input order.
  const groups: Group[] = [];
  const groupOf = new Map<string, Group>();
  for (const s of input.segments) {
    const root = rootOf(s);
    if (root === s) {
      const g: Group = { top: s, subs: [] };
      groups.push(g);
      groupOf.set(s.id, g);
    } else groupOf.get(root.id)?.subs.push({ seg: s, depth: depthOf(s) });
  }
  groups.sort((a, b) => STAGE_ORDER_LIST.indexOf(a.top.stage) - STAGE_ORDER_LIST.indexOf(b.top.stage));

  // Pack the bones within a height budget; a taller budget lets short bones interleave. Keep the budget
  // that prints largest on an A3 landscape page.
  const natural = Math.max(0, ...groups.map((g) => buildColumn(g.top, g.subs, "above", input).extent));
  // Roughly what the head, margins, title and legend add around the bones.
  const [frameW, frameH] = [360, 360];
  const a3 = (p: Packing) => Math.min(420 / (p.maxRight + frameW), 297 / (p.height + frameH));
  const { columns, zones } = [1, 1.25, 1.5, 1.8]
    .map((f) => packBones(groups, input, natural * f))
    .reduce((best, p) => (a3(p) > a3(best) * 1.02 ? p : best));
  const zoneStart = MARGIN + TAIL_W;
  const lastZone = zones.at(-1);

  // Head: the chain's name at the right end of the spine.
  const headLines = splitHead(nameIn(input.chain.name, input.lang));
  const headH = Math.max(SPINE_H + 44, SIZE.head * (1.5 + 1.3 * headLines.length));
  const headRectW = Math.max(...headLines.map((l) => textWidth(l, SIZE.head, true))) + 44;
  const headX = (lastZone?.x1 ?? zoneStart) + 6;
  const headW = headRectW + headH * 0.45;

  // Vertical: frame on top, the upper bones, the spine, the lower bones, then the legend.
  const extent = (side: Side) => Math.max(0, ...columns.filter((c) => c.side === side).map((c) => c.extent));
  const headOver = headH / 2 - SPINE_H / 2 + 8;
  const frameTop = frameOf(input, 0, 0).headerHeight;
  const contentTop = MARGIN + frameTop + 18;
  const spineTop = contentTop + 16 + Math.max(extent("above"), headOver);
  const spineBottom = spineTop + SPINE_H;
  const spineMid = spineTop + SPINE_H / 2;
  const contentBottom = spineBottom + Math.max(extent("below"), headOver) + 16;
  const contentRight = headX + headW;

  const labels: Label[] = [];
  const shapes: Shape[] = [];
  const cards: Box[] = [];
  const bones: Bone[] = [];

  // Stage zones, dividers and the spine.
  zones.forEach((z, i) => {
    const k = STAGE_ORDER_LIST.indexOf(z.stage);
    shapes.push({
      kind: "rect",
      box: { x: z.x0, y: contentTop, w: z.x1 - z.x0, h: contentBottom - contentTop },
      fill: INK.zone[k]!,
    });
    if (i > 0)
      shapes.push({
        kind: "line",
        x1: z.x0,
        y1: contentTop,
        x2: z.x0,
        y2: contentBottom,
        stroke: INK.divider,
        width: 1,
        dash: "6 4",
      });
  });
  shapes.push({
    kind: "polygon",
    points: [
      [MARGIN, spineMid - 30],
      [zoneStart + 2, spineMid],
      [MARGIN, spineMid + 30],
      [MARGIN + 14, spineMid],
    ],
    fill: INK.spine[0],
  });
  zones.forEach((z) => {
    const k = STAGE_ORDER_LIST.indexOf(z.stage);
    shapes.push({
      kind: "rect",
      box: { x: z.x0, y: spineTop, w: z.x1 - z.x0 + 6, h: SPINE_H },
      fill: INK.spine[k]!,
    });
    labels.push(
      makeLabel(
        "stage",
        words.stage[z.stage],
        (z.x0 + z.x1) / 2,
        centredBaseline(spineMid, SIZE.stage),
        SIZE.stage,
        { color: "#ffffff", bold: true, anchor: "middle" },
      ),
    );
  });
  shapes.push({
    kind: "polygon",
    points: [
      [headX, spineMid - headH / 2],
      [headX + headRectW, spineMid - headH / 2],
      [headX + headW, spineMid],
      [headX + headRectW, spineMid + headH / 2],
      [headX, spineMid + headH / 2],
    ],
    fill: INK.head,
  });
  headLines.forEach((line, i) => {
    const mid = spineMid + (i - (headLines.length - 1) / 2) * SIZE.head * 1.3;
    labels.push(
      makeLabel("head", line, headX + 22, centredBaseline(mid, SIZE.head), SIZE.head, {
        color: "#ffffff",
        bold: true,
      }),
    );
  });

  // Bones, twigs and cards.
  for (const col of columns) {
    const y = (d: number) => (col.side === "above" ? spineTop - d : spineBottom + d);
    const top = (d: number, h: number) => (col.side === "above" ? spineTop - d - h : spineBottom + d);
    const bone = { x1: col.foot, y1: y(0), x2: col.foot + col.tip.x, y2: y(col.tip.d), width: 2.6 };
    bones.push(bone);
    shapes.push({
      kind: "line",
      x1: bone.x1,
      y1: bone.y1,
      x2: bone.x2,
      y2: bone.y2,
      stroke: INK.bone,
      width: bone.width,
    });
    for (const t of col.twigs) {
      const twig = { x1: col.foot + t.x1, y1: y(t.d), x2: col.foot + t.x2, y2: y(t.d), width: 1.4 };
      bones.push(twig);
      shapes.push({ kind: "line", ...twig, stroke: INK.bone, width: twig.width });
    }
    for (const p of col.pieces) {
      const dx = col.foot + p.x;
      const dy = top(p.d, p.card.h);
      cards.push({ x: dx, y: dy, w: p.card.w, h: p.card.h });
      for (const s of p.card.shapes) shapes.push(moveShape(s, dx, dy));
      for (const l of p.card.labels) labels.push(moveLabel(l, dx, dy));
    }
  }

  // Title, date, legend and source line around the drawing.
  const frame = frameOf(input, Math.ceil(contentRight + MARGIN), contentBottom + 22, summaryCounts(input));
  labels.push(...frame.labels);
  shapes.unshift(...frame.shapes);
  cards.push(...frame.panels);
  return {
    width: Math.ceil(frame.width),
    height: Math.ceil(frame.bottom + MARGIN),
    title: input.title,
    labels,
    shapes,
    cards,
    bones,
  };
}

export interface SummaryCounts {
  segments: number;
  firms: number;
  masters: number;
  gaps: Array<[GapKind, number]>;
  /** Projects in talks on the drawing (absent when none). */
  talks?: number;
}

function summaryCounts(input: FishboneInput): SummaryCounts {
  const firms = new Set<string>();
  const masters = new Set<string>();
  const gaps = new Map<GapKind, number>();
  const talks = new Set<string>();
  for (const s of input.segments) {
    for (const t of s.talks ?? []) talks.add(t.id);
    for (const f of s.firms) {
      firms.add(f.id);
      if (f.master) masters.add(f.id);
    }
    if (s.gap !== "covered") gaps.set(s.gap, (gaps.get(s.gap) ?? 0) + 1);
  }
  const order: GapKind[] = ["missing", "weak", "external", "single-source"];
  return {
    segments: input.segments.length,
    firms: firms.size,
    masters: masters.size,
    gaps: order.filter((k) => gaps.has(k)).map((k) => [k, gaps.get(k)!]),
    ...(talks.size > 0 ? { talks: talks.size } : {}),
  };
}
