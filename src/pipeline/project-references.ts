// A project's references (county, park, firm, segments) checked against the map: every unknown one as an issue.
import type { InputIssue } from "../errors.ts";
import type { Dataset } from "../model/index.ts";
import type { Project } from "../model/project.ts";

/** Every reference of a project that the map does not hold, as issues. */
export function unknownRefs(p: Project, ds: Dataset): InputIssue[] {
  const regions = new Set(ds.regions.map((r) => r.id));
  const segments = new Set(ds.segments.map((s) => s.id));
  const issues: InputIssue[] = [];
  const miss = (path: string, what: string, v: string) =>
    issues.push({ path, rule: "unknown-ref", message: `no ${what} ${JSON.stringify(v)} in the map` });
  if (!regions.has(p.region)) miss("region", "county or district", p.region);
  if (!regions.has(p.owner)) miss("owner", "county", p.owner);
  if (p.park && !regions.has(p.park)) miss("park", "park", p.park);
  if (p.investor.firm && !ds.firms.some((f) => f.id === p.investor.firm))
    miss("investor.firm", "firm", p.investor.firm);
  p.gaps.forEach((g, i) => {
    if (!segments.has(g.segment)) miss(`gaps[${i}].segment`, "segment", g.segment);
  });
  return issues;
}
