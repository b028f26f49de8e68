// chain-atlas as a library: the model, seeds, stores, the graph, the analysis and the renderers.
export * from "./analysis/index.ts";
export * from "./errors.ts";
export * from "./graph/index.ts";
export * from "./model/index.ts";
export * from "./render/index.ts";
export * from "./seed/index.ts";
export * from "./store/index.ts";
