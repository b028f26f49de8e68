// Parses the files of a seed (bytes in, no I/O) into one dataset, with every problem located by file and line.
import { CORE_SCHEMA, load as loadFast } from "js-yaml";
import { type Document, isMap, isSeq, LineCounter, parseDocument, visit } from "yaml";
import type { z } from "zod";
import { type InputIssue, type SchemaIssue, schemaMessage } from "../errors.ts";
import {
  checkDataset,
  type Dataset,
  emptyDataset,
  type Locator,
  type RuleOptions,
  SEED_COLLECTIONS,
  SEED_KEYS,
  SEED_SINGLETONS,
  type SeedCollectionKey,
} from "../model/index.ts";

export interface SeedFileInput {
  /** Path shown in messages, relative to the seed directory. */
  path: string;
  /** The file's bytes, or a reader of them: a lazy input is read when parsed and again only for a line number. */
  bytes: Uint8Array | (() => Uint8Array);
}

const bytesOf = (input: SeedFileInput): Uint8Array =>
  typeof input.bytes === "function" ? input.bytes() : input.bytes;

/** How parseSeed reports on a long read: after each file, the files done, all files, and items collected. */
export interface ParseOptions extends RuleOptions {
  onFile?: (done: number, total: number, items: number) => void;
}

export interface ParsedSeed {
  /** The dataset, only when there are no issues. */
  dataset: Dataset | undefined;
  issues: InputIssue[];
  /** Problems that do not make the seed invalid (the rules in WARNING_RULES), located like issues. */
  warnings: InputIssue[];
}

type PathKey = string | number;
interface Origin {
  file: string;
  path: PathKey[];
}
/**
 * A file that parsed as YAML. Neither its text nor its syntax tree (several times the text) is kept once the
 * file's items are collected: a province seed's text alone is hundreds of megabytes. A later finding that
 * needs a line number reads and parses the file again.
 */
interface LoadedFile {
  path: string;
  input: SeedFileInput;
  tree: { doc: Document; lines: LineCounter } | undefined;
}

function treeOf(f: LoadedFile): { doc: Document; lines: LineCounter } {
  if (f.tree) return f.tree;
  const lines = new LineCounter();
  const text = new TextDecoder("utf-8").decode(bytesOf(f.input));
  f.tree = {
    doc: parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false }),
    lines,
  };
  return f.tree;
}

/** An anchor or alias at the start of a token: such files take the careful path (alias-bomb guard). */
const ANCHOR_OR_ALIAS = /(?:^|[\s,[{])[&*][^\s,[\]{}]/;

/**
 * The file's data by the fast parser (js-yaml, YAML 1.2 core schema, duplicate keys refused), ten times faster
 * than building a syntax tree; undefined when the file is not a plain mapping, uses anchors or aliases, or does
 * not parse, and the careful path (the yaml syntax tree) finds and locates the problem.
 */
function fastData(text: string): Record<string, unknown> | undefined {
  if (ANCHOR_OR_ALIAS.test(text)) return undefined;
  try {
    const v = loadFast(text, { schema: CORE_SCHEMA });
    return typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Formats a path like `firms[3].segments[0].grade`. */
export function formatPath(path: ReadonlyArray<PathKey>): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

/** The line of the deepest node on `path` that exists in the document. */
function lineOf(f: LoadedFile, path: ReadonlyArray<PathKey>): number | undefined {
  const { doc, lines } = treeOf(f);
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lines.linePos(range[0]).line;
  }
  return undefined;
}

function decode(file: SeedFileInput): { text: string } | { issue: InputIssue } {
  const b = bytesOf(file);
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))
    return {
      issue: {
        file: file.path,
        path: "",
        rule: "utf-8",
        message: "found a UTF-16 file; expected UTF-8 (save the file as UTF-8)",
      },
    };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(b) };
  } catch {
    const bad = firstInvalidUtf8(b);
    const line = b.subarray(0, bad).reduce((n, c) => (c === 0x0a ? n + 1 : n), 1);
    return {
      issue: {
        file: file.path,
        line,
        path: "",
        rule: "utf-8",
        message: `found bytes that are not UTF-8 at byte ${bad}; expected UTF-8 (convert GBK files with iconv -f GBK -t UTF-8)`,
      },
    };
  }
}

/** Offset of the first byte that breaks UTF-8 (a rough scan, good enough to point at the line). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n =
      c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return i;
}

function zodIssues(f: LoadedFile, base: PathKey[], error: z.ZodError): InputIssue[] {
  return error.issues.map((iss) => {
    const path = [...base, ...iss.path.filter((k): k is PathKey => typeof k !== "symbol")];
    const value = treeOf(f).doc.getIn(path);
    const found = value === undefined ? "found nothing" : `found ${JSON.stringify(value)}`;
    let message = `${found}; ${schemaMessage(iss as SchemaIssue)}`;
    if (iss.code === "invalid_value")
      message = `${found}; expected one of ${iss.values.map((v) => JSON.stringify(v)).join(", ")}`;
    else if (iss.code === "unrecognized_keys")
      message = `found unknown key${iss.keys.length > 1 ? "s" : ""} ${iss.keys.map((k) => JSON.stringify(k)).join(", ")}; expected only the keys the seed format defines (graph-seeds/README.md)`;
    else if (iss.code === "invalid_type" && value === undefined)
      message = `found nothing; expected a value (${iss.expected}) here: the field is required`;
    else if (iss.code === "invalid_type") message = `${found}; expected ${iss.expected}`;
    return { file: f.path, line: lineOf(f, path), path: formatPath(path), message, rule: "schema" };
  });
}

/** Alias expansions a seed file may use before it counts as an alias bomb (yaml's own default). */
const MAX_ALIASES = 100;

