// Which fields each kind of import reads, and which one names the firm a row is about.

import type { IngestKind } from "./ingest-options.ts";
import { ImportField } from "./map/import-field.ts";

/** The fields only a supply survey fills; every other field describes a firm. */
const TIE_FIELDS: ReadonlySet<ImportField> = new Set(["supplier", "customer", "product", "share", "period"]);

const FIRM_FIELDS: ImportField[] = ImportField.options.filter((f) => !TIE_FIELDS.has(f));

export const KIND_FIELDS: Record<IngestKind, { fields: ImportField[]; nameField: ImportField }> = {
  "local-firms": { fields: FIRM_FIELDS, nameField: "name" },
  candidates: { fields: FIRM_FIELDS, nameField: "name" },
  "firm-page": { fields: FIRM_FIELDS, nameField: "name" },
  // In a survey the row is about the supplier: its name fills `name`, the buyer is `customer`.
  "supply-survey": {
    fields: [
      "supplier",
      "customer",
      "product",
      "share",
      "period",
      "creditCode",
      "region",
      "country",
      "city",
      "province",
    ],
    nameField: "supplier",
  },
};
