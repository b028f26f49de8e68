// chain-atlas ingest <file> --as <kind>: import an Excel sheet, a CSV/TSV list or a saved web page, with entity resolution.
import { userInfo } from "node:os";
import type { Command } from "commander";
import { type IngestResult, ingestFile, ingestReport } from "../../ingest/index.ts";
import type { CliContext } from "../context.ts";
import { printJson } from "../output.ts";

interface IngestFlags {
  as: string;
  list?: string;
  year?: string;
  batch?: string;
  map: string[];
  dryRun?: boolean;
  who: string;
  why: string;
  sourceKind?: string;
  source?: string;
  origin?: string;
  country?: string;
  region?: string;
  maxRows?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function register(program: Command, ctx: CliContext): void {
  program
    .command("ingest")
    .description(
      "import a firm list (xlsx, csv, tsv, html) or a saved firm page; matches firms already in the store",
    )
    .argument("<file>", "the file to import")
    .requiredOption("--as <kind>", "local-firms | supply-survey | candidates | firm-page")
    .option("--list <name>", "the list the rows are on, e.g. fortune-global-500")
    .option("--year <year>", "the list's year (rows of other years in the file are left out)")
    .option("--batch <batch>", "the list's batch (MIIT little giants, single-item champions)")
    .option("--map <col=field>", "read column col as field (repeatable)", collect, [])
    .option("--dry-run", "show what would change; change nothing")
    .option("--who <name>", "who makes the change", userInfo().username)
    .option("--why <reason>", "why", "ingest")
    .option(
      "--source-kind <kind>",
      "government | company | filing | press | repost (default: repost for lists)",
    )
    .option("--source <id>", "cite this existing source instead of recording one for the file")
    .option("--origin <text>", "where the list comes from originally (kept in the source's note)")
    .option("--country <code>", "country (ISO alpha-2) for rows that name none")
    .option("--region <id>", "region for local-firm rows that name none")
    .option("--max-rows <n>", "refuse files with more data rows than this (default 50000)")
    .action(async (file: string, f: IngestFlags) => {
      const store = await ctx.openStore();
      const bar = progressBar(file);
      const result = await ingestFile(
        store,
        file,
        {
          as: f.as,
          list: f.list,
          year: f.year,
          batch: f.batch,
          map: f.map,
          dryRun: f.dryRun === true,
          who: f.who,
          why: f.why,
          sourceKind: f.sourceKind,
          source: f.source,
          origin: f.origin,
          country: f.country,
          region: f.region,
          maxRows: f.maxRows,
        },
        { onProgress: bar.update },
      ).finally(bar.done);
      if (ctx.json) printJson(ingestReport(result));
      else printSummary(result);
    });
}

function printSummary(r: IngestResult): void {
  const out: string[] = [
    `${r.dryRun ? "dry run: " : ""}${r.file} (${r.format}, ${r.encoding}): ${r.added.length} added, ${r.updated.length} updated, ${r.merged.length} merged, ${r.queued.length} queued for review, ${r.unchanged.length} unchanged, ${r.skipped.length} skipped${r.otherYears ? `, ${r.otherYears} rows of other years left out` : ""}`,
  ];
  for (const m of r.merged)
    out.push(
      `  merged  row ${m.row}: ${m.name} → ${m.id} (${m.by}; ${m.fields?.join(", ") || "nothing new"})`,
    );
  for (const q of r.queued)
    out.push(
      `  review  row ${q.row}: ${q.name} ~ ${q.candidate.id} (${q.reason})${q.review ? ` — chain-atlas review accept|reject ${q.review}` : ""}`,
    );
  for (const s of r.skipped)
    out.push(`  skipped row ${s.row} ${s.column}: ${s.reason}${s.dropped ? " (row left out)" : ""}`);
  out.push(
    r.changeId
      ? `applied as change #${r.changeId}`
      : r.dryRun
        ? "nothing was changed (dry run)"
        : "nothing to change",
  );
  process.stdout.write(`${out.join("\n")}\n`);
}

/** A progress bar on stderr for files large enough to wait for (redrawn in place on a terminal). */
function progressBar(file: string) {
  let last = -1;
  let shown = false;
  return {
    update: (read: number, size: number) => {
      if (size < 4 * 1024 * 1024) return;
      const pct = Math.min(100, Math.floor((read / size) * 100));
      const step = process.stderr.isTTY ? pct : pct - (pct % 10);
      if (step <= last) return; // the count after the row limit starts over: never draw backwards
      last = step;
      shown = true;
      const w = 30;
      const fill = Math.round((pct / 100) * w);
      const line = `ingest ${file}: [${"#".repeat(fill)}${"-".repeat(w - fill)}] ${pct}% ${(read / 1048576).toFixed(1)}/${(size / 1048576).toFixed(1)} MB`;
      process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
    },
    done: () => {
      if (shown && process.stderr.isTTY) process.stderr.write("\n");
    },
  };
}
