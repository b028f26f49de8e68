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
function inChain(
  chainOf: ReadonlyMap<string, string>,
  kind: ResourceKind,
  e: Record<string, unknown>,
  chain: string,
): boolean {
  const segChain = (id: unknown) => (typeof id === "string" ? chainOf.get(id) : undefined);
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

/** The filters of `query` as one test of an entity of `kind` (`ds` needs the segments only). */
function matcherOf(
  ds: Pick<Dataset, "segments">,
  kind: ResourceKind,
  query: ListQuery,
  firmHits?: ReadonlySet<string>,
): (e: Entity & Record<string, unknown>) => boolean {
  const q = query.q?.trim().toLowerCase();
  const chainOf = new Map(ds.segments.map((s) => [s.id, s.chain]));
  return (e) => {
    if (q && !(firmHits?.has(entityId(kind, e)) || text(e).some((t) => t.toLowerCase().includes(q))))
      return false;
    if (query.chain !== undefined && !inChain(chainOf, kind, e, query.chain)) return false;
    if (query.stage !== undefined && e.stage !== query.stage) return false;
    if (
      query.local !== undefined &&
      kind === "firms" &&
      isLocalFirm(e as unknown as Firm) !== (query.local === "true")
    )
      return false;
    if (
      query.tag !== undefined &&
      kind === "firms" &&
      !(e as unknown as Firm).tags.some((t) => t.list === query.tag)
    )
      return false;
    if (query.region !== undefined) {
      const ok =
        kind === "firms"
          ? (e as unknown as Firm).location.region === query.region
          : e.parent === query.region || e.id === query.region;
      if (!ok) return false;
    }
    return true;
  };
}

/** The order of `query.sort` (undefined: the dataset's order). */
function orderOf(query: ListQuery): ((a: unknown, b: unknown) => number) | undefined {
  if (!query.sort) return undefined;
  const desc = query.sort.startsWith("-");
  const field = desc ? query.sort.slice(1) : query.sort;
  return (a, b) => (desc ? -1 : 1) * compare(at(a, field), at(b, field));
}

export interface EntityPage {
  items: Entity[];
  total: number;
  limit: number;
  offset: number;
}

export function listEntities(
  ds: Dataset,
  kind: ResourceKind,
  query: ListQuery,
  /** Firm ids the store's Chinese search found for `q` (firms only). */
  firmHits?: ReadonlySet<string>,
): EntityPage {
  const keep = matcherOf(ds, kind, query, firmHits);
  const items = (listOf(ds, kind) as Array<Entity & Record<string, unknown>>).filter(keep);
  const order = orderOf(query);
  if (order) items.sort(order);
  return {
    items: items.slice(query.offset, query.offset + query.limit),
    total: items.length,
    limit: query.limit,
    offset: query.offset,
  };
}

/**
 * The same page over a long list as a store streams it (a province's firms), holding only the entities up to the
 * page's end: in stream order those of the page; sorted, the best `offset + limit` so far (equal ones in stream
 * order, as a stable sort keeps them). `skeleton` needs the segments only.
 */
export async function listStreamed(
  skeleton: Pick<Dataset, "segments">,
  kind: ResourceKind,
  query: ListQuery,
  entities: AsyncIterable<unknown>,
  firmHits?: ReadonlySet<string>,
): Promise<EntityPage> {
  const keep = matcherOf(skeleton, kind, query, firmHits);
  const order = orderOf(query);
  const end = query.offset + query.limit;
  const held: Entity[] = [];
  let total = 0;
  for await (const raw of entities) {
    const e = raw as Entity & Record<string, unknown>;
    if (!keep(e)) continue;
    const i = total++;
    if (!order) {
      if (i >= query.offset && i < end) held.push(e);
      continue;
    }
    if (held.length === end && order(e, held[end - 1]) >= 0) continue;
    // After every entity it does not sort before: equal ones stay in stream order.
    let lo = 0;
    let hi = held.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(e, held[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    held.splice(lo, 0, e);
    if (held.length > end) held.pop();
  }
  return {
    items: order ? held.slice(query.offset, end) : held,
    total,
    limit: query.limit,
    offset: query.offset,
  };
}
