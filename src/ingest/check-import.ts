// An import's changes must pass the schema and the dataset rules as a seed does, or nothing is applied: each
// changed entity against its schema, and the rules run before and after the changes on their neighbourhood
// (queries/write-scope.ts) — what the import brings in refuses it (errors) or comes back with it (warnings).
import { type InputIssue, ValidationError } from "../errors.ts";
import { type Dataset, Firm, Source, SupplyTie } from "../model/index.ts";
import { datasetReader, type EntityEdit, findingsBroughtIn, neighbourhood } from "../queries/write-scope.ts";
import type { IngestScope } from "./ingest-scope.ts";

const SCHEMAS = { firms: Firm, ties: SupplyTie, sources: Source } as const;

/** One entity an import writes, with the row it comes from (when one does). */
export interface ImportEdit extends EntityEdit {
  kind: keyof typeof SCHEMAS;
  row?: number | undefined;
}

const MAX_ISSUES = 20;

/**
 * Throws a ValidationError naming file, row and field when the edits break a schema or bring in a rule's error;
 * returns the warnings they bring in. `whole` reads the dataset when the scope cannot tell what names an entity.
 */
export async function checkImport(
  scope: IngestScope,
  edits: ReadonlyArray<ImportEdit>,
  file: string,
  whole: () => Promise<Dataset>,
): Promise<InputIssue[]> {
  const rowOf = new Map(edits.map((e) => [`${e.kind}/${e.id}`, e.row]));
  const at = (kind: string, id: string) => {
    const line = rowOf.get(`${kind}/${id}`);
    return { file, ...(line !== undefined ? { line } : {}) };
  };
  const broken: InputIssue[] = [];
  for (const e of edits) {
    const r = SCHEMAS[e.kind].safeParse(e.after);
    if (!r.success)
      for (const i of r.error.issues)
        broken.push({
          ...at(e.kind, e.id),
          path: [`${e.kind}/${e.id}`, ...i.path].join("."),
          message: i.message,
          rule: "schema",
        });
  }
  if (broken.length > 0) throw new ValidationError(broken.slice(0, MAX_ISSUES), `importing ${file}`);
  const near =
    (await neighbourhood(scope.reader, edits)) ?? (await neighbourhood(datasetReader(await whole()), edits))!;
  const errors: InputIssue[] = [];
  const warnings: InputIssue[] = [];
  for (const f of findingsBroughtIn(near.before, near.after)) {
    const issue: InputIssue = {
      ...(f.at.kind === "region" ? { file } : at(f.at.kind, f.on)),
      path: `${f.at.kind === "region" ? "region" : `${f.at.kind}/${f.on}`}${f.at.sub.map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`)).join("")}`,
      message: f.message,
      rule: f.rule,
    };
    (f.severity === "warning" ? warnings : errors).push(issue);
  }
  if (errors.length > 0) throw new ValidationError(errors.slice(0, MAX_ISSUES), `importing ${file}`);
  return warnings;
}
