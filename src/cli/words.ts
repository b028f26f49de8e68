// The command line's vocabulary in Chinese (default) and English: kinds, counts, gap kinds, and Shanghai time.
import type { GapKind } from "../analysis/gaps/gap-finding.ts";

export type CliLang = "zh" | "en";

export const GAP_KIND_WORDS: Record<CliLang, Record<GapKind, string>> = {
  zh: { missing: "缺链", weak: "弱链", external: "外部依赖", "single-source": "单一来源", covered: "已覆盖" },
  en: {
    missing: "missing",
    weak: "weak",
    external: "external",
    "single-source": "single source",
    covered: "covered",
  },
};

/** Entity kinds as the store and history name them. */
export const KIND_WORDS: Record<CliLang, Record<string, string>> = {
  zh: {
    region: "城市",
    sources: "资料来源",
    regions: "区域",
    chains: "产业链",
    segments: "环节",
    firms: "企业",
    ties: "供应关系",
    officials: "链长",
    clusters: "集群",
    groups: "分组",
    feeds: "环节衔接",
  },
  en: {
    region: "city",
    sources: "sources",
    regions: "regions",
    chains: "chains",
    segments: "segments",
    firms: "firms",
    ties: "supply ties",
    officials: "officials",
    clusters: "clusters",
    groups: "groups",
    feeds: "segment feeds",
  },
};

/** The counts of `stats`, by their JSON key. */
export const STAT_WORDS: Record<CliLang, Record<string, string>> = {
  zh: {
    chains: "产业链",
    segments: "环节",
    feeds: "环节衔接",
    localFirms: "本地企业",
    candidateFirms: "市外候选企业",
    firmSegmentLinks: "企业—环节归属",
    supplyTies: "供应关系",
    sources: "资料来源",
    regions: "区域",
    clusters: "集群",
    officials: "链长",
    chainMasters: "链主企业",
    unsourcedFacts: "无出处事实",
    assumedFacts: "演示假设事实",
  },
  en: {
    chains: "chains",
    segments: "segments",
    feeds: "segment feeds",
    localFirms: "local firms",
    candidateFirms: "candidate firms",
    firmSegmentLinks: "firm–segment links",
    supplyTies: "supply ties",
    sources: "sources",
    regions: "regions",
    clusters: "clusters",
    officials: "officials",
    chainMasters: "chain masters",
    unsourcedFacts: "unsourced facts",
    assumedFacts: "assumed facts",
  },
};

export const ACTION_WORDS: Record<CliLang, Record<"added" | "changed" | "removed", string>> = {
  zh: { added: "新增", changed: "修改", removed: "删除" },
  en: { added: "added", changed: "changed", removed: "removed" },
};

const SHANGHAI = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** An ISO instant as Beijing time, e.g. 2026-12-02 14:05:09 (UTC+8). */
export function shanghaiTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${SHANGHAI.format(d)} (UTC+8)`;
}

/** Today's date in Shanghai, YYYY-MM-DD (a report dated in Jiaxing is dated by its clock). */
export function shanghaiToday(now = new Date()): string {
  return SHANGHAI.format(now).slice(0, 10);
}
