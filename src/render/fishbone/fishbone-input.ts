// FishboneInput: what the fishbone renderer draws, and its builder from the graph (+ gap findings, targets).
import type { ChainGaps, GapFinding, GapKind } from "../../analysis/gaps/gap-finding.ts";
import { NotFoundError } from "../../errors.ts";
import {
  type AtlasGraph,
  chainOf,
  type FirmInSegment,
  firmOf,
  localFirmsOfSegment,
  mastersOfChain,
  segmentsOfChain,
} from "../../graph/index.ts";
import type { Firm, LocalizedName, MasterLevel, Stage } from "../../model/index.ts";
import type { Project } from "../../model/project.ts";
import { type ProjectInTalks, projectsInTalks } from "./projects-in-talks.ts";

export type FishboneLang = "zh" | "en";

export interface FishboneFirm {
  id: string;
  /** The name to print (a short form of the registered name). */
  name: LocalizedName;
  master: boolean;
}

export interface FishboneSegment {
  id: string;
  name: LocalizedName;
  stage: Stage;
  /** Parent segment id; sub-segments follow their parent in `segments`. */
  parent?: string | undefined;
  /** The kind drawn: for a parent, the worst of itself and its sub-segments. */
  gap: GapKind;
  /** A parent whose sub-segments are not all of one kind: how many of each (drawn as a note). */
  mixed?: Partial<Record<GapKind, number>> | undefined;
  /** What the kind means here, for the card's tooltip. */
  tooltip?: string | undefined;
  /** Local firms, chain masters first. */
  firms: FishboneFirm[];
  /** Up to three investment targets; only drawn on gap segments. */
  targets: FishboneFirm[];
  /** Pipeline projects in talks that fill this segment (drawn as a marker with a tooltip). */
  talks?: ProjectInTalks[] | undefined;
}

export interface FishboneInput {
  lang: FishboneLang;
  chain: { id: string; name: LocalizedName };
  title: string;
  /** The date the drawing states, YYYY-MM-DD. */
  date: string;
  /** The data-source line printed under the legend. */
  source: string;
  /** False when kinds were derived from local firms only (missing / covered), without gap analysis. */
  gapAnalysis: boolean;
  /** In drawing order: stage order, each top-level segment followed by its sub-segments. */
  segments: FishboneSegment[];
  /** The chain masters with the level of their designation, for the legend. */
  masters?: FishboneMaster[] | undefined;
}

/** A chain master as the legend states it: 县级链主型企业（桐乡经济开发区）. */
export interface FishboneMaster {
  name: LocalizedName;
  level?: MasterLevel | undefined;
  issuer?: string | undefined;
}

/** A ranked target row as the target analysis returns it; only the firm is drawn. */
export interface TargetRow {
  firm: { id: string; name: LocalizedName };
}

export interface FishboneInputOptions {
  lang?: FishboneLang;
  date: string;
  gaps?: ChainGaps | undefined;
  /** Ranked targets per segment id, best first. */
  targets?: ReadonlyMap<string, ReadonlyArray<TargetRow>> | undefined;
  /** The city, for the title (嘉兴市光伏新能源产业链鱼骨图). */
  city?: LocalizedName | undefined;
  /** Overrides the data-source line. */
  source?: string | undefined;
  /** The pipeline's projects; those in talks are marked on the segments they fill. */
  projects?: ReadonlyArray<Project> | undefined;
}

const MAX_TARGETS = 3;

