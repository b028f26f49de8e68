// Importers' public face: one call per operation, for the CLI and an API route alike.
export { type IngestResult, ingestFile, type ReviewPayload } from "./ingest-file.ts";
export { IngestKind, IngestOptions, parseIngestOptions } from "./ingest-options.ts";
export { type IngestReport, ingestReport } from "./ingest-report.ts";
export { ImportField } from "./map/import-field.ts";
export type { IngestPlan, PlanEntry, QueuedMatch } from "./plan/make-plan.ts";
export type { SkippedCell } from "./plan/row-record.ts";
export type { ReadHooks } from "./read-rows.ts";
export { decideReview, type ReviewOutcome } from "./review-decision.ts";
