// The gap report's vocabulary in Chinese and English: section titles, gap kinds, factors, score terms, list names.
import type { GapFactors, GapKind } from "../../analysis/gaps/gap-finding.ts";
import type { TargetTerms } from "../../analysis/targets/score-candidates.ts";
import { LIST_LABELS, type ListName, type Stage } from "../../model/index.ts";

export type ReportLang = "zh" | "en";

export interface ReportWords {
  title: (city: string, chain: string) => string;
  subtitle: string;
  date: string;
  lead: string;
  masters: string;
  none: string;
  noLeadFound: string;
  figures: string;
  coverage: string;
  localSupply: string;
  localSupplyUnknown: string;
  observedTies: (n: number) => string;
  localFirms: string;
  candidates: string;
  gapsByKind: string;
  fishbone: string;
  gapTable: string;
  chainCol: string;
  segment: string;
  stage: string;
  kind: string;
  severity: string;
  localFirmsCol: string;
  why: string;
  targetsPerGap: string;
  target: string;
  country: string;
  lists: string;
  score: string;
  reason: string;
  noTargets: string;
  portfolio: string;
  portfolioNote: (k: number, closed: string, total: string) => string;
  pick: string;
  gain: string;
  cumulative: string;
  closes: string;
  ranking: string;
  policy: string;
  policyText: string[];
  /** Where the rules come from, and how far this report can vouch for them. */
  policyBasis: string;
  /** The distribution line on page 1 and in every footer. */
  notice: string;
  /** Page footer: notice, title, page n of m (Chromium fills the spans). */
  footer: (title: string) => string;
  notesTitle: string;
  notes: (n: {
    date: string;
    sources: number;
    assumed: number;
    candidates: number;
    localSupply: string;
  }) => string[];
  sources: string;
  sourcesNote: (n: number) => string;
  read: string;
  index: (city: string) => string;
  indexNote: string;
  kinds: Record<GapKind, string>;
  stages: Record<Stage, string>;
  factors: Record<keyof GapFactors, string>;
  terms: Record<keyof TargetTerms, string>;
  listNames: Record<ListName, string>;
  /** Projects in talks under each gap, and the page-1 figure. */
  talks: {
    title: string;
    investor: string;
    county: string;
    stage: string;
    amount: string;
    holder: string;
    clock: string;
    noHold: string;
    /** The first-report clock on the report's date. */
    until: (day: string, daysLeft: number) => string;
    figure: string;
    figureNote: (projects: number) => string;
    summary: (gaps: number, total: number, projects: number) => string;
  };
}

const listNamesIn = (lang: ReportLang) =>
  Object.fromEntries(Object.entries(LIST_LABELS).map(([k, v]) => [k, v[lang]])) as Record<ListName, string>;

