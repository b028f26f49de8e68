// The fishbone's look and words: gap colours and marks, type sizes, and the zh / en vocabulary.
import type { GapKind } from "../../analysis/gaps/gap-finding.ts";
import type { Stage } from "../../model/index.ts";
import type { FishboneLang } from "./fishbone-input.ts";

export const FONT_FAMILY =
  "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export interface GapStyle {
  /** Strong colour: card outline and mark badge. */
  stroke: string;
  /** Light tint: card header strip. */
  tint: string;
  /** The one-character mark printed in the badge, so the kind reads in black and white. */
  mark: Record<FishboneLang, string> | undefined;
  /** Missing links get a dashed outline: nothing is there yet. */
  dashed: boolean;
}

export const GAP_STYLE: Record<GapKind, GapStyle> = {
  missing: { stroke: "#c0392b", tint: "#fbe3e0", mark: { zh: "缺", en: "M" }, dashed: true },
  weak: { stroke: "#c77c02", tint: "#fdf0d5", mark: { zh: "弱", en: "W" }, dashed: false },
  external: { stroke: "#7b4fa0", tint: "#efe6f6", mark: { zh: "外", en: "E" }, dashed: false },
  "single-source": { stroke: "#a0522d", tint: "#f6e7dc", mark: { zh: "单", en: "S" }, dashed: false },
  covered: { stroke: "#3b7d4f", tint: "#e4f1e7", mark: undefined, dashed: false },
};

export const INK = {
  text: "#1d2733",
  muted: "#5c6773",
  faint: "#8a949e",
  target: "#1f5fa8",
  master: "#8a1c1c",
  spine: ["#2f5078", "#23405f", "#17304a"] as const,
  head: "#17304a",
  bone: "#41536a",
  zone: ["#f4f7fb", "#f8f6f0", "#f3f7f4"] as const,
  divider: "#b9c3cc",
  panel: "#fafbfc",
  panelStroke: "#c9d1d9",
  /** Projects in talks: a teal pill, apart from the gap colours and the targets' blue. */
  talks: "#00695c",
  talksTint: "#e0f2f1",
};

/** Type sizes in px (SVG user units); the A3 page scales the whole canvas. */
export const SIZE = {
  title: 28,
  subtitle: 15,
  date: 14,
  head: 26,
  stage: 16,
  mainHeader: 16,
  mainBody: 14,
  subHeader: 14,
  subBody: 13,
  legend: 14,
  source: 13,
};

export const STAGE_ORDER_LIST: Stage[] = ["upstream", "midstream", "downstream"];

export interface Words {
  stage: Record<Stage, string>;
  gap: Record<GapKind, string>;
  targets: string;
  noLocal: string;
  more: (total: number) => string;
  separator: string;
  date: (d: string) => string;
  legendTitle: string;
  master: string;
  target: string;
  collapsed: string;
  noAnalysis: string;
  /** How a parent segment is marked. */
  parentRule: string;
  /** The note on a parent card whose sub-segments differ. */
  mixed: (parts: string[]) => string;
  /** The legend line naming each chain master's designation. */
  mastersTitle: string;
  summary: (s: {
    segments: number;
    firms: number;
    masters: number;
    gaps: Array<[GapKind, number]>;
    talks?: number;
  }) => string;
  /** The marker on a segment with projects in talks, its tooltip's first line, and its legend entry. */
  talks: (n: number | string) => string;
  talksTitle: (n: number) => string;
  talksLegend: string;
}

export const WORDS: Record<FishboneLang, Words> = {
  zh: {
    stage: { upstream: "上游", midstream: "中游", downstream: "下游" },
    gap: {
      missing: "缺链：无本地企业",
      weak: "弱链：本地企业少或规模小",
      external: "外部依赖：本地企业从市外采购",
      "single-source": "单一来源：本地企业所需供应只来自一家供应商",
      covered: "已覆盖：有本地企业",
    },
    targets: "招引目标",
    noLocal: "暂无本地企业",
    more: (n) => `…等${n}家`,
    separator: "、",
    date: (d) => `制图日期：${d}`,
    legendTitle: "图例",
    master: "★ 链主企业（加粗）",
    target: "◎ 招引目标（缺口环节前 3 家）",
    collapsed: "…等N家：仅列前几家，共 N 家",
    noAnalysis: "注：未提供缺口分析，仅按有无本地企业标注「缺」与已覆盖；弱链、外部依赖、单一来源未评估。",
    parentRule: "含子环节的环节按子环节中最差的状态标注",
    mixed: (parts) => `子环节：${parts.join("、")}`,
    mastersTitle: "链主认定：",
    summary: ({ segments, firms, masters, gaps, talks }) =>
      [
        `环节 ${segments} 个`,
        `本地企业 ${firms} 家（链主 ${masters} 家）`,
        ...gaps.map(([k, n]) => `${GAP_SHORT.zh[k]} ${n} 个`),
        ...(talks ? [`在谈项目 ${talks} 个`] : []),
      ].join(" · "),
    talks: (n) => `在谈 ${n}`,
    talksTitle: (n) => `在谈项目 ${n} 个：`,
    talksLegend: "：本环节的在谈项目数（接洽、考察、在谈、签约；悬停可见投资方、县区、阶段、首报首谈）",
  },
  en: {
    stage: { upstream: "Upstream", midstream: "Midstream", downstream: "Downstream" },
    gap: {
      missing: "Missing: no local firm",
      weak: "Weak: too few or too small local firms",
      external: "External: local firms buy from outside the city",
      "single-source": "Single source: observed supply to local firms comes from one supplier",
      covered: "Covered: local firms present",
    },
    targets: "Targets",
    noLocal: "No local firm yet",
    more: (n) => `… ${n} in all`,
    separator: ", ",
    date: (d) => `Drawn ${d}`,
    legendTitle: "Legend",
    master: "★ Chain master (bold)",
    target: "◎ Investment target (top 3 per gap)",
    collapsed: "… N in all: first few listed of N firms",
    noAnalysis:
      "Note: no gap analysis supplied; segments are marked only as missing (M) or covered. Weak, external and single-source links were not assessed.",
    parentRule: "A segment with sub-segments is marked as the worst of them",
    mixed: (parts) => `Sub-segments: ${parts.join(", ")}`,
    mastersTitle: "Chain masters: ",
    summary: ({ segments, firms, masters, gaps, talks }) =>
      [
        `${segments} segments`,
        `${firms} local firms (${masters} chain masters)`,
        ...gaps.map(([k, n]) => `${n} ${GAP_SHORT.en[k]}`),
        ...(talks ? [`${talks} projects in talks`] : []),
      ].join(" · "),
    talks: (n) => `in talks ${n}`,
    talksTitle: (n) => `${n} project${n === 1 ? "" : "s"} in talks:`,
    talksLegend:
      ": pipeline projects under way for this segment (contacted, visited, negotiating, signed; hover for investor, county, stage, first report)",
  },
};

export const GAP_SHORT: Record<FishboneLang, Record<GapKind, string>> = {
  zh: { missing: "缺链", weak: "弱链", external: "外部依赖", "single-source": "单一来源", covered: "已覆盖" },
  en: {
    missing: "missing",
    weak: "weak",
    external: "external",
    "single-source": "single-source",
    covered: "covered",
  },
};

export const nameIn = (name: { zh: string; en?: string | undefined }, lang: FishboneLang) =>
  lang === "en" ? (name.en ?? name.zh) : name.zh;
