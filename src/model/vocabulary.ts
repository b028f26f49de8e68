// Matching vocabulary: per segment, the words a list would print for it (zh and en), and where they came from.
import { z } from "zod";
import { Id } from "./common.ts";

const word = z.string().trim().min(1, "expected a non-empty word");

/** Synonyms and more specific product names of one segment, in Chinese and English. */
export const VocabularyEntry = z.strictObject({
  segment: Id,
  zh: z.array(word).default([]),
  en: z.array(word).default([]),
});
export type VocabularyEntry = z.infer<typeof VocabularyEntry>;

/** One vocabulary file (one chain); `origin` says where its words came from (never the seed's firm lists). */
export const VocabularyFile = z.strictObject({
  chain: Id,
  origin: z.string().trim().min(1, "expected where the words came from"),
  segments: z.array(VocabularyEntry).default([]),
});
export type VocabularyFile = z.infer<typeof VocabularyFile>;

/** A GB/T 4754-2017 class as the code list describes it (read at run time, never copied into the seed). */
export interface IndustryClass {
  code: string;
  name: string;
  description: string;
}
