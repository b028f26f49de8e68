// The target ranking as an export table (one row per firm, every term and the reasons as columns).
import type { TargetScore } from "../../analysis/targets/rank-targets.ts";
import type { Table } from "./table-export.ts";

const round = (x: number) => Math.round(x * 1000) / 1000;

export function targetTable(chain: string, rows: ReadonlyArray<TargetScore>): Table {
  return {
    name: `targets-${chain}`,
    header: [
      "排名 rank",
      "企业 firm",
      "id",
      "国家 country",
      "榜单 lists",
      "得分 score",
      "缺口匹配 gapFit",
      "层级 tier",
      "链主往来 masterTies",
      "关联度 relatedness",
      "环节 gaps",
      "证据 evidence",
      "说明",
      "explanation",
    ],
    rows: rows.map((r, i) => [
      i + 1,
      r.firm.name.zh,
      r.firm.id,
      r.firm.country,
      r.firm.tags.join(" "),
      round(r.score),
      round(r.terms.gapFit),
      round(r.terms.tier),
      round(r.terms.masterTies),
      round(r.terms.relatedness),
      r.gaps.join(" "),
      r.evidence.map((e) => `${e.segment}:${e.grade}/${e.via}:${e.detail}`).join("; "),
      r.explanation.zh,
      r.explanation.en,
    ]),
  };
}
