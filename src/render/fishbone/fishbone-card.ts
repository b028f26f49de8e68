// A segment's card: header strip (gap mark + name), its local firms wrapped and collapsed, its targets.

import type { GapKind } from "../../analysis/gaps/gap-finding.ts";
import {
  centredBaseline,
  type Label,
  makeLabel,
  runsWidth,
  type Shape,
  type TextRun,
} from "./fishbone-geometry.ts";
import type { FishboneFirm, FishboneLang, FishboneSegment } from "./fishbone-input.ts";
import { GAP_SHORT, GAP_STYLE, INK, nameIn, SIZE, WORDS } from "./fishbone-theme.ts";
import { projectLine } from "./projects-in-talks.ts";
import { fitText, textWidth } from "./text-width.ts";

/** A card drawn at (0, 0); the layout moves it into place. */
export interface Card {
  w: number;
  h: number;
  /** Height of the header strip (where the twig or bone meets the card). */
  headerH: number;
  labels: Label[];
  shapes: Shape[];
}

interface CardProfile {
  header: number;
  body: number;
  padX: number;
  padY: number;
  maxBodyW: number;
  maxFirms: number;
}

const PROFILE = {
  main: { header: SIZE.mainHeader, body: SIZE.mainBody, padX: 10, padY: 7, maxBodyW: 250, maxFirms: 8 },
  sub: { header: SIZE.subHeader, body: SIZE.subBody, padX: 8, padY: 6, maxBodyW: 220, maxFirms: 5 },
} satisfies Record<string, CardProfile>;

const LINE = 1.5;

