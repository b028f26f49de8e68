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
    inferredProducts: "推断产品",
    "sourceQuality.byKind.government": "来源·政府",
    "sourceQuality.byKind.company": "来源·企业",
    "sourceQuality.byKind.filing": "来源·公告",
    "sourceQuality.byKind.press": "来源·媒体",
    "sourceQuality.byKind.repost": "来源·转载",
    "sourceQuality.byKind.unknown": "来源·未分类",
    "sourceQuality.duplicateUrls": "重复网址",
    "sourceQuality.uncited": "未被引用的来源",
    "sourceQuality.blockedHosts": "屏蔽网站来源",
    "sourceQuality.repostShare": "转载占比",
    "mastersByLevel.city": "链主·市级认定",
    "mastersByLevel.county": "链主·县级认定",
    "mastersByLevel.zone": "链主·园区认定",
    "mastersByLevel.assumed": "链主·演示假设",
    "mastersByLevel.unset": "链主·未注明层级",
    "assumedByReason.region": "假设·区域",
    "assumedByReason.cluster": "假设·集群",
    "assumedByReason.chain-group": "假设·产业链分组",
    "assumedByReason.official": "假设·链长",
    "assumedByReason.chain": "假设·产业链",
    "assumedByReason.chain-master": "假设·链主",
    "assumedByReason.segment": "假设·环节",
    "assumedByReason.feed": "假设·环节衔接",
    "assumedByReason.firm": "假设·企业",
    "assumedByReason.firm-name": "假设·企业名称",
    "assumedByReason.list-tag": "假设·榜单标签",
    "assumedByReason.figure": "假设·营收/人数",
    "assumedByReason.segment-link": "假设·企业—环节归属",
    "assumedByReason.supply-tie": "假设·供应关系",
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
    inferredProducts: "inferred products",
    "sourceQuality.byKind.government": "sources: government",
    "sourceQuality.byKind.company": "sources: company",
    "sourceQuality.byKind.filing": "sources: filing",
    "sourceQuality.byKind.press": "sources: press",
    "sourceQuality.byKind.repost": "sources: repost",
    "sourceQuality.byKind.unknown": "sources: kind not set",
    "sourceQuality.duplicateUrls": "repeated addresses",
    "sourceQuality.uncited": "sources nothing cites",
    "sourceQuality.blockedHosts": "sources on blocked hosts",
    "sourceQuality.repostShare": "share of reposts",
    "mastersByLevel.city": "chain masters named by the city",
    "mastersByLevel.county": "chain masters named by a county",
    "mastersByLevel.zone": "chain masters named by a zone",
    "mastersByLevel.assumed": "chain masters assumed for the demo",
    "mastersByLevel.unset": "chain masters, level not given",
    "assumedByReason.region": "assumed: regions",
    "assumedByReason.cluster": "assumed: clusters",
    "assumedByReason.chain-group": "assumed: chain groups",
    "assumedByReason.official": "assumed: officials",
    "assumedByReason.chain": "assumed: chains",
    "assumedByReason.chain-master": "assumed: chain masters",
    "assumedByReason.segment": "assumed: segments",
    "assumedByReason.feed": "assumed: segment feeds",
    "assumedByReason.firm": "assumed: firms",
    "assumedByReason.firm-name": "assumed: firm names",
    "assumedByReason.list-tag": "assumed: list tags",
    "assumedByReason.figure": "assumed: figures",
    "assumedByReason.segment-link": "assumed: firm–segment links",
    "assumedByReason.supply-tie": "assumed: supply ties",
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