export const REPORT_WORDS: Record<ReportLang, ReportWords> = {
  zh: {
    title: (city, chain) => `${city}${chain}补链强链招商报告`,
    subtitle: "产业链鱼骨图 · 缺链弱链诊断 · 招引目标",
    date: "报告日期",
    lead: "链长",
    masters: "链主企业",
    none: "无",
    noLeadFound: "公开资料未载明",
    figures: "核心指标",
    coverage: "环节本地覆盖率",
    localSupply: "本地配套率",
    localSupplyUnknown: "无可观测供应关系",
    observedTies: (n) => `（据${n}条供应关系）`,
    localFirms: "本地企业",
    candidates: "市外候选企业",
    gapsByKind: "缺口",
    fishbone: "产业链鱼骨图",
    gapTable: "缺口清单（按严重度排序）",
    chainCol: "产业链",
    segment: "环节",
    stage: "阶段",
    kind: "类型",
    severity: "严重度",
    localFirmsCol: "本地企业",
    why: "说明",
    targetsPerGap: "各缺口的招引目标",
    target: "目标企业",
    country: "国别",
    lists: "榜单",
    score: "得分",
    reason: "理由",
    noTargets: "候选库中暂无匹配企业",
    portfolio: "推荐招引组合",
    portfolioNote: (k, closed, total) =>
      `贪心加权最大覆盖选出 ${k} 家，合计补上缺口严重度 ${closed} / ${total}；同一缺口的第二家企业贡献递减。`,
    pick: "企业",
    gain: "边际贡献",
    cumulative: "累计",
    closes: "补链环节",
    ranking: "全链招引目标排名",
    policy: "招商工作提示",
    policyText: [
      "总投资10亿元以上或1亿美元以上的项目实行“首报首谈”：首报县（市、区）享有一个月独家洽谈期，期满未落地的可流转，双方同等计分。",
      "30亿元以上或1亿美元以上的重大签约项目，须提前一周向市里预报。",
    ],
    policyBasis:
      "出处：嘉兴市招商引资“首报首谈”制度与“重大签约项目预报”制度。本工具收录的公开资料中未找到两项制度的原文，门槛与程序以市投资促进部门现行文件为准。",
    notice: "内部资料　仅供参考",
    footer: (title) =>
      `内部资料　仅供参考　·　${title}　·　第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页`,
    notesTitle: "说明",
    notes: ({ date, sources, assumed, candidates, localSupply }) => [
      `数据截至${date}，取自 chain-atlas 产业链知识图谱；本报告所述事实引用公开资料 ${sources} 份，出处列于文末${assumed > 0 ? `；其中 ${assumed} 条为演示假设（无公开出处，已标注）` : ""}。`,
      `本地配套率：${localSupply}。缺链环节的外部采购多未被观测，比例仅反映已观测的供应关系。`,
      "判定规则：缺链＝无本地企业；弱链＝本地企业少或规模小；外部依赖＝本地企业所需供应主要来自市外；单一来源＝本地企业所需的已观测供应只来自一家供应商；含子环节的环节按子环节中最差的状态标注。",
      `招引目标限于图谱收录的 ${candidates} 家市外候选企业，按公开资料初筛排序，不代表企业投资意向，须经对接核实。链主按认定机构标注级别（市级、县级、园区级），无公开认定者注明为演示假设。`,
    ],
    sources: "数据来源",
    sourcesNote: (n) => `本报告所述事实引用公开资料 ${n} 份（每条企业、环节归属与供应关系均附出处）。`,
    read: "阅读日期",
    index: (city) => `${city}产业链补链强链招商报告`,
    indexNote: "每条产业链一份报告，可直接打印（A4 纵向，鱼骨图页 A3 横向）。",
    kinds: {
      missing: "缺链",
      weak: "弱链",
      external: "外部依赖",
      "single-source": "单一来源",
      covered: "已覆盖",
    },
    stages: { upstream: "上游", midstream: "中游", downstream: "下游" },
    factors: {
      demand: "本地需求",
      deficiency: "供给缺口",
      concentration: "供应集中",
      position: "链上位置",
      strategic: "战略权重",
    },
    terms: { gapFit: "补缺", tier: "层级", masterTies: "链主关联", relatedness: "关联度" },
    listNames: listNamesIn("zh"),
    talks: {
      title: "在谈项目",
      investor: "投资方",
      county: "县（市、区）",
      stage: "阶段",
      amount: "总投资",
      holder: "首报首谈",
      clock: "独家洽谈期",
      noHold: "—",
      until: (day, left) => (left >= 0 ? `至 ${day}（剩 ${left} 天）` : `${day} 已到期`),
      figure: "有在谈项目的缺口",
      figureNote: (n) => `在谈项目 ${n} 个`,
      summary: (gaps, total, n) => `${total} 个缺口中 ${gaps} 个有在谈项目（共 ${n} 个项目）`,
    },
  },
  en: {
    title: (city, chain) => `${city}: ${chain} — gaps and investment targets`,
    subtitle: "Fishbone · missing and weak links · targets",
    date: "Date",
    lead: "Chain lead",
    masters: "Chain masters",
    none: "none",
    noLeadFound: "not named in public sources",
    figures: "Headline figures",
    coverage: "Segments with local firms",
    localSupply: "Local supply share",
    localSupplyUnknown: "no observed supply ties",
    observedTies: (n) => `(from ${n} supply tie${n === 1 ? "" : "s"})`,
    localFirms: "Local firms",
    candidates: "Candidates outside the city",
    gapsByKind: "Gaps",
    fishbone: "Fishbone",
    gapTable: "Gaps by severity",
    chainCol: "Chain",
    segment: "Segment",
    stage: "Stage",
    kind: "Kind",
    severity: "Severity",
    localFirmsCol: "Local firms",
    why: "Why",
    targetsPerGap: "Targets for each gap",
    target: "Target",
    country: "Country",
    lists: "Lists",
    score: "Score",
    reason: "Reason",
    noTargets: "no matching candidate in the pool",
    portfolio: "Recommended portfolio",
    portfolioNote: (k, closed, total) =>
      `${k} firms picked by greedy weighted maximum coverage, closing ${closed} of ${total} gap severity; a second firm for the same gap counts less.`,
    pick: "Firm",
    gain: "Marginal gain",
    cumulative: "Cumulative",
    closes: "Gaps it fills",
    ranking: "Ranked targets for the chain",
    policy: "Rules for the investment teams",
    policyText: [
      "Projects of ≥ 1 bn yuan or ≥ 100 M USD are 'first reported, first negotiated': the reporting county gets one month of exclusive talks, after which the project may be transferred with equal credit.",
      "Signings of ≥ 3 bn yuan or ≥ 100 M USD are pre-reported to the city one week ahead.",
    ],
    policyBasis:
      "Basis: Jiaxing's 'first reported, first negotiated' rule and its pre-report rule for major signings. The public sources this tool holds do not include the texts of either rule; the investment-promotion office's current documents govern thresholds and procedure.",
    notice: "Internal — for reference only",
    footer: (title) =>
      `Internal — for reference only · ${title} · page <span class="pageNumber"></span> of <span class="totalPages"></span>`,
    notesTitle: "Notes",
    notes: ({ date, sources, assumed, candidates, localSupply }) => [
      `Data as of ${date}, from the chain-atlas knowledge graph; the facts in this report cite ${sources} public sources, listed at the end${assumed > 0 ? `; ${assumed} facts are demo assumptions (no public source, marked as such)` : ""}.`,
      `Local supply share: ${localSupply}. Purchases for missing segments are mostly unobserved; the share covers observed ties only.`,
      "Rules: missing = no local firm; weak = too few or too small local firms; external = supply to local firms comes mostly from outside; single source = observed supply to local firms comes from one supplier; a segment with sub-segments is marked as the worst of them.",
      `Targets are limited to the ${candidates} candidate firms in the graph, ranked from public information as a first screen; they do not express any firm's intent and must be verified in talks. Chain masters carry the level of the body that named them (city, county, zone); one without a public designation is marked as a demo assumption.`,
    ],
    sources: "Sources",
    sourcesNote: (n) =>
      `The facts in this report cite ${n} public sources (each firm, segment link and supply tie carries its own).`,
    read: "read",
    index: (city) => `${city}: chain gap reports`,
    indexNote: "One report per chain, printable (A4 portrait; the fishbone page A3 landscape).",
    kinds: {
      missing: "missing",
      weak: "weak",
      external: "external",
      "single-source": "single source",
      covered: "covered",
    },
    stages: { upstream: "upstream", midstream: "midstream", downstream: "downstream" },
    factors: {
      demand: "demand",
      deficiency: "deficiency",
      concentration: "concentration",
      position: "position",
      strategic: "strategic",
    },
    terms: { gapFit: "gap fit", tier: "tier", masterTies: "master ties", relatedness: "relatedness" },
    listNames: listNamesIn("en"),
    talks: {
      title: "Projects in talks",
      investor: "Investor",
      county: "County",
      stage: "Stage",
      amount: "Investment",
      holder: "First report",
      clock: "Exclusive talks",
      noHold: "—",
      until: (day, left) => (left >= 0 ? `until ${day} (${left} days left)` : `ended ${day}`),
      figure: "Gaps with a project in talks",
      figureNote: (n) => `${n} project${n === 1 ? "" : "s"} in talks`,
      summary: (gaps, total, n) =>
        `${gaps} of ${total} gaps have a project in talks (${n} project${n === 1 ? "" : "s"})`,
    },
  },
};
