// A short reason per target row: which gaps, on what evidence, whom it would serve, why it weighs.
import { LIST_LABELS } from "../../model/index.ts";
import type { AnalysisIndex } from "../core/analysis-index.ts";
import type { FirmRef } from "../gaps/gap-finding.ts";
import type { FitEvidence } from "./candidate-fit.ts";
import { bestList } from "./firm-tier.ts";
import type { ScoredCandidate } from "./score-candidates.ts";

const VIA_ZH: Record<FitEvidence["via"], string> = {
  link: "已核实主营",
  tie: "已向本地企业供货",
  product: "产品匹配",
  code: "行业代码匹配",
  name: "名称匹配",
};
const VIA_EN: Record<FitEvidence["via"], string> = {
  link: "curated link",
  tie: "already supplies a local firm",
  product: "product match",
  code: "industry-code match",
  name: "name match",
};
const GRADE_ZH = { strong: "强", medium: "中", weak: "弱" } as const;

/** E.g. "补光伏玻璃（强：已向本地企业供货 光伏玻璃 → 晶科）；可服务晶科能源等2家；世界500强；与1家链主有往来". */
export function explainTarget(
  ix: AnalysisIndex,
  c: ScoredCandidate,
  serves: FirmRef[],
): { zh: string; en: string } {
  const fits = c.fits.slice(0, 3);
  const zhGaps = fits
    .map(
      (gf) =>
        `${gf.finding.segment.name.zh}（${GRADE_ZH[gf.evidence[0]!.grade]}：${VIA_ZH[gf.evidence[0]!.via]} ${gf.evidence[0]!.detail}）`,
    )
    .join("、");
  const enGaps = fits
    .map(
      (gf) =>
        `${gf.finding.segment.name.en ?? gf.finding.segment.name.zh} (${gf.evidence[0]!.grade}: ${VIA_EN[gf.evidence[0]!.via]}, ${gf.evidence[0]!.detail})`,
    )
    .join("; ");
  const more = c.fits.length > 3 ? c.fits.length - 3 : 0;
  const zh = [`补${zhGaps}${more ? `等${c.fits.length}个环节` : ""}`];
  const en = [`fills ${enGaps}${more ? ` and ${more} more` : ""}`];
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
