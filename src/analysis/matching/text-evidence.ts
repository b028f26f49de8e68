// The text evidence of one (firm, segment) pair as a store keeps it: what candidate-fit.ts finds by matching the
// firm's products and names against the whole segment list, written once (subgraph-keys.ts) so that a per-chain
// ranking reads it instead of building the matcher and matching every firm's text again.
import { z } from "zod";
import { StoreError } from "../../errors.ts";
import { type Firm, firmNames } from "../../model/index.ts";

export const TextEvidenceDetail = z.strictObject({
  /** Product matches in product order: [index in firm.products, grade, fit, shared words as written]. */
  p: z.array(
    z.tuple([
      z.number().int().nonnegative(),
      z.enum(["weak", "medium"]),
      z.number().positive().max(1),
      z.array(z.string()),
    ]),
  ),
  /** Name phrase matches (SegmentMatcher.matchPhrases), in name order: indexes in firmNames(firm). */
  n: z.array(z.number().int().nonnegative()),
});
export type TextEvidenceDetail = z.infer<typeof TextEvidenceDetail>;

/** The stored text evidence of a subgraph's firms, by firm id and segment id (each detail as stored, JSON). */
export class StoredTextEvidence {
  private readonly byFirm = new Map<
    string,
    Array<[segment: string, json: string, parsed?: TextEvidenceDetail | undefined]>
  >();

  constructor(rows: Iterable<readonly [firm: string, segment: string, json: string]>) {
    for (const [firm, segment, json] of rows) {
      const list = this.byFirm.get(firm);
      // A pair read twice (a read beside a rebuild) counts once.
      if (!list) this.byFirm.set(firm, [[segment, json]]);
      else if (!list.some(([s]) => s === segment)) list.push([segment, json]);
    }
  }

  /**
   * The firm's evidence by segment, each detail through its schema (once: a ranking that picks what to read whole
   * asks twice) and checked against the firm's products and names; a detail that fails names the firm, the segment
   * and the problem (the store's data is then stale or damaged).
   */
  of(f: Firm): Array<[segment: string, detail: TextEvidenceDetail]> {
    return (this.byFirm.get(f.id) ?? []).map((entry) => {
      const [segment, json] = entry;
      const bad = (why: string) =>
        new StoreError(`stored text evidence of firm "${f.id}" for segment "${segment}" ${why}`);
      let detail = entry[2];
      if (!detail) {
        let value: unknown;
        try {
          value = JSON.parse(json);
        } catch {
          throw bad("is not JSON");
        }
        const parsed = TextEvidenceDetail.safeParse(value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw bad(`is not valid: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
        }
        detail = entry[2] = parsed.data;
      }
      const names = firmNames(f).length;
      if (detail.p.some(([k]) => k >= f.products.length) || detail.n.some((k) => k >= names))
        throw bad(
          "names a product or name the firm does not have (stale: rebuild the store's text evidence)",
        );
      return [segment, detail];
    });
  }
}
