// A chain master's supplier survey row: the supplier is the row's firm, the tie names a customer the store has.
import { parseNumber } from "../map/parse-number.ts";
import type { EntityIndex } from "../resolve/resolve-entity.ts";
import type { DraftRow } from "./make-plan.ts";
import type { RowRecord, SkippedCell } from "./row-record.ts";
import { rowToFirm } from "./row-to-firm.ts";

/** A survey row: the supplier is the row's firm; the customer must be a firm the store already has. */
export function surveyRow(
  rec: RowRecord,
  ctx: Parameters<typeof rowToFirm>[1],
  customers: EntityIndex,
  skipped: SkippedCell[],
  rows: DraftRow[],
): void {
  const v = rec.values;
  const drop = (field: "customer" | "product" | "supplier", reason: string): void => {
    skipped.push({ row: rec.row, column: rec.header(field), reason, dropped: true });
  };
  if (!v.customer) {
    drop("customer", "no customer in this row; expected the buying firm (采购方/链主企业)");
    return;
  }
  const c = customers.resolve({ names: [v.customer] });
  if (c.kind !== "match") {
    drop(
      "customer",
      `found ${JSON.stringify(v.customer)}, which is not a firm in the store${c.kind === "uncertain" ? ` (closest: ${c.id}; ${c.reason})` : ""}; import the customer first`,
    );
    return;
  }
  if (!v.product) {
    drop("product", "no product in this row; expected what the supplier supplies");
    return;
  }
  let share: number | undefined;
  if (v.share) {
    const n = parseNumber(v.share.replace(/%$/, ""));
    if (n instanceof Error || n === undefined || n.value < 0 || n.value > 100)
      skipped.push({
        row: rec.row,
        column: rec.header("share"),
        reason: `found ${JSON.stringify(v.share)}; expected a share like 30%`,
        dropped: false,
      });
    else share = v.share.trim().endsWith("%") || n.value > 1 ? n.value / 100 : n.value;
  }
  const draft = rowToFirm({ ...rec, values: { ...v, name: v.supplier } }, ctx, skipped);
  if (!draft) return;
  rows.push({
    row: rec.row,
    draft,
    tie: {
      customer: c.id,
      product: v.product,
      ...(share !== undefined ? { share } : {}),
      ...(v.period ? { period: v.period } : {}),
      basis: "observed",
      confidence: 0.9,
      sources: [ctx.sourceId],
    },
  });
}
