// chain-atlas import <dir>: validate a seed and apply it whole in one transaction, or not at all (--dry-run: show the diff).
import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { setFlagsFromString } from "node:v8";
import type { Command } from "commander";
import { loadSeed } from "../../seed/index.ts";
import { type ChangeItem, EmbeddedStore, storeFile } from "../../store/index.ts";
import type { CliContext } from "../context.ts";
import { printJson } from "../output.ts";
import { commandProgress } from "../progress-bar.ts";
import { type CliLang, KIND_WORDS } from "../words.ts";

/**
 * How far V8 lets the heap grow past what survived the last full GC, for an import (1 + this/100). Left to its
 * own heuristics V8 grows it about threefold while a province's text evidence is indexed (live ~420 MB, peak RSS
 * ~1.45 GB on 100,000 firms); 1.5× keeps the peak near 1.06 GB in the same time (58.9 s, was 59.7). V8 reads
 * the flag at each GC, so setting it when the command starts takes effect.
 */
const IMPORT_HEAP_GROWING_PERCENT = 50;

/** Ids listed per kind and action before "… and N more". */
const LISTED = 10;

/** Counts (and the first ids) of a diff, per kind. */
export function diffByKind(items: ReadonlyArray<ChangeItem>) {
  const out: Record<string, Record<ChangeItem["action"], string[]>> = {};
  for (const i of items) {
    out[i.kind] ??= { added: [], changed: [], removed: [] };
    out[i.kind]![i.action].push(i.id);
  }
  return out;
}

function diffText(items: ReadonlyArray<ChangeItem>, lang: CliLang): string {
  if (items.length === 0) return "no change: the store already holds this seed\n";
  const lines: string[] = [];
  for (const [kind, actions] of Object.entries(diffByKind(items))) {
    const name = lang === "en" ? kind : `${KIND_WORDS.zh[kind] ?? kind} ${kind}`;
    lines.push(
      `${name}: ${actions.added.length} added, ${actions.changed.length} changed, ${actions.removed.length} removed`,
    );
    for (const action of ["added", "changed", "removed"] as const) {
      const ids = actions[action];
      if (ids.length === 0) continue;
      const more = ids.length > LISTED ? ` … and ${ids.length - LISTED} more` : "";
      lines.push(`  ${action}: ${ids.slice(0, LISTED).join(", ")}${more}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command("import")
    .description("validate a seed directory and replace the store's contents with it (one transaction)")
    .argument("<dir>", "seed directory")
    .option("--who <name>", "who makes the change", userInfo().username)
    .option("--why <reason>", "why", "import")
    .option("--dry-run", "print what would change (added / changed / removed per kind) and change nothing")
    .option(
      "--progress",
      "draw progress on stderr (files read, rows written, rate, time left) even when it is not a terminal",
    )
    .action(async (dir: string, opts: { who: string; why: string; progress?: boolean; dryRun?: boolean }) => {
      setFlagsFromString(`--heap-growing-percent=${IMPORT_HEAP_GROWING_PERCENT}`);
      const forced = opts.progress === true;
      const reading = commandProgress("import: read", "files", forced);
      const items = (n: number) => `${n.toLocaleString("en-US")} items`;
      let dataset: ReturnType<typeof loadSeed>;
      try {
        dataset = loadSeed(dir, {
          onFile: reading ? (done, total, n) => reading.update(done, total, items(n)) : undefined,
        });
      } finally {
        reading?.done(); // the errors, if any, start on a line of their own
      }
      if (opts.dryRun) {
        // Against a store that does not exist yet everything is added; nothing is created to find that out.
        const exists = existsSync(storeFile({ db: ctx.options.db }));
        const store = exists ? await ctx.openStore("read") : new EmbeddedStore(":memory:");
        const items = await store.previewReplace(dataset);
        if (!exists) await store.close();
        if (ctx.json) printJson({ dryRun: true, changes: diffByKind(items) });
        else
          process.stdout.write(
            `dry run of importing ${dir} (nothing written):\n${diffText(items, ctx.lang)}`,
          );
        return;
      }
      const store = await ctx.openStore("create");
      const writing = commandProgress("import: write", "rows", forced);
      const summary = await store.replaceDataset(
        dataset,
        { who: opts.who, why: `${opts.why} (${dir})` },
        {
          onProgress: writing
            ? (n, total) => {
                writing.update(n, total);
                // The bar ends on its own line before the apply step, which has no count to show.
                if (n === total && writing.done())
                  process.stderr.write("import: applying (diff, history, search and subgraph indexes) …\n");
              }
            : undefined,
          subgraphKeys: await ctx.writeSubgraphKeys(),
        },
      );
      if (ctx.json)
        printJson({
          changeId: summary.changeId ?? null,
          added: summary.added,
          changed: summary.changed,
          removed: summary.removed,
        });
      else if (summary.changeId === undefined)
        process.stdout.write(`imported ${dir}: no change (the store already holds it); nothing recorded\n`);
      else
        process.stdout.write(
          `imported ${dir}: ${summary.added} added, ${summary.changed} changed, ${summary.removed} removed (change #${summary.changeId})\n`,
        );
    });
}
