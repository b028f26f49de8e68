// The model's public face: schemas and the types inferred from them.
export * from "./chain.ts";
export * from "./cluster.ts";
export * from "./common.ts";
export * from "./crosswalk.ts";
export * from "./dataset.ts";
export * from "./firm.ts";
export * from "./industry-code.ts";
export * from "./list-labels.ts";
export * from "./official.ts";
export * from "./reference-population.ts";
export * from "./region.ts";
export * from "./rules.ts";
export * from "./seed-file.ts";
export * from "./segment.ts";
export * from "./source.ts";
export * from "./supply-tie.ts";
export * from "./vocabulary.ts";