/** Firm names as runs packed into lines no wider than `maxW`; beyond `max` firms the rest collapse to "…等N家". */
export function firmLines(
  firms: FishboneFirm[],
  lang: FishboneLang,
  size: number,
  maxW: number,
  max: number,
): TextRun[][] {
  const words = WORDS[lang];
  const shown = firms.length > max ? firms.slice(0, max - 1) : firms;
  const items: TextRun[][] = shown.map((f) => {
    const name = fitText(nameIn(f.name, lang), maxW - (f.master ? size * 1.2 : 0), size, f.master);
    return f.master ? [{ text: `★${name}`, bold: true, color: INK.master }] : [{ text: name }];
  });
  if (shown.length < firms.length) items.push([{ text: words.more(firms.length), color: INK.muted }]);
  const sep: TextRun = { text: words.separator, color: INK.muted };
  const lines: TextRun[][] = [];
  let line: TextRun[] = [];
  for (const item of items) {
    const joined =
      line.length > 0 ? [...line, ...(item[0]!.text.startsWith("…") ? [] : [sep]), ...item] : item;
    if (line.length > 0 && runsWidth(joined, size) > maxW) {
      lines.push(line);
      line = item;
    } else line = joined;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** Lays out the card of `seg`: `main` for a top-level segment (the bone's head), else a sub-segment twig card. */
export function segmentCard(
  seg: FishboneSegment,
  lang: FishboneLang,
  kind: "main" | "sub",
  hasSubs = false,
): Card {
  const p: CardProfile = PROFILE[kind];
  const maxBodyW = lang === "en" ? p.maxBodyW + 40 : p.maxBodyW;
  const style = GAP_STYLE[seg.gap];
  const words = WORDS[lang];
  const labels: Label[] = [];
  const shapes: Shape[] = [];

  // Header: [mark] name
  const headerH = Math.round(p.header * 1.75);
  const mark = style.mark?.[lang];
  const badge = mark ? p.header + 4 : 0;
  const nameX = p.padX + (badge ? badge + 6 : 0);
  const name = fitText(nameIn(seg.name, lang), maxBodyW + 30 - (nameX - p.padX), p.header, true);
  const headerW = nameX + textWidth(name, p.header, true) + p.padX;

  // Body: firms (or a note), then targets.
  const bodyLines: Array<{
    runs: TextRun[];
    role: "firms" | "note" | "target";
    color: string;
    bold?: boolean;
  }> = [];
  // A parent without firms of its own is covered (or not) through its sub-segments: no note needed.
  if (seg.firms.length === 0 && !hasSubs)
    bodyLines.push({ runs: [{ text: words.noLocal }], role: "note", color: INK.faint });
  // A parent whose sub-segments differ says how many of each, beside the worst mark it carries.
  if (seg.mixed) {
    const parts = (Object.keys(GAP_SHORT[lang]) as GapKind[])
      .filter((k) => (seg.mixed?.[k] ?? 0) > 0)
      .map((k) => `${GAP_SHORT[lang][k]} ${seg.mixed![k]}`);
    bodyLines.push({
      runs: [{ text: fitText(words.mixed(parts), maxBodyW, p.body) }],
      role: "note",
      color: style.stroke,
    });
  }
  for (const runs of firmLines(seg.firms, lang, p.body, maxBodyW, p.maxFirms))
    bodyLines.push({ runs, role: "firms", color: INK.text });
  const targets = seg.gap === "covered" ? [] : seg.targets;
  const targetLines = targets.map((t) => [
    { text: `◎ ${fitText(nameIn(t.name, lang), maxBodyW - p.body * 1.5, p.body)}` },
  ]);
  // Projects in talks: a small pill under the body, its tooltip naming each project.
  const talks = seg.talks ?? [];
  const talksText = talks.length > 0 ? words.talks(talks.length) : "";
  const pillW = talks.length > 0 ? textWidth(talksText, p.body - 1, true) + 12 : 0;
  const bodyW = Math.max(
    pillW,
    ...bodyLines.map((l) => runsWidth(l.runs, p.body)),
    ...targetLines.map((r) => runsWidth(r, p.body)),
    targets.length > 0 ? textWidth(words.targets, p.body - 1, true) : 0,
  );
  const w = Math.ceil(Math.max(headerW, bodyW + 2 * p.padX, kind === "main" ? 96 : 72));

  const lineH = p.body * LINE;
  let y = headerH + p.padY;
  for (const l of bodyLines) {
    labels.push(
      makeLabel(l.role, l.runs, p.padX, centredBaseline(y + lineH / 2, p.body), p.body, { color: l.color }),
    );
    y += lineH;
  }
  if (targets.length > 0) {
    y += 4;
    const sepY = y;
    y += 4;
    labels.push(
      makeLabel("target", words.targets, p.padX, centredBaseline(y + lineH / 2, p.body - 1), p.body - 1, {
        color: INK.target,
        bold: true,
      }),
    );
    y += lineH;
    for (const runs of targetLines) {
      labels.push(
        makeLabel("target", runs, p.padX, centredBaseline(y + lineH / 2, p.body), p.body, {
          color: INK.target,
        }),
      );
      y += lineH;
    }
    shapes.push({
      kind: "line",
      x1: p.padX - 2,
      y1: sepY,
      x2: w - p.padX + 2,
      y2: sepY,
      stroke: INK.target,
      width: 1,
      dash: "4 3",
    });
  }
  if (talks.length > 0) {
    y += bodyLines.length + targets.length > 0 ? 2 : 0;
    const tooltip = [words.talksTitle(talks.length), ...talks.map((t) => projectLine(t, lang))].join("\n");
    const pillH = Math.round((p.body - 1) * 1.45);
    const top = y + (lineH - pillH) / 2;
    shapes.push({
      kind: "rect",
      box: { x: p.padX, y: top, w: pillW, h: pillH },
      fill: INK.talksTint,
      stroke: INK.talks,
      strokeWidth: 1,
      radius: pillH / 2,
      tooltip,
    });
    labels.push({
      ...makeLabel("talks", talksText, p.padX + 6, centredBaseline(top + pillH / 2, p.body - 1), p.body - 1, {
        color: INK.talks,
        bold: true,
      }),
      tooltip,
    });
    y = top + pillH + (lineH - pillH) / 2;
  }
  const h = Math.ceil(bodyLines.length + targets.length + talks.length > 0 ? y + p.padY : headerH);

  shapes.unshift(
    {
      kind: "rect",
      box: { x: 0, y: 0, w, h },
      fill: "#ffffff",
      stroke: style.stroke,
      strokeWidth: kind === "main" ? 1.6 : 1.2,
      radius: 4,
      ...(style.dashed ? { dash: "5 3" } : {}),
      ...(seg.tooltip ? { tooltip: seg.tooltip } : {}),
    },
    { kind: "rect", box: { x: 0.8, y: 0.8, w: w - 1.6, h: headerH - 0.8 }, fill: style.tint, radius: 3 },
    { kind: "line", x1: 0.8, y1: headerH, x2: w - 0.8, y2: headerH, stroke: style.stroke, width: 0.8 },
  );
  if (mark) {
    const bx = p.padX;
    const by = (headerH - badge) / 2;
    shapes.push({ kind: "rect", box: { x: bx, y: by, w: badge, h: badge }, fill: style.stroke, radius: 3 });
    labels.push(
      makeLabel("mark", mark, bx + badge / 2, centredBaseline(headerH / 2, p.header - 2), p.header - 2, {
        color: "#ffffff",
        bold: true,
        anchor: "middle",
      }),
    );
  }
  labels.push(
    makeLabel("segment", name, nameX, centredBaseline(headerH / 2, p.header), p.header, {
      color: INK.text,
      bold: true,
    }),
  );
  return { w, h, headerH, labels, shapes };
}
