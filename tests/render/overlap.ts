// Checks a fishbone layout for collisions: label vs label, card vs card, bone vs label, and the canvas edge.
import { type Box, boxesIntersect, segmentCrossesBox } from "../../src/render/fishbone/fishbone-geometry.ts";
import type { FishboneLayout } from "../../src/render/fishbone/fishbone-layout.ts";

const inside = (a: Box, c: Box) =>
  a.x >= c.x && a.y >= c.y && a.x + a.w <= c.x + c.w && a.y + a.h <= c.y + c.h;

/** Every collision in the layout, described for a failing assertion; [] when none. */
export function collisions(layout: FishboneLayout): string[] {
  const out: string[] = [];
  const text = (i: number) => layout.labels[i]!.runs.map((r) => r.text).join("");
  const { labels, cards, bones } = layout;
  for (let i = 0; i < labels.length; i++) {
    const a = labels[i]!.box;
    if (a.x < 0 || a.y < 0 || a.x + a.w > layout.width || a.y + a.h > layout.height)
      out.push(`label "${text(i)}" leaves the canvas`);
    for (let j = i + 1; j < labels.length; j++)
      if (boxesIntersect(a, labels[j]!.box)) out.push(`label "${text(i)}" overlaps "${text(j)}"`);
    for (const c of cards)
      if (boxesIntersect(a, c) && !inside(a, c)) out.push(`label "${text(i)}" sticks out of its card`);
    for (const b of bones)
      if (segmentCrossesBox(b.x1, b.y1, b.x2, b.y2, a)) out.push(`a bone crosses label "${text(i)}"`);
  }
  for (let i = 0; i < cards.length; i++)
    for (let j = i + 1; j < cards.length; j++)
      if (boxesIntersect(cards[i]!, cards[j]!)) out.push(`card ${i} overlaps card ${j}`);
  return out;
}
