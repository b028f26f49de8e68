// Merging what a row says into a firm the store holds: new facts are added, the store's own facts are kept.

import { normaliseName } from "../../model/firm-name.ts";
import type { Firm } from "../../model/index.ts";
import type { FirmDraft } from "./row-to-firm.ts";

export interface MergeResult {
  firm: Firm;
  /** The fields that gained something, e.g. ["tags", "revenue"]; empty when the row adds nothing. */
  fields: string[];
  /** Facts where the row disagrees with the store (the store's value is kept). */
  conflicts: string[];
}

/** Adds the draft's facts to the firm without overwriting what it has; returns a new firm. */
export function mergeFirm(existing: Firm, d: FirmDraft, sourceId: string): MergeResult {
  const f: Firm = structuredClone(existing);
  const fields = new Set<string>();
  const conflicts: string[] = [];

  const names = new Set([f.name.zh, f.name.en, ...f.name.aliases].filter((n): n is string => !!n));
  if (d.name.en && !f.name.en) {
    f.name.en = d.name.en;
    names.add(d.name.en);
    fields.add("name.en");
  }
  // The row's spelling becomes an alias, so the next import matches it exactly.
  for (const n of [d.name.zh, d.name.en, ...d.name.aliases])
    if (n && !names.has(n)) {
      f.name.aliases.push(n);
      names.add(n);
      fields.add("name.aliases");
    }
  if (d.creditCode && !f.creditCode) {
    f.creditCode = d.creditCode;
    fields.add("creditCode");
  }
  for (const k of ["province", "city", "region", "address"] as const)
    if (d.location[k] && !f.location[k]) {
      f.location[k] = d.location[k];
      fields.add(`location.${k}`);
    }
  for (const t of d.tags) {
    const same = f.tags.find((x) => x.list === t.list && x.year === t.year && x.batch === t.batch);
    if (!same) {
      f.tags.push(t);
      fields.add("tags");
    } else if (t.rank !== undefined && same.rank === undefined) {
      same.rank = t.rank;
      if (!same.sources.includes(sourceId)) same.sources.push(sourceId);
      fields.add("tags");
    } else if (t.rank !== undefined && same.rank !== t.rank)
      conflicts.push(`rank ${t.rank} on ${t.list} ${t.year ?? t.batch}, the store has ${same.rank}`);
  }
  for (const k of ["revenue", "employees"] as const) {
    const next = d[k];
    const have = f[k];
    if (!next) continue;
    if (!have || have.year < next.year) {
      (f as Record<string, unknown>)[k] = next;
      fields.add(k);
    } else if (have.year === next.year && JSON.stringify(value(have)) !== JSON.stringify(value(next)))
      conflicts.push(
        `${k} ${JSON.stringify(value(next))} for ${next.year}, the store has ${JSON.stringify(value(have))}`,
      );
  }
  if (d.industry && !f.industry) {
    f.industry = d.industry;
    fields.add("industry");
  }
  const products = new Set(f.products.map((p) => normaliseName(p.name)));
  for (const p of d.products)
    if (!products.has(normaliseName(p.name))) {
      f.products.push(p);
      products.add(normaliseName(p.name));
      fields.add("products");
    }
  for (const c of d.codes)
    if (!f.codes.includes(c)) {
      f.codes.push(c);
      fields.add("codes");
    }
  if (fields.size > 0 && !f.sources.includes(sourceId)) f.sources.push(sourceId);
  return { firm: fields.size > 0 ? f : existing, fields: [...fields], conflicts };
}

function value(x: { amountMillions: number; currency: string } | { count: number }): unknown {
  return "count" in x ? x.count : [x.amountMillions, x.currency];
}
