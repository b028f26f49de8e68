// One sentence per gap finding, in Chinese and English, quoting the firms and figures behind it.
import type { FirmRef, GapFinding } from "./gap-finding.ts";

const pct = (x: number) => `${Math.round(x * 100)}%`;
const zhNames = (fs: FirmRef[]) =>
  fs
    .slice(0, 3)
    .map((f) => f.name.zh)
    .join("、");
const enNames = (fs: FirmRef[]) =>
  fs
    .slice(0, 3)
    .map((f) => f.name.en ?? f.name.zh)
    .join(", ");
const zhSome = (fs: FirmRef[]) =>
  fs.length > 3 ? `${zhNames(fs)}等${fs.length}家` : `${zhNames(fs)}${fs.length}家`;
const enSome = (fs: FirmRef[], what: string) =>
  `${fs.length > 3 ? `${enNames(fs)} and ${fs.length - 3} more` : enNames(fs)} (${fs.length} ${what}${fs.length === 1 ? "" : "s"})`;

type Parts = Pick<
  GapFinding,
  "segment" | "kind" | "factors" | "localFirms" | "externalSuppliers" | "demandFirms" | "ties"
>;

/** Explains a finding: what is (not) local, who needs it, where they buy it. */
export function explainGap(f: Parts): { zh: string; en: string } {
  const demand = f.demandFirms ?? [];
  const zhSeg = f.segment.name.zh;
  const enSeg = f.segment.name.en ?? f.segment.name.zh;
  const share = 1 - f.factors.deficiency;
  const zhBuy = f.externalSuppliers.length > 0 ? `从市外的${zhNames(f.externalSuppliers)}采购` : "需要该环节";
  const enBuy =
    f.externalSuppliers.length > 0
      ? `buy it from outside the city (${enNames(f.externalSuppliers)})`
      : "need it";
  const zhDemand = demand.length > 0 ? `${zhSome(demand)}本地下游企业${zhBuy}` : "本地暂无下游需求企业";
  const enDemand =
    demand.length > 0
      ? `${enSome(demand, "local downstream firm")} ${enBuy}`
      : "no local downstream firm needs it yet";
  switch (f.kind) {
    case "missing":
      return { zh: `${zhSeg}：本地无企业，${zhDemand}。`, en: `${enSeg}: no local firm; ${enDemand}.` };
    case "external":
      return {
        zh: `${zhSeg}：本地有${zhSome(f.localFirms)}企业，但本地供给仅占${pct(share)}，${zhDemand}。`,
        en: `${enSeg}: ${enSome(f.localFirms, "local firm")}, but local supply is only ${pct(share)}; ${enDemand}.`,
      };
    case "single-source": {
      const only = f.externalSuppliers[0] ?? f.localFirms[0];
      return {
        zh: `${zhSeg}：本地需求只由${only ? only.name.zh : "一家企业"}一家供应（集中度${f.factors.concentration.toFixed(2)}），断供风险高。`,
        en: `${enSeg}: local demand is served by one supplier${only ? ` (${only.name.en ?? only.name.zh})` : ""} (HHI ${f.factors.concentration.toFixed(2)}), a choke point.`,
      };
    }
    case "weak":
      return {
        zh: `${zhSeg}：本地仅${zhSome(f.localFirms)}企业，不足以满足${demand.length}家本地下游企业的需求（本地供给约${pct(share)}）。`,
        en: `${enSeg}: only ${enSome(f.localFirms, "local firm")} for ${demand.length} local downstream firms (local supply about ${pct(share)}).`,
      };
    case "covered":
      return {
        zh: `${zhSeg}：本地有${zhSome(f.localFirms)}企业，供给基本满足本地需求。`,
        en: `${enSeg}: ${enSome(f.localFirms, "local firm")} meet local demand.`,
      };
  }
}
