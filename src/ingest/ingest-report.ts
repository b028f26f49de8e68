// The documented answer of an import, shared by `ingest --json` and POST /api/ingest:
// {encoding, added, updated, merged, queued, unchanged, skipped} (arrays), plus where it came from.
import type { IngestResult } from "./ingest-file.ts";

export function ingestReport(r: IngestResult) {
  return {
    encoding: r.encoding,
    added: r.added,
    updated: r.updated,
    merged: r.merged,
    queued: r.queued,
    unchanged: r.unchanged,
    skipped: r.skipped,
    file: r.file,
    format: r.format,
    source: r.source,
    dryRun: r.dryRun,
    otherYears: r.otherYears,
    changeId: r.changeId ?? null,
    warnings: r.warnings,
  };
}

export type IngestReport = ReturnType<typeof ingestReport>;