/** What a segment's mark means, in words a chain lead can check against the figures (the card's tooltip). */
function gapTooltip(lang: FishboneLang, gap: GapKind, f: GapFinding | undefined): string {
  const zh: Record<GapKind, string> = {
    missing: "缺链：本环节无本地企业",
    weak: "弱链：本地企业少或规模小，不足以满足本地需求",
    external: "外部依赖：本地企业所需的已观测供应主要来自市外",
    "single-source": "单一来源：本地企业所需的已观测供应只来自一家供应商（不论本地有几家同类企业）",
    covered: "已覆盖：有本地企业，供给基本满足本地需求",
  };
  const en: Record<GapKind, string> = {
    missing: "Missing: no local firm in this segment",
    weak: "Weak: too few or too small local firms for local demand",
    external: "External: observed supply to local firms comes mostly from outside the city",
    "single-source":
      "Single source: observed supply to local firms comes from one supplier (however many local firms make it)",
    covered: "Covered: local firms meet local demand",
  };
  const base = (lang === "en" ? en : zh)[gap];
  if (!f) return base;
  const why = f.explanation[lang];
  return f.children && f.children.worst !== f.kind
    ? `${base}${lang === "en" ? " (worst of its sub-segments). " : "（取子环节中最差者）。"}${why}`
    : `${base}${lang === "en" ? ". " : "。"}${why}`;
}
const GRADE_RANK = { strong: 0, medium: 1, weak: 2 } as const;
const LEGAL_FORM = /(股份有限公司|有限责任公司|集团有限公司|有限公司|股份公司|公司)$/u;
const EN_LEGAL_FORM =
  /[,\s]+(co\.?,?\s*ltd\.?|co\.?|ltd\.?|inc\.?|corp\.?|corporation|limited|gmbh|ag|plc)$/iu;

