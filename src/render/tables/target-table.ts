// The target ranking as an export table (one row per firm, every term and the reasons as columns; names, not ids).

import type { TargetScore } from "../../analysis/targets/rank-targets.ts";
import { AIM_LABELS, VIA_LABELS } from "../../analysis/targets/target-explanation.ts";
import { LIST_LABELS } from "../../model/index.ts";
import type { Table } from "./table-export.ts";

const round = (x: number | null) => (x === null ? "未知 unknown" : Math.round(x * 1000) / 1000);
const GRADE = { strong: "强", medium: "中", weak: "弱" } as const;

export function targetTable(chain: string, rows: ReadonlyArray<TargetScore>): Table {
  return {
    name: `targets-${chain}`,
    header: [
      "排名 rank",
      "企业 firm",
      "id",
      "国家 country",
      "榜单 lists",
      "目的 aim",
      "得分 score",
      "缺口匹配 gapFit",
      "层级 tier",
      "链主往来 masterTies",
      "关联度 relatedness",
      "环节 segments",
      "证据 evidence",
      "说明",
      "explanation",
    ],
    rows: rows.map((r, i) => [
      i + 1,
      r.firm.name.zh,
      r.firm.id,
      r.firm.country,
      r.firm.tags.map((t) => LIST_LABELS[t].zh).join("、"),
      `${AIM_LABELS[r.aim].zh} ${AIM_LABELS[r.aim].en}`,
      round(r.score),
      round(r.terms.gapFit),
      round(r.terms.tier),
      round(r.terms.masterTies),
      round(r.terms.relatedness),
      r.gapFits.map((g) => `${AIM_LABELS[g.aim].zh}·${g.name.zh}`).join("、"),
      r.evidence
        .map(
          (e) =>
            `${GRADE[e.grade]}·${e.detail || VIA_LABELS[e.via].zh}${e.words?.length ? `（${e.words.join("、")}）` : ""}`,
        )
        .join("；"),
      r.explanation.zh,
      r.explanation.en,
    ]),
  };
}