/** Issues in reading order: by file, then line (issues without a file or line first). */
export function sortIssues(issues: InputIssue[]): InputIssue[] {
  return issues
    .map((issue, n) => ({ issue, n }))
    .sort(
      (a, b) =>
        (a.issue.file ?? "").localeCompare(b.issue.file ?? "") ||
        (a.issue.line ?? 0) - (b.issue.line ?? 0) ||
        a.n - b.n,
    )
    .map((x) => x.issue);
}

interface Collected {
  dataset: Dataset;
  origins: Map<string, Origin[]>;
  brokenIds: Set<string>;
  /** One copy of each string value seen (ids, segment refs, notes repeat across a province's items). */
  strings: Map<string, string>;
}

/**
 * A deep copy of parsed data whose strings are shared and stand alone. A parser's strings are slices of the
 * file's text and keep all of it alive; at province scale that, and a million copies of the same refs and
 * notes, was three quarters of the parsed seed's memory (300 MB of 400 for 300,000 ties).
 */
function compact(v: unknown, strings: Map<string, string>): unknown {
  if (typeof v === "string") {
    let s = strings.get(v);
    if (s === undefined) {
      s = Buffer.from(v, "utf8").toString("utf8");
      strings.set(s, s);
    }
    return s;
  }
  if (Array.isArray(v)) return v.map((x) => compact(x, strings));
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    // A "__proto__" key stays a key (plain assignment would set the copy's prototype instead).
    for (const [k, x] of Object.entries(v))
      Object.defineProperty(out, k, {
        value: compact(x, strings),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return v;
}

/** Parses and validates the files of one seed. */
export function parseSeed(files: ReadonlyArray<SeedFileInput>, opts: ParseOptions = {}): ParsedSeed {
  const { onFile, ...rules } = opts;
  const issues: InputIssue[] = [];
  const loaded: LoadedFile[] = [];
  const collected: Collected = {
    dataset: emptyDataset({ id: "x", name: { zh: "x" }, province: "x", country: "CN" }),
    origins: new Map(),
    brokenIds: new Set(),
    strings: new Map(),
  };
  const regionFiles: LoadedFile[] = [];
  const itemCount = () => {
    let n = 0;
    for (const v of Object.values(collected.dataset)) if (Array.isArray(v)) n += v.length;
    return n;
  };
  for (const [done, input] of files.entries()) {
    if (onFile && done > 0) onFile(done, files.length, itemCount());
    const decoded = decode(input);
    if ("issue" in decoded) {
      issues.push(decoded.issue);
      continue;
    }
    const fast = fastData(decoded.text);
    if (fast) {
      const f: LoadedFile = { path: input.path, input, tree: undefined };
      loaded.push(f);
      issues.push(...collectData(f, fast, collected, regionFiles));
      f.tree = undefined;
      continue;
    }
    const lines = new LineCounter();
    const doc = parseDocument(decoded.text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    if (doc.errors.length > 0) {
      for (const e of doc.errors)
        issues.push({
          file: input.path,
          line: e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line,
          path: "",
          rule: "yaml",
          message: `malformed YAML: ${e.message.split("\n")[0]}; expected valid YAML (check indentation, brackets, quotes and duplicate keys)`,
        });
      continue;
    }
    const f: LoadedFile = { path: input.path, input, tree: { doc, lines } };
    loaded.push(f);
    issues.push(...collectFile(f, collected, regionFiles));
    f.tree = undefined;
  }

  onFile?.(files.length, files.length, itemCount());
  if (regionFiles.length === 0 && !issues.some((i) => i.path === "region"))
    issues.push({
      path: "region",
      rule: "seed-has-region",
      message: "found no file with a 'region:' key; expected the city in region.yaml",
    });
  for (const extra of regionFiles.slice(1))
    issues.push({
      file: extra.path,
      line: lineOf(extra, ["region"]),
      path: "region",
      rule: "seed-has-region",
      message: `found a second 'region:' (first in ${regionFiles[0]!.path}); expected the city once per seed`,
    });

  const ds = collected.dataset;
  const warnings: InputIssue[] = [];
  for (const finding of checkDataset(ds, { ...rules, brokenIds: collected.brokenIds })) {
    const origin = locate(collected.origins, finding.at);
    const lineAt = (o: Origin) => {
      const f = loaded.find((l) => l.path === o.file);
      return f ? lineOf(f, o.path) : undefined;
    };
    let message = finding.message;
    if (finding.related) {
      const other = locate(collected.origins, finding.related);
      message += ` (first defined at ${other.file}:${lineAt(other) ?? "?"} ${formatPath(other.path)})`;
    }
    (finding.severity === "warning" ? warnings : issues).push({
      file: origin.file,
      line: lineAt(origin),
      path: formatPath(origin.path),
      message,
      rule: finding.rule,
    });
  }
  return { dataset: issues.length === 0 ? ds : undefined, issues: sortIssues(issues), warnings };
}

function locate(origins: Map<string, Origin[]>, at: Locator): Origin {
  const base = origins.get(at.kind)?.[at.index] ?? { file: "", path: [at.kind, at.index] };
  return { file: base.file, path: [...base.path, ...at.sub] };
}

/** Checks one file's keys and items, adding the valid ones to the dataset; returns the file's issues. */
function collectFile(f: LoadedFile, c: Collected, regionFiles: LoadedFile[]): InputIssue[] {
  const { doc, lines } = treeOf(f);
  if (!isMap(doc.contents)) {
    const found = doc.contents === null ? "an empty file" : isSeq(doc.contents) ? "a list" : "a single value";
    return [
      {
        file: f.path,
        line: lineOf(f, []),
        path: "",
        rule: "schema",
        message: `found ${found}; expected a mapping of collections (${SEED_KEYS.join(", ")})`,
      },
    ];
  }
  let raw: Record<string, unknown>;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES }) as Record<string, unknown>;
  } catch (e) {
    let at: number | undefined;
    visit(doc, {
      Alias(_key, node) {
        at = node.range?.[0];
        return visit.BREAK;
      },
    });
    return [
      {
        file: f.path,
        line: at === undefined ? lineOf(f, []) : lines.linePos(at).line,
        path: "",
        rule: "yaml",
        message: `found YAML aliases that expand too far (${(e as Error).message}); expected plain data: write each value out instead of repeating aliases (*name)`,
      },
    ];
  }
  return collectData(f, raw, c, regionFiles);
}

