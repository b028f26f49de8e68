// The firms an import's rows could be, read from the full-text index of firms' name tokens (name-tokens.ts) instead
// of every firm (store.ts matchCandidates; the meaning is dataset-namers.ts firmMatches): the names as given and
// folded, the credit codes, the parts of a folded name a shorter close name must be, and the rarest bigrams a
// longer or similar close name must share (firm-name.ts closeSearch).
import neo4j from "neo4j-driver";
import { bigrams, CLOSE_AT, closeSearch, nameCloseness } from "../../model/firm-name.ts";
import type { Firm } from "../../model/index.ts";
import { firmMatches, foldAsk, idLike } from "../dataset-namers.ts";
import type { MatchAsk, Placed } from "../store.ts";
import { codeToken, exactToken, gramToken, keyToken } from "./name-tokens.ts";
import { subgraphShape } from "./neo4j-subgraph.ts";
import { readParsed } from "./read-dataset.ts";
import { MATCH_SHAPE, type Tx } from "./write-dataset.ts";

const INDEX = "atlas_firm_names";
/** A bigram's hits are counted up to this many: past it, the bigram is common and asked last. */
const COUNT_CAP = 5000;
/** Tokens per full-text query ("a OR b OR …"; Lucene takes 1024 clauses). */
const CLAUSES = 500;

const chunks = <T>(xs: ReadonlyArray<T>, n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

/** The nodes any of the tokens finds, as `RETURN` of `node`. */
async function hits<T>(tx: Tx, tokens: ReadonlyArray<string>, ret: string, row: (r: neo4j.Record) => T) {
  const out: T[] = [];
  const queries = chunks([...new Set(tokens)], CLAUSES).map((c) => c.join(" OR "));
  if (queries.length === 0) return out;
  const r = await tx.run(
    `UNWIND $queries AS q CALL { WITH q CALL db.index.fulltext.queryNodes('${INDEX}', q) YIELD node RETURN node }
     WITH DISTINCT node ${ret}`,
    { queries },
  );
  for (const rec of r.records) out.push(row(rec));
  return out;
}

/** Store.matchCandidates on Neo4j; undefined when the data was written before firms kept their name tokens. */
export async function matchCandidates(tx: Tx, ask: MatchAsk): Promise<Placed[] | undefined> {
  if ((await subgraphShape(tx)) < MATCH_SHAPE) return undefined;
  const folded = foldAsk(ask);
  const searches = folded.close.map((k) => ({ k, ...closeSearch(k) }));
  // Found exactly: names, folded names, codes, and the parts of a folded name a contained close name is.
  const exact = [
    ...[...folded.exact].map(exactToken),
    ...[...folded.keys].map(keyToken),
    ...[...folded.codes].map(codeToken),
    ...searches.flatMap((s) => s.parts.map(keyToken)),
  ];
  const ids = new Set(await hits(tx, exact, "RETURN node.id AS id", (r) => r.get("id") as string));

  // The bigrams each close name is asked by: of any grams.length - need + 1 of them, a close name holds one.
  const grams = [...new Set(searches.flatMap((s) => s.grams))];
  const count = new Map<string, number>();
  for (const c of chunks(grams, CLAUSES)) {
    const r = await tx.run(
      `UNWIND $grams AS g CALL { WITH g CALL db.index.fulltext.queryNodes('${INDEX}', g.token) YIELD node
         WITH node LIMIT $cap RETURN count(node) AS n }
       RETURN g.gram AS gram, n`,
      { grams: c.map((gram) => ({ gram, token: gramToken(gram) })), cap: neo4j.int(COUNT_CAP) },
    );
    for (const rec of r.records) count.set(rec.get("gram") as string, Number(rec.get("n")));
  }
  const probes = new Set<string>();
  for (const s of searches) {
    const rarest = [...s.grams].sort((a, b) => count.get(a)! - count.get(b)! || (a < b ? -1 : 1));
    for (const g of rarest.slice(0, s.grams.length - s.need + 1)) probes.add(g);
  }
  // A probe's hits are compared by their folded names first; only the close ones are read whole.
  const byGram = new Map<string, string[]>();
  for (const q of folded.close) for (const g of bigrams(q)) byGram.set(g, [...(byGram.get(g) ?? []), q]);
  const nearNames = (key: string) => new Set([...bigrams(key)].flatMap((g) => byGram.get(g) ?? []));
  const near = await hits(
    tx,
    [...probes].map(gramToken),
    "RETURN node.id AS id, node.nameKeys AS keys",
    (r) => ({ id: r.get("id") as string, keys: ((r.get("keys") as string | null) ?? "").split("\n") }),
  );
  for (const h of near)
    if (h.keys.some((key) => [...nearNames(key)].some((q) => nameCloseness(q, key) >= CLOSE_AT)))
      ids.add(h.id);

  const rows = await readParsed(
    tx,
    "firms",
    "UNWIND $ids AS id MATCH (n:Firm {id: id}) USING INDEX n:Firm(id) RETURN n.id AS id, n.seq AS seq, n.json AS json ORDER BY seq",
    { ids: [...ids] },
  );
  // The index finds a superset (a hash's collision, a part that is no close name): the meaning decides.
  return rows
    .map((r): Placed => ({ seq: r.seq, entity: r.value }))
    .filter((p) => firmMatches(p.entity as Firm, folded, nearNames));
}

/** Store.firmIdsLike on Neo4j: the base, and the ids that begin with it and a hyphen, by the id index. */
export async function firmIdsLike(tx: Tx, bases: ReadonlyArray<string>): Promise<string[]> {
  const r = await tx.run(
    `UNWIND $bases AS b CALL {
       WITH b MATCH (f:Firm {id: b}) RETURN f
       UNION
       WITH b MATCH (f:Firm) USING INDEX f:Firm(id) WHERE f.id STARTS WITH b + '-' RETURN f
     }
     RETURN DISTINCT f.id AS id, f.seq AS seq ORDER BY seq`,
    { bases: [...new Set(bases)] },
  );
  const want = [...new Set(bases)];
  return r.records.map((x) => x.get("id") as string).filter((id) => want.some((b) => idLike(id, b)));
}
