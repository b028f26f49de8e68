// The Source an import records for its file: every imported fact cites it.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { LIST_LABELS, type Source } from "../../model/index.ts";
import type { IngestOptions } from "../ingest-options.ts";

/** The SHA-256 of a file, streamed (a large import is never held in memory whole). */
export async function fileDigest(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The source for a file: the same file gives the same id, so a re-import cites what the first one recorded. */
export function importSource(file: string, sha256: string, opts: IngestOptions, how: string): Source {
  const name = basename(file);
  const digest = sha256.slice(0, 12);
  const slug = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50);
  const list = opts.list ? `${LIST_LABELS[opts.list].en} ${opts.year ?? opts.batch ?? ""}`.trim() : undefined;
  const kind =
    opts.sourceKind ?? (opts.as === "candidates" || opts.as === "firm-page" ? "repost" : "government");
  return {
    id: `src-import-${slug || "file"}-${digest.slice(0, 6)}`,
    title: list ? `${list} (${name})` : name,
    read: opts.today,
    kind,
    ...(opts.origin ? { original: { title: opts.origin } } : {}),
    note: [
      `imported by chain-atlas ingest --as ${opts.as} from ${name} (${how}, sha256 ${digest})`,
      opts.origin ? `origin: ${opts.origin}` : undefined,
    ]
      .filter(Boolean)
      .join("; "),
  };
}