/** Checks one file's data (a mapping) and adds its valid items to the dataset; returns the file's issues. */
function collectData(
  f: LoadedFile,
  parsed: Record<string, unknown>,
  c: Collected,
  regionFiles: LoadedFile[],
): InputIssue[] {
  const issues: InputIssue[] = [];
  const raw = compact(parsed, c.strings) as Record<string, unknown>;
  for (const key of Object.keys(raw))
    if (!SEED_KEYS.includes(key))
      issues.push({
        file: f.path,
        line: lineOf(f, [key]),
        path: key,
        rule: "schema",
        message: `found unknown key ${JSON.stringify(key)}; expected one of ${SEED_KEYS.join(", ")}`,
      });

  const origin = (kind: string, path: PathKey[]) => {
    const list = c.origins.get(kind) ?? [];
    list.push({ file: f.path, path });
    c.origins.set(kind, list);
  };
  const idOf = (x: unknown) =>
    typeof x === "object" && x !== null && typeof (x as { id?: unknown }).id === "string"
      ? (x as { id: string }).id
      : undefined;

  if (raw.region !== undefined) {
    regionFiles.push(f);
    const r = SEED_SINGLETONS.region.safeParse(raw.region);
    if (!r.success) issues.push(...zodIssues(f, ["region"], r.error));
    else if (regionFiles.length === 1) c.dataset.region = r.data;
  }
  let chainId: string | undefined;
  if (raw.chain !== undefined) {
    chainId = idOf(raw.chain);
    const r = SEED_SINGLETONS.chain.safeParse(raw.chain);
    if (!r.success) {
      issues.push(...zodIssues(f, ["chain"], r.error));
      if (chainId) c.brokenIds.add(chainId);
    } else {
      c.dataset.chains.push(r.data);
      origin("chains", ["chain"]);
    }
  }
  if (raw.segments !== undefined && raw.chain === undefined)
    issues.push({
      file: f.path,
      line: lineOf(f, ["segments"]),
      path: "segments",
      rule: "schema",
      message: "found segments outside a chain file; expected a 'chain:' key beside 'segments:'",
    });

  for (const key of Object.keys(SEED_COLLECTIONS) as SeedCollectionKey[]) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) {
      issues.push({
        file: f.path,
        line: lineOf(f, [key]),
        path: key,
        rule: "schema",
        message: `found ${typeof value}; expected a list of ${key}`,
      });
      continue;
    }
    value.forEach((item, i) => {
      const r = SEED_COLLECTIONS[key].safeParse(item);
      if (!r.success) {
        issues.push(...zodIssues(f, [key, i], r.error));
        const id = idOf(item);
        if (id) c.brokenIds.add(id);
        return;
      }
      if (key === "segments") {
        if (chainId === undefined) return;
        c.dataset.segments.push({ ...(r.data as z.infer<typeof SEED_COLLECTIONS.segments>), chain: chainId });
      } else (c.dataset[key] as unknown[]).push(r.data);
      origin(key, [key, i]);
    });
  }
  return issues;
}
