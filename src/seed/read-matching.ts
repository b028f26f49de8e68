// Reads what matching needs beyond the seed: vocabulary and crosswalk files (graph-seeds/) and the GB/T code list.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "js-yaml";
import type { z } from "zod";
import { ValidationError } from "../errors.ts";
import {
  CrosswalkFile,
  type IndustryClass,
  ReferencePopulationFile,
  VocabularyFile,
} from "../model/index.ts";

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
export const VOCABULARY_DIR = root("graph-seeds/vocabulary");
export const CROSSWALK_DIR = root("graph-seeds/crosswalks");
/** Optional: graph-seeds/reference/*.yaml (none shipped). */
export const REFERENCE_DIR = root("graph-seeds/reference");
/** The public GB/T 4754-2017 list beside the repository (../shared/data), read at run time, never copied. */
export const GBT_CLASSES_CSV =
  process.env.CHAIN_ATLAS_GBT_CSV ?? root("../shared/data/gbt4754-2017-industries.csv");

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** js-yaml (YAML 1.2 core schema): every targets run reads the vocabulary, and it parses four times faster than yaml. */
function readYaml<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  const r = schema.safeParse(load(readFileSync(file, "utf8"), { filename: file }));
  if (r.success) return r.data;
  throw new ValidationError(
    r.error.issues.map((i) => ({ file, path: i.path.join("."), rule: "schema", message: i.message })),
    `matching file ${file}`,
  );
}

/** Every vocabulary file below `dir`, validated. */
export function readVocabulary(dir = VOCABULARY_DIR): VocabularyFile[] {
  return yamlFiles(dir).map((f) => readYaml(f, VocabularyFile));
}

/** Every crosswalk file below `dir`, validated. */
export function readCrosswalks(dir = CROSSWALK_DIR): CrosswalkFile[] {
  return yamlFiles(dir).map((f) => readYaml(f, CrosswalkFile));
}

/** One CSV line into cells (quoted cells may hold commas and doubled quotes). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** GB/T 4754-2017 classes (and groups, divisions) by code with name and description; empty when the file is absent. */
export function readIndustryClasses(file = GBT_CLASSES_CSV): Map<string, IndustryClass> {
  const out = new Map<string, IndustryClass>();
  if (!existsSync(file)) return out;
  const [head = "", ...lines] = readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  const cols = cells(head);
  const at = (c: string) => cols.indexOf(c);
  const [div, grp, cls, name, desc] = ["division", "group", "class", "name", "description"].map(at);
  if ([div, grp, cls, name].some((i) => i === undefined || i < 0))
    throw new ValidationError(
      [
        {
          file,
          line: 1,
          path: "header",
          rule: "csv",
          message: `found columns ${JSON.stringify(cols)}; expected division, group, class, name, description`,
        },
      ],
      `code list ${file}`,
    );
  for (const line of lines) {
    const c = cells(line);
    const code = c[cls!]?.trim() || c[grp!]?.trim() || c[div!]?.trim();
    if (code)
      out.set(code, {
        code,
        name: c[name!]?.trim() ?? "",
        description: desc! >= 0 ? (c[desc!]?.trim() ?? "") : "",
      });
  }
  return out;
}

/** The reference population, when one file is present; it must be sourced, or assumed with a note. */
export function readReference(dir = REFERENCE_DIR): ReferencePopulationFile | undefined {
  const files = yamlFiles(dir);
  if (files.length > 1)
    throw new ValidationError(
      files.map((file) => ({
        file,
        path: "",
        rule: "reference",
        message: "found several reference populations; expected one",
      })),
      `reference populations in ${dir}`,
    );
  if (files.length === 0) return undefined;
  const ref = readYaml(files[0]!, ReferencePopulationFile);
  if (ref.sources.length === 0 && ref.assumed !== true)
    throw new ValidationError(
      [
        {
          file: files[0]!,
          path: "sources",
          rule: "sourced",
          message: "found no sources; expected sources or assumed: true with a note",
        },
      ],
      `reference population ${files[0]}`,
    );
  return ref;
}

/** The resources the analysis matches with (see analysis/matching/matching-resources.ts). */
export function readMatchingResources(
  opts: { vocabulary?: string; crosswalks?: string; classes?: string; reference?: string } = {},
) {
  return {
    reference: readReference(opts.reference),
    vocabulary: readVocabulary(opts.vocabulary).flatMap((f) => f.segments),
    classes: readIndustryClasses(opts.classes),
    crosswalks: readCrosswalks(opts.crosswalks).flatMap((f) =>
      f.rows.map((r) => ({ ...r, scheme: f.scheme })),
    ),
  };
}

export const PRODUCTS_EN_FILE = root("graph-seeds/eval/products-en.yaml");

/** English product names per firm id, for the English list backtest (a plain translation file); empty when absent. */
export function readProductsEn(file = PRODUCTS_EN_FILE): Map<string, string[]> {
  if (!existsSync(file)) return new Map();
  const doc = load(readFileSync(file, "utf8"), { filename: file }) as {
    products?: Record<string, unknown>;
  } | null;
  const out = new Map<string, string[]>();
  for (const [id, list] of Object.entries(doc?.products ?? {})) {
    if (!Array.isArray(list) || list.some((p) => typeof p !== "string"))
      throw new ValidationError(
        [
          {
            file,
            path: `products.${id}`,
            rule: "schema",
            message: "expected a list of English product names",
          },
        ],
        `products file ${file}`,
      );
    out.set(id, list as string[]);
  }
  return out;
}