/** Place names worth dropping from a firm's name (嘉兴, 浙江, the counties), from the graph's regions. */
export function placeNamesOf(g: AtlasGraph, city?: LocalizedName): string[] {
  const names = new Set<string>(city ? [city.zh] : []);
  g.forEachNode((_k, a) => {
    if (a.kind === "region") names.add(a.region.name.zh);
    if (a.kind === "firm" && a.local && a.firm.location.province) names.add(a.firm.location.province);
  });
  const out = new Set<string>();
  for (const n of names) {
    out.add(n);
    const bare = n.replace(/(省|市|区|县|新区|开发区|高新区)$/u, "");
    if (bare.length >= 2) out.add(bare);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * A short display name: the longest alias that abbreviates the registered name, else the name without
 * its legal form and without a leading or bracketed place name (浙江晶科能源有限公司 → 晶科能源).
 */
export function shortFirmName(firm: Pick<Firm, "name">, places: string[] = []): LocalizedName {
  let zh = firm.name.zh.replace(LEGAL_FORM, "").trim();
  const city = /^\p{Script=Han}{2,3}[省市]/u.exec(zh)?.[0];
  if (city && zh.length - city.length >= 4) zh = zh.slice(city.length);
  for (const p of places) {
    zh = zh.replace(new RegExp(`[（(]${escapeRegExp(p)}[）)]`, "u"), "");
    if (zh.startsWith(p) && zh.length - p.length >= 2) zh = zh.slice(p.length);
  }
  zh = zh.replace(LEGAL_FORM, "").trim() || firm.name.zh;
  const alias = firm.name.aliases
    .filter(
      (a) => /\p{Script=Han}/u.test(a) && a.length >= 2 && a.length < zh.length && firm.name.zh.includes(a),
    )
    .sort((a, b) => b.length - a.length)[0];
  const en = firm.name.en?.replace(EN_LEGAL_FORM, "").trim();
  return { zh: alias ?? zh, ...(en ? { en } : {}) };
}

/** A region id's name, from the graph's regions. */
export function regionNamesOf(g: AtlasGraph): (id: string) => LocalizedName | undefined {
  const names = new Map<string, LocalizedName>();
  g.forEachNode((_k, a) => {
    if (a.kind === "region") names.set(a.region.id, a.region.name);
  });
  return (id) => names.get(id);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function byRelevance(masters: Set<string>) {
  return (a: FirmInSegment, b: FirmInSegment) =>
    Number(masters.has(b.firm.id)) - Number(masters.has(a.firm.id)) ||
    GRADE_RANK[a.link.grade] - GRADE_RANK[b.link.grade] ||
    (b.firm.revenue?.amountMillions ?? 0) - (a.firm.revenue?.amountMillions ?? 0) ||
    a.firm.name.zh.localeCompare(b.firm.name.zh, "zh");
}

/** Source ids cited by what the drawing shows, and how many of those facts are demo assumptions. */
function provenanceOf(firms: FirmInSegment[]): { sources: number; assumed: number } {
  const sources = new Set<string>();
  let assumed = 0;
  for (const { firm, link } of firms) {
    for (const s of [...firm.sources, ...link.sources]) sources.add(s);
    if (link.assumed || firm.assumed) assumed++;
  }
  return { sources: sources.size, assumed };
}

function defaultSource(lang: FishboneLang, p: { sources: number; assumed: number }): string {
  if (lang === "en")
    return `Source: chain-atlas knowledge graph of local firms and chain segments, citing ${p.sources} public documents${p.assumed > 0 ? `; ${p.assumed} firm–segment links are demo assumptions` : ""}.`;
  return `数据来源：chain-atlas 产业链知识图谱（本地企业与环节归属均附出处，引用公开资料 ${p.sources} 份${p.assumed > 0 ? `；其中 ${p.assumed} 条企业—环节关系为演示假设` : ""}）。`;
}

/**
 * Builds the fishbone of one chain. Gap kinds come from `gaps` when given; without it a segment is
 * "missing" when neither it nor a sub-segment has a local firm, else "covered".
 */
export function fishboneInputOf(g: AtlasGraph, chainId: string, opts: FishboneInputOptions): FishboneInput {
  const chain = chainOf(g, chainId);
  if (!chain)
    throw new NotFoundError(
      `chain "${chainId}" is not in the graph; run \`chain-atlas chains\` to list the chain ids`,
    );
  const lang = opts.lang ?? "zh";
  const masterSet = new Set(mastersOfChain(g, chainId));
  const places = placeNamesOf(g, opts.city);
  const findings = new Map(opts.gaps?.findings.map((f) => [f.segment.id, f]));
  const segments = segmentsOfChain(g, chainId);
  const drawn: FirmInSegment[] = [];

  const local = new Map<string, FirmInSegment[]>();
  for (const s of segments) {
    const seen = new Set<string>();
    const firms = localFirmsOfSegment(g, s.id).filter((f) => !seen.has(f.firm.id) && seen.add(f.firm.id));
    local.set(s.id, firms.sort(byRelevance(masterSet)));
    drawn.push(...firms);
  }
  // A parent counts as present when any of its sub-segments has a local firm.
  const present = new Set<string>();
  for (const s of [...segments].reverse()) {
    if ((local.get(s.id)?.length ?? 0) > 0 || present.has(s.id)) {
      present.add(s.id);
      if (s.parent) present.add(s.parent);
    }
  }

  const talks = opts.projects?.length
    ? projectsInTalks(opts.projects, opts.date, regionNamesOf(g))
    : undefined;
  const out: FishboneSegment[] = segments.map((s) => {
    const finding = findings.get(s.id);
    const gap: GapKind =
      finding?.children?.worst ?? finding?.kind ?? (present.has(s.id) ? "covered" : "missing");
    const mixed = finding?.children?.mixed
      ? Object.fromEntries(Object.entries(finding.children.counts).filter(([, n]) => n > 0))
      : undefined;
    const targets = gap === "covered" ? [] : (opts.targets?.get(s.id) ?? []).slice(0, MAX_TARGETS);
    return {
      id: s.id,
      name: s.name,
      stage: s.stage,
      parent: s.parent,
      gap,
      mixed,
      tooltip: gapTooltip(lang, gap, finding),
      firms: local.get(s.id)!.map((f) => ({
        id: f.firm.id,
        name: shortFirmName(f.firm, places),
        master: masterSet.has(f.firm.id),
      })),
      targets: targets.map((t) => ({
        id: t.firm.id,
        name: shortFirmName(firmOf(g, t.firm.id) ?? { name: { ...t.firm.name, aliases: [] } }, places),
        master: false,
      })),
      ...(talks?.has(s.id) ? { talks: talks.get(s.id) } : {}),
    };
  });

  const chainName = lang === "en" ? (chain.name.en ?? chain.name.zh) : chain.name.zh;
  const city = opts.city ? (lang === "en" ? (opts.city.en ?? opts.city.zh) : opts.city.zh) : "";
  const title =
    lang === "en"
      ? `${city ? `${city}: ` : ""}${chainName} chain — fishbone map`
      : `${city}${chainName}鱼骨图`;
  return {
    lang,
    chain: { id: chain.id, name: chain.name },
    title,
    date: opts.date,
    source: opts.source ?? defaultSource(lang, provenanceOf(drawn)),
    gapAnalysis: opts.gaps !== undefined,
    segments: out,
    masters: (chain.masters ?? []).map((m) => ({
      name: shortFirmName(firmOf(g, m.firm) ?? { name: { zh: m.firm, aliases: [] } }, places),
      level: m.level,
      issuer: m.issuer,
    })),
  };
}
