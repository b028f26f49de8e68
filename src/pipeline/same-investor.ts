// The same investor under another spelling: firm ids, and names folded by the importers' normaliser.
import { normaliseName } from "../model/firm-name.ts";
import type { Firm } from "../model/index.ts";
import type { Project } from "../model/project.ts";

/** Everything a project's investor is known by: its firm id and the folded names (reported and the firm's). */
export function investorKeys(p: Pick<Project, "investor">, firms: ReadonlyMap<string, Firm>): Set<string> {
  const keys = new Set<string>();
  const names = [p.investor.name];
  if (p.investor.firm) {
    keys.add(`firm:${p.investor.firm}`);
    const f = firms.get(p.investor.firm);
    if (f) names.push(f.name.zh, ...(f.name.en ? [f.name.en] : []), ...f.name.aliases);
  }
  for (const n of names) {
    const k = normaliseName(n);
    if (k !== "") keys.add(`name:${k}`);
  }
  return keys;
}

/** Projects of `candidates` whose investor shares a key with `p`'s (the same firm, or a name folding alike). */
export function sameInvestorProjects(
  p: Pick<Project, "investor">,
  candidates: ReadonlyArray<Project>,
  firms: ReadonlyMap<string, Firm>,
): Project[] {
  const mine = investorKeys(p, firms);
  return candidates.filter((q) => [...investorKeys(q, firms)].some((k) => mine.has(k)));
}

export function firmIndex(firms: ReadonlyArray<Firm>): Map<string, Firm> {
  return new Map(firms.map((f) => [f.id, f]));
}
