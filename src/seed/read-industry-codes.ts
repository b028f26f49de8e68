// Reads a GB/T 4754-2017 code list (CSV with a `class` column, like ../shared/data/gbt4754-2017-industries.csv).
import { readFileSync } from "node:fs";
import { NotFoundError, ValidationError } from "../errors.ts";

/** The codes of every division, group and class in the file. */
export function readIndustryCodes(file: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new NotFoundError(`code list ${file} does not exist; expected a CSV of GB/T 4754-2017 codes`);
  }
  const [head = "", ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const cols = head.split(",");
  const wanted = ["division", "group", "class"].map((c) => cols.indexOf(c));
  if (wanted.some((i) => i < 0))
    throw new ValidationError(
      [
        {
          file,
          line: 1,
          path: "header",
          rule: "csv",
          message: `found columns ${JSON.stringify(cols)}; expected division, group and class columns`,
        },
      ],
      `code list ${file}`,
    );
  const codes = new Set<string>();
  for (const line of lines) {
    const cells = line.split(",");
    for (const i of wanted) {
      const v = cells[i]?.trim();
      if (v) codes.add(v);
    }
  }
  return codes;
}
