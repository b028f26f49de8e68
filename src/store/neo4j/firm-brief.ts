// A firm outside the city in brief: what a ranking's score of it is made of, kept on its node (`brief`), so that the
// ranking of a province's chain reads tens of thousands of candidates without their whole rows (names, products,
// figures, sources) and then reads whole only those that rank (SubgraphOptions.pick).
import { z } from "zod";
import { StoreError } from "../../errors.ts";
import {
  Basis,
  Confidence,
  EvidenceGrade,
  type Firm,
  firmNames,
  IndustryCode,
  ListName,
  SegmentLink,
} from "../../model/index.ts";

/**
 * Everything of a firm a chain's ranking reads when the firm is not local (candidate-fit.ts, score-candidates.ts,
 * firm-tier.ts, analysis-index.ts): its country, lists, codes, industry and segment links, and how many products
 * and names it has (the stored text evidence names them by index).
 */
export const FirmBrief = z.strictObject({
  k: z.string().regex(/^[A-Z]{2}$/),
  /** The list of each tag, in tag order. */
  l: z.array(ListName),
  c: z.array(IndustryCode),
  i: z.string().optional(),
  p: z.number().int().nonnegative(),
  n: z.number().int().positive(),
  /** Its segment links in link order: [segment, grade, basis, confidence]. */
  s: z.array(z.tuple([SegmentLink.shape.segment, EvidenceGrade, Basis, Confidence])),
});
export type FirmBrief = z.infer<typeof FirmBrief>;

/** The brief of a firm, as its node keeps it (JSON). */
export function firmBrief(f: Firm): string {
  const b: FirmBrief = {
    k: f.location.country,
    l: f.tags.map((t) => t.list),
    c: f.codes,
    ...(f.industry === undefined ? {} : { i: f.industry }),
    p: f.products.length,
    n: firmNames(f).length,
    s: f.segments.map((l) => [l.segment, l.grade, l.basis, l.confidence]),
  };
  return JSON.stringify(b);
}

/**
 * A stand-in Firm from a stored brief: scored exactly as the whole firm (a firm outside the city), but with no
 * names, product names, figures or sources of its own (each name is its id, each product name empty). Never
 * shown: only a ranking's choice of which firms to read whole looks at it.
 */
export function briefFirm(id: string, json: string): Firm {
  const bad = (why: string) => new StoreError(`Neo4j holds firm "${id}" whose brief ${why}`);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw bad("is not JSON");
  }
  const parsed = FirmBrief.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw bad(`is not valid: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const b = parsed.data;
  return {
    id,
    name: { zh: id, aliases: Array.from({ length: b.n - 1 }, () => id) },
    location: { country: b.k },
    tags: b.l.map((list) => ({ list, sources: [] })) as unknown as Firm["tags"],
    products: Array.from({ length: b.p }, () => ({ name: "", sources: [] })),
    codes: b.c,
    ...(b.i === undefined ? {} : { industry: b.i }),
    segments: b.s.map(([segment, grade, basis, confidence]) => ({
      segment,
      grade,
      basis,
      confidence,
      sources: [],
    })),
    sources: [],
  } as Firm;
}
