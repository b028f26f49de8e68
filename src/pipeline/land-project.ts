// Landing: at 投产 the investor becomes a local firm in the project's segments — returned as a change a store applies.
import type { Dataset, Firm, SegmentLink } from "../model/index.ts";
import { isLocalFirm } from "../model/index.ts";
import type { PipelineConfig } from "../model/pipeline-config.ts";
import type { Project } from "../model/project.ts";
import { dayOf } from "./calendar-day.ts";
import { refuse } from "./parse-project.ts";

/** What landing changes in the map: a new local plant of an outside investor, or new segment links of a local firm. */
export type LandingChange =
  | { kind: "add-firm"; project: string; firm: Firm }
  | { kind: "link-firm"; project: string; firm: Firm; added: SegmentLink[] };

/** The day the project reached production (its last move to 投产). */
function productionDay(p: Project, config: PipelineConfig): string {
  const change = [...p.history].reverse().find((h) => h.stage === "production");
  if (!change)
    refuse(
      "stage",
      "landing-needs-production",
      `project ${p.id} is ${p.stage}; it lands at production (投产)`,
    );
  return dayOf(change.at, config.timeZone);
}

function links(p: Project, since: string): SegmentLink[] {
  return p.gaps.map((g) => ({
    segment: g.segment,
    grade: "strong",
    basis: "observed",
    confidence: 1,
    since,
    sources: p.source.sources,
    note: `landed: project ${p.id} in production since ${since}`,
    ...(p.assumed ? { assumed: true } : {}),
  }));
}

/** The id a landing plant is named from (numbered -2, -3 … when taken): the investor's firm or the project, and the place. */
export const plantStem = (p: Project): string => `${p.investor.firm ?? p.id}-${p.park ?? p.region}`;

/**
 * The dataset change for a project in production (or, for a what-if, one assumed in production on `asOf`).
 * An investor already local gains the project's segment links; an outside one gets a local plant (parent: the
 * investor) in the project's park or county. Refused when the firm, region or a segment is unknown.
 */
export function landingChange(p: Project, ds: Dataset, config: PipelineConfig, asOf?: string): LandingChange {
  const since = asOf ? dayOf(asOf, config.timeZone) : productionDay(p, config);
  for (const [i, g] of p.gaps.entries())
    if (!ds.segments.some((s) => s.id === g.segment))
      refuse(
        `gaps[${i}].segment`,
        "unknown-segment",
        `project ${p.id}: no segment ${JSON.stringify(g.segment)} in the map`,
      );
  const where = p.park ?? p.region;
  if (!ds.regions.some((r) => r.id === where))
    refuse("region", "unknown-region", `project ${p.id}: no region ${JSON.stringify(where)} in the map`);
  const investor = p.investor.firm ? ds.firms.find((f) => f.id === p.investor.firm) : undefined;
  if (p.investor.firm && !investor)
    refuse(
      "investor.firm",
      "unknown-firm",
      `project ${p.id}: no firm ${JSON.stringify(p.investor.firm)} in the map`,
    );
  if (investor && isLocalFirm(investor)) {
    const added = links(p, since).filter((l) => !investor.segments.some((s) => s.segment === l.segment));
    return {
      kind: "link-firm",
      project: p.id,
      firm: { ...investor, segments: [...investor.segments, ...added] },
      added,
    };
  }
  const taken = new Set(ds.firms.map((f) => f.id));
  const stem = plantStem(p);
  let id = stem;
  for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
  const placeZh = ds.regions.find((r) => r.id === where)?.name.zh ?? where;
  const firm: Firm = {
    id,
    name: {
      zh: `${investor?.name.zh ?? p.investor.name}（${placeZh}）`,
      ...(investor?.name.en ? { en: `${investor.name.en} (${where})` } : {}),
      aliases: [],
      assumed: true,
      note: `named by chain-atlas after the investor and the place; replace with the registered name`,
    },
    ...(investor ? { parent: investor.id } : {}),
    location: {
      country: ds.region.country,
      province: ds.region.province,
      city: ds.region.name.zh,
      region: where,
    },
    tags: [],
    products: investor?.products ?? [],
    codes: investor?.codes ?? [],
    segments: links(p, since),
    sources: p.source.sources,
    note: `local plant of project ${p.id}, in production since ${since}`,
    ...(p.assumed ? { assumed: true } : {}),
  };
  return { kind: "add-firm", project: p.id, firm };
}

/** The dataset with the landing applied (pure: a new dataset; the store replaces its own with it). */
export function applyLanding(ds: Dataset, change: LandingChange): Dataset {
  return change.kind === "add-firm"
    ? { ...ds, firms: [...ds.firms, change.firm] }
    : { ...ds, firms: ds.firms.map((f) => (f.id === change.firm.id ? change.firm : f)) };
}
