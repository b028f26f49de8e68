import type { Stage } from "../../model/index.ts";
import { type Card, segmentCard } from "./fishbone-card.ts";
import type { FishboneInput, FishboneSegment } from "./fishbone-input.ts";
import { SIZE, WORDS } from "./fishbone-theme.ts";
import { textWidth } from "./text-width.ts";

/** Horizontal lean of a bone per px of its length away from the spine. */
const LEAN = 0.42;
export const MARGIN = 40;
const GAP_X = 16;
const GAP_Y = 10;
const FROM_SPINE = 18;
const SUB_GAP = 10;
const TWIG = 16;
const INDENT = 18;
const MIN_BONE = 44;
const FOOT_GAP = 40;
const STAGE_GAP = 44;
export const TAIL_W = 46;

export type Side = "above" | "below";
/** A bone: a top-level segment with its sub-segments (any depth), in input order. */
export interface Group {
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

export function buildColumn(
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

export interface Packing {
  columns: Column[];
  zones: Array<{ stage: Stage; x0: number; x1: number }>;
  maxRight: number;
  height: number;
}

/** Places the bones along the spine stage by stage, alternating sides, none taller than `budget`. */
export function packBones(groups: Group[], input: FishboneInput, budget: number): Packing {
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
