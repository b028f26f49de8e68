// A short reason per target row: which aim and gaps, on what evidence (quoting the matched words), whom it serves.
import { LIST_LABELS } from "../../model/index.ts";
import type { AnalysisIndex } from "../core/analysis-index.ts";
import type { FirmRef } from "../gaps/gap-finding.ts";
import type { FitEvidence } from "./candidate-fit.ts";
import { bestList } from "./firm-tier.ts";
import { type Aim, type GapFit, MIN_FILL_FIT, type ScoredCandidate } from "./score-candidates.ts";

/** How each kind of evidence is named (a curated link without a product names no product: the label says it all). */
export const VIA_LABELS: Record<FitEvidence["via"], { zh: string; en: string }> = {
  link: { zh: "已核实主营", en: "curated link" },
  tie: { zh: "已向本地企业供货", en: "already supplies a local firm" },
  product: { zh: "产品匹配", en: "product match" },
  code: { zh: "行业代码匹配", en: "industry-code match" },
  crosswalk: { zh: "榜单行业对应", en: "list industry crosswalk" },
  name: { zh: "名称匹配", en: "name match" },
};
const GRADE_ZH = { strong: "强", medium: "中", weak: "弱" } as const;
export const AIM_LABELS: Record<Aim, { zh: string; en: string }> = {
  fill: { zh: "补链", en: "fill" },
  strengthen: { zh: "强链", en: "strengthen" },
  extend: { zh: "延链", en: "extend" },
};

const quoteZh = (e: FitEvidence) =>
  e.words && e.words.length > 0 ? `“${e.words.join("、")}”于 ${e.detail}` : e.detail;
const quoteEn = (e: FitEvidence) =>
  e.words && e.words.length > 0 ? `"${e.words.join('", "')}" in ${e.detail}` : e.detail;
/** The evidence's label and what it quotes (nothing for a curated link that names no product). */
const evidenceZh = (e: FitEvidence) => [VIA_LABELS[e.via].zh, quoteZh(e)].filter((x) => x !== "").join(" ");
const evidenceEn = (e: FitEvidence) => [VIA_LABELS[e.via].en, quoteEn(e)].filter((x) => x !== "").join(", ");

function gapZh(gf: GapFit): string {
  const e = gf.evidence[0]!;
  const possible = gf.fit < MIN_FILL_FIT ? "可能相关，" : "";
  return `${AIM_LABELS[gf.aim].zh}·${gf.finding.segment.name.zh}（${possible}${GRADE_ZH[e.grade]}：${evidenceZh(e)}）`;
}

function gapEn(gf: GapFit): string {
  const e = gf.evidence[0]!;
  const possible = gf.fit < MIN_FILL_FIT ? "possible, " : "";
  return `${AIM_LABELS[gf.aim].en} ${gf.finding.segment.name.en ?? gf.finding.segment.name.zh} (${possible}${e.grade}: ${evidenceEn(e)})`;
}

/** E.g. "补链·光伏玻璃（中：产品匹配 “压延、玻璃”于 光伏压延玻璃）；可服务晶科能源等2家；榜单：世界500强". */
export function explainTarget(
  ix: AnalysisIndex,
  c: ScoredCandidate,
  serves: FirmRef[],
): { zh: string; en: string } {
  const fits = c.fits.slice(0, 3);
  const more = c.fits.length > 3 ? c.fits.length - 3 : 0;
  const zh = [`${fits.map(gapZh).join("、")}${more ? `等${c.fits.length}个环节` : ""}`];
  const en = [`${fits.map(gapEn).join("; ")}${more ? ` and ${more} more` : ""}`];
  if (serves.length > 0) {
    zh.push(
      `可服务本地${serves
        .slice(0, 2)
        .map((f) => f.name.zh)
        .join("、")}${serves.length > 2 ? `等${serves.length}家` : ""}`,
    );
    en.push(
      `would serve ${serves
        .slice(0, 2)
        .map((f) => f.name.en ?? f.name.zh)
        .join(", ")}${serves.length > 2 ? ` and ${serves.length - 2} more local firms` : ""}`,
    );
  }
  const list = bestList(ix.firms[c.firm]!);
  if (list) {
    zh.push(`榜单：${LIST_LABELS[list].zh}`);
    en.push(`on list: ${LIST_LABELS[list].en}`);
  }
  if (c.masters.length > 0) {
    zh.push(`已与链主${c.masters.map((m) => ix.firms[m]!.name.zh).join("、")}（或其所属集团）有供应往来`);
    en.push(
      `already trades with chain master ${c.masters.map((m) => ix.firms[m]!.name.en ?? ix.firms[m]!.name.zh).join(", ")} (or its group)`,
    );
  }
  return { zh: `${zh.join("；")}。`, en: `${en.join("; ")}.` };
}
