// Seeds: reading, validating and writing the YAML directories the bureau maintains.
export {
  formatPath,
  type ParsedSeed,
  type ParseOptions,
  parseSeed,
  type SeedFileInput,
} from "./parse-seed.ts";
export { BLOCKED_HOSTS_FILE, parseBlockedHosts, readBlockedHosts } from "./read-blocked-hosts.ts";
export { readIndustryCodes } from "./read-industry-codes.ts";
export {
  GBT_CLASSES_CSV,
  readCrosswalks,
  readIndustryClasses,
  readMatchingResources,
  readProductsEn,
  readReference,
  readVocabulary,
} from "./read-matching.ts";
export { loadSeed, readSeed, readSeedFiles } from "./read-seed.ts";
export { type SeedLists, seedLayout } from "./seed-layout.ts";
export { writeSeed, writeStreamedSeed } from "./write-seed.ts";
