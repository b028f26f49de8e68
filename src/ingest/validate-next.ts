// The dataset an import would leave must pass the same schema and named rules as a seed, or nothing is applied.
import { ValidationError } from "../errors.ts";
import { checkDataset, Dataset } from "../model/index.ts";

/** Throws a ValidationError (naming entity and field) when the dataset breaks the schema or a dataset rule. */
export function validateNext(ds: Dataset, file: string): Dataset {
  const parsed = Dataset.safeParse(ds);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues
        .slice(0, 20)
        .map((i) => ({ file, path: i.path.join("."), message: i.message, rule: "schema" })),
      `importing ${file}`,
    );
  const findings = checkDataset(parsed.data);
  if (findings.length > 0)
    throw new ValidationError(
      findings.slice(0, 20).map((f) => ({
        file,
        path: `${f.at.kind}[${f.at.index}]${f.at.sub.map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`)).join("")}`,
        message: f.message,
        rule: f.rule,
      })),
      `importing ${file}`,
    );
  return parsed.data;
}
