// Fishbone layout: bones packed along the spine by stage, alternating above and below; every box measured.
import type { GapKind } from "../analysis/gap-finding.ts";
import type { Stage } from "../model/index.ts";
import { type Card, segmentCard } from "./fishbone-card.ts";
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

/** Horizontal lean of a bone per px of its length away from the spine. */
const LEAN = 0.42;
const MARGIN = 40;
const SPINE_H = 34;
const GAP_X = 16;
const GAP_Y = 10;
const FROM_SPINE = 18;
const SUB_GAP = 10;
const TWIG = 16;
const INDENT = 18;
const MIN_BONE = 44;
const FOOT_GAP = 40;
const STAGE_GAP = 44;
const TAIL_W = 46;

type Side = "above" | "below";
/** A bone: a top-level segment with its sub-segments (any depth), in input order. */
interface Group {
  top: FishboneSegment;
  subs: Array<{ seg: FishboneSegment; depth: number }>;
}
/** A box in bone space: x relative to the bone's foot, d = distance from the spine's edge, h along d. */
interface RelBox {
  x: number;
  d: number;
  w: number;
  h: number;
}
interface Piece {
  card: Card;
  x: number;
  d: number;
}
interface Column {
  side: Side;
  stage: Stage;
  pieces: Piece[];
  /** Where the bone meets the main card. */
  tip: { x: number; d: number };
  twigs: Array<{ d: number; x1: number; x2: number }>;
  obstacles: RelBox[];
  extent: number;
  foot: number;
}

/** The far-from-spine edge of a card holds its header on the upper side; the near edge on the lower side. */
const headerCentre = (side: Side, d: number, card: Card) =>
  side === "above" ? d + card.h - card.headerH / 2 : d + card.headerH / 2;

function buildColumn(
  top: FishboneSegment,
  subs: Array<{ seg: FishboneSegment; depth: number }>,
  side: Side,
  input: FishboneInput,
  minBone = MIN_BONE,
): Column {
  const pieces: Piece[] = [];
  const twigs: Column["twigs"] = [];
  const obstacles: RelBox[] = [];
  let d = FROM_SPINE;
  for (const { seg, depth } of [...subs].reverse()) {
    const card = segmentCard(seg, input.lang, "sub");
    const right = -(d + card.h) * LEAN - TWIG - INDENT * (depth - 1);
    const piece = { card, x: right - card.w, d };
    const dT = headerCentre(side, d, card);
    pieces.push(piece);
    twigs.push({ d: dT, x1: -dT * LEAN, x2: right });
    obstacles.push(
      { x: piece.x, d, w: card.w, h: card.h },
      { x: right, d: dT - 2, w: -dT * LEAN - right, h: 4 },
    );
    d += card.h + SUB_GAP;
  }
  const D = Math.max(d + 4, minBone);
  const main = segmentCard(top, input.lang, "main", subs.length > 0);
  const tip = { x: -D * LEAN, d: D };
  pieces.push({ card: main, x: tip.x - main.w / 2, d: D });
  obstacles.push({ x: tip.x - main.w / 2, d: D, w: main.w, h: main.h });
  // The bone as a staircase of thin boxes, so other columns keep clear of it.
  for (let s = 0; s < D; s += 12) {
    const e = Math.min(D, s + 12);
    obstacles.push({ x: -e * LEAN - 3, d: s, w: (e - s) * LEAN + 6, h: e - s });
  }
  return { side, stage: top.stage, pieces, tip, twigs, obstacles, extent: D + main.h, foot: 0 };
}

/** The smallest foot position that keeps the column clear of everything placed on its side and of the barrier. */
function placeColumn(col: Column, placed: RelBox[], barrier: number, minFoot: number): number {
  let foot = minFoot;
  for (const r of col.obstacles) foot = Math.max(foot, barrier - r.x);
  for (const r of col.obstacles)
    for (const p of placed)
      if (r.d < p.d + p.h + GAP_Y && p.d < r.d + r.h + GAP_Y) foot = Math.max(foot, p.x + p.w + GAP_X - r.x);
  return foot;
}

/**
 * Builds and places a bone; a short bone may be lengthened (within `budget`) so its card clears an
 * earlier card on its side and the bones interleave, when that brings it closer to the tail.
 */
function compactColumn(
  g: Group,
  side: Side,
  input: FishboneInput,
  placed: RelBox[],
  barrier: number,
  minFoot: number,
  budget: number,
  columns: Column[],
): Column {
  const natural = buildColumn(g.top, g.subs, side, input);
  natural.foot = placeColumn(natural, placed, barrier, minFoot);
  let best = natural;
  const mainH = natural.extent - natural.tip.d;
  for (const prev of columns.filter((c) => c.side === side).slice(-3)) {
    const lift = prev.extent + GAP_Y + 2;
    if (lift <= natural.tip.d || lift + mainH > budget) continue;
    const col = buildColumn(g.top, g.subs, side, input, lift);
    col.foot = placeColumn(col, placed, barrier, minFoot);
    if (col.foot < best.foot - 1) best = col;
  }
  return best;
}

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

interface Packing {
  columns: Column[];
  zones: Array<{ stage: Stage; x0: number; x1: number }>;
  maxRight: number;
  height: number;
}

/** Places the bones along the spine stage by stage, alternating sides, none taller than `budget`. */
function packBones(groups: Group[], input: FishboneInput, budget: number): Packing {
  const words = WORDS[input.lang];
  const stageW = (z: { stage: Stage; x0: number }) =>
    z.x0 + textWidth(words.stage[z.stage], SIZE.stage, true) + 32;
  const placed: Record<Side, RelBox[]> = { above: [], below: [] };
  const zoneStart = MARGIN + TAIL_W;
  const zones: Packing["zones"] = [];
  const columns: Column[] = [];
  let barrier = zoneStart + STAGE_GAP / 2;
  let lastFoot = -Infinity;
  let maxRight = zoneStart;
  groups.forEach((g, i) => {
    const side: Side = i % 2 === 0 ? "above" : "below";
    const zone = zones.at(-1);
    if (!zone || zone.stage !== g.top.stage) {
      if (zone) {
        zone.x1 = Math.max(maxRight + STAGE_GAP / 2, stageW(zone));
        barrier = zone.x1 + STAGE_GAP / 2;
      }
      zones.push({ stage: g.top.stage, x0: zone ? zone.x1 : zoneStart, x1: 0 });
    }
    const col = compactColumn(g, side, input, placed[side], barrier, lastFoot + FOOT_GAP, budget, columns);
    lastFoot = col.foot;
    for (const r of col.obstacles) {
      placed[side].push({ ...r, x: r.x + col.foot });
      maxRight = Math.max(maxRight, r.x + r.w + col.foot);
    }
    columns.push(col);
  });
  const lastZone = zones.at(-1);
  if (lastZone) lastZone.x1 = Math.max(maxRight + STAGE_GAP / 2, stageW(lastZone));
  const extent = (side: Side) => Math.max(0, ...columns.filter((c) => c.side === side).map((c) => c.extent));
  return { columns, zones, maxRight: lastZone?.x1 ?? maxRight, height: extent("above") + extent("below") };
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
}

function summaryCounts(input: FishboneInput): SummaryCounts {
  const firms = new Set<string>();
  const masters = new Set<string>();
  const gaps = new Map<GapKind, number>();
  for (const s of input.segments) {
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
  };
}
