// Lists of one kind: filtered (q, chain, stage, local, tag, region), sorted by a field and paged.
import { z } from "zod";
import { type Dataset, type Firm, isLocalFirm } from "../../model/index.ts";
import { type Entity, entityId, listOf, type ResourceKind } from "./resource-kinds.ts";

export const ListQuery = z.strictObject({
  q: z.string().max(200).optional(),
  chain: z.string().max(100).optional(),
  stage: z.enum(["upstream", "midstream", "downstream"]).optional(),
  local: z.enum(["true", "false"]).optional(),
  tag: z.string().max(100).optional(),
  region: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  sort: z
    .string()
    .regex(
      /^-?[A-Za-z][A-Za-z0-9.]{0,60}$/,
      "expected a field name such as name.zh, or -name.zh for descending",
    )
    .optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

const text = (e: Record<string, unknown>): string[] => {
  const name = e.name as { zh?: string; en?: string; aliases?: string[] } | string | undefined;
  const names =
    typeof name === "string" ? [name] : name ? [name.zh ?? "", name.en ?? "", ...(name.aliases ?? [])] : [];
  const products = Array.isArray(e.products)
    ? (e.products as Array<{ name: string }>).map((p) => p.name)
    : [];
  return [String(e.id ?? ""), ...names, ...products, String(e.title ?? ""), String(e.product ?? "")];
};

/** The chain an entity belongs to, where it has one (for the `chain` filter). */
function inChain(ds: Dataset, kind: ResourceKind, e: Record<string, unknown>, chain: string): boolean {
  const segChain = (id: unknown) => ds.segments.find((s) => s.id === id)?.chain;
  switch (kind) {
    case "chains":
      return e.id === chain;
    case "segments":
      return e.chain === chain;
    case "firms":
      return (e as unknown as Firm).segments.some((l) => segChain(l.segment) === chain);
    case "ties":
      return segChain(e.segment) === chain;
    case "feeds":
      return segChain(e.from) === chain || segChain(e.to) === chain;
    case "clusters":
    case "groups":
      return (e.chains as string[]).includes(chain);
    case "officials":
      return (e.leads as string[]).includes(chain);
    default:
      return false;
  }
}

const at = (e: unknown, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>(
      (v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined),
      e,
    );

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "zh-CN");
}

export function listEntities(
  ds: Dataset,
  kind: ResourceKind,
  query: ListQuery,
  /** Firm ids the store's Chinese search found for `q` (firms only). */
  firmHits?: ReadonlySet<string>,
): { items: Entity[]; total: number; limit: number; offset: number } {
  let items = [...listOf(ds, kind)] as Array<Entity & Record<string, unknown>>;
  const q = query.q?.trim().toLowerCase();
  if (q)
    items = items.filter(
      (e) => firmHits?.has(entityId(kind, e)) || text(e).some((t) => t.toLowerCase().includes(q)),
    );
  if (query.chain !== undefined) items = items.filter((e) => inChain(ds, kind, e, query.chain!));
  if (query.stage !== undefined) items = items.filter((e) => e.stage === query.stage);
  if (query.local !== undefined && kind === "firms")
    items = items.filter((e) => isLocalFirm(e as unknown as Firm) === (query.local === "true"));
  if (query.tag !== undefined && kind === "firms")
    items = items.filter((e) => (e as unknown as Firm).tags.some((t) => t.list === query.tag));
  if (query.region !== undefined)
    items = items.filter((e) =>
      kind === "firms"
        ? (e as unknown as Firm).location.region === query.region
        : e.parent === query.region || e.id === query.region,
    );
  if (query.sort) {
    const desc = query.sort.startsWith("-");
    const field = desc ? query.sort.slice(1) : query.sort;
    items.sort((a, b) => (desc ? -1 : 1) * compare(at(a, field), at(b, field)));
  }
  return {
    items: items.slice(query.offset, query.offset + query.limit),
    total: items.length,
    limit: query.limit,
    offset: query.offset,
  };
}
