// Firm: a local firm (located in the city) or a candidate elsewhere; its list tags and segment links.
import { z } from "zod";
import { Basis, Confidence, EvidenceGrade, Id, PartialDate, provenance } from "./common.ts";
import { IndustryCode } from "./industry-code.ts";

/** Lists a firm can be on; each tag carries the list's year or batch. */
export const ListName = z.enum([
  "fortune-global-500",
  "china-500",
  "china-private-500",
  "little-giant",
  "single-champion",
  "hidden-champion",
  "listed",
  "multinational",
  "hq",
  "foreign-rd-centre",
]);
export type ListName = z.infer<typeof ListName>;

export const ListTag = z
  .strictObject({
    list: ListName,
    year: z.number().int().min(1950).max(2100).optional(),
    batch: z.union([z.number().int().min(1), z.string().trim().min(1)]).optional(),
    rank: z.number().int().min(1).optional(),
    /** For `listed`: the exchange code, e.g. "601865.SH". */
    code: z.string().trim().min(1).optional(),
    ...provenance,
  })
  .refine(
    (t) => t.list === "listed" || t.list === "multinational" || t.year !== undefined || t.batch !== undefined,
    {
      message: "expected the list's year or batch",
      path: ["year"],
    },
  );
export type ListTag = z.infer<typeof ListTag>;

export const FirmName = z.strictObject({
  zh: z.string().trim().min(1, "expected a non-empty Chinese name"),
  en: z.string().trim().min(1, "expected a non-empty English name").optional(),
  aliases: z.array(z.string().trim().min(1)).default([]),
  /** True when no source gives the registered name and the one shown is the curator's; the note says why. */
  assumed: z.boolean().optional(),
  note: z.string().trim().min(1).optional(),
});

export const Location = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/, "expected an ISO 3166 alpha-2 country code like CN"),
  province: z.string().trim().min(1).optional(),
  city: z.string().trim().min(1).optional(),
  /** A region of this seed (county, district, park): set exactly for local firms. */
  region: Id.optional(),
  address: z.string().trim().min(1).optional(),
});
export type Location = z.infer<typeof Location>;

/** A yearly figure such as revenue, in millions of the currency. */
export const MoneyFigure = z.strictObject({
  amountMillions: z.number().nonnegative(),
  currency: z.enum(["CNY", "USD"]),
  year: z.number().int().min(1950).max(2100),
  ...provenance,
});

export const HeadCount = z.strictObject({
  count: z.number().int().nonnegative(),
  year: z.number().int().min(1950).max(2100),
  ...provenance,
});

/** Firm IN_SEGMENT Segment, with evidence grade, observed/inferred and confidence. */
export const SegmentLink = z.strictObject({
  segment: Id,
  grade: EvidenceGrade,
  product: z.string().trim().min(1).optional(),
  basis: Basis,
  confidence: Confidence,
  since: PartialDate.optional(),
  ...provenance,
});
export type SegmentLink = z.infer<typeof SegmentLink>;

/**
 * A product the firm makes, with the sources that name it; `inferred` when none does and a curator read it
 * off a broader description. A bare string in a seed file is a product without sources yet.
 */
export const Product = z.preprocess(
  (v) => (typeof v === "string" ? { name: v } : v),
  z.strictObject({
    name: z.string().trim().min(1, "expected a non-empty product name"),
    sources: z.array(Id).default([]),
    inferred: z.boolean().optional(),
    note: z.string().trim().min(1).optional(),
  }),
);
export type Product = z.infer<typeof Product>;

export const Firm = z.strictObject({
  id: Id,
  name: FirmName,
  /** Unified social credit code (统一社会信用代码). */
  creditCode: z
    .string()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, "expected an 18-character unified social credit code")
    .optional(),
  /** The group this firm belongs to (a local plant's parent company). */
  parent: Id.optional(),
  location: Location,
  tags: z.array(ListTag).default([]),
  revenue: MoneyFigure.optional(),
  employees: HeadCount.optional(),
  products: z.array(Product).default([]),
  codes: z.array(IndustryCode).default([]),
  /** The industry as a list prints it, e.g. Fortune's "Motor Vehicles & Parts" (matched via crosswalks). */
  industry: z.string().trim().min(1).optional(),
  segments: z.array(SegmentLink).default([]),
  ...provenance,
});
export type Firm = z.infer<typeof Firm>;

/** The texts a firm's name evidence is matched in, in order: its Chinese name, English name, aliases. */
export const firmNames = (f: Firm): string[] => [
  f.name.zh,
  ...(f.name.en ? [f.name.en] : []),
  ...f.name.aliases,
];
