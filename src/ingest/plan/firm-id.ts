// Stable ids for imported firms: a slug of the English (or Latin) name, a hash-suffixed slug for Chinese-only names.
import { createHash } from "node:crypto";
import { normaliseName } from "../../model/firm-name.ts";

/** The id a new firm gets; `taken` ids are avoided by a numeric suffix (firmIdBase, then base-2, base-3, …). */
export function firmId(
  name: { zh: string; en?: string | undefined },
  taken: (id: string) => boolean,
): string {
  const base = firmIdBase(name);
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}

/** The id a new firm of this name gets when no firm has it yet. */
export function firmIdBase(name: { zh: string; en?: string | undefined }): string {
  const latin = name.en ?? (/[\u3400-\u9fff]/.test(name.zh) ? undefined : name.zh);
  const slug = latin
    ? latin
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/&/g, " and ")
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 60)
        .replace(/-+$/, "")
    : "";
  return slug !== ""
    ? slug
    : `firm-${createHash("sha256").update(normaliseName(name.zh)).digest("hex").slice(0, 8)}`;
}
