// The investment pipeline over REST: projects (首报首谈, stages, transfers, pre-reports, landing at 投产) and progress
// against the city's goals. The rules are the pipeline's; these routes add roles, the store and the map's landing.
import { z } from "zod";
import { ConflictError, ForbiddenError, type InputIssue, ValidationError } from "../../errors.ts";
import { EntityIndex } from "../../ingest/resolve/resolve-entity.ts";
import { Id } from "../../model/index.ts";
import type { PipelineConfig } from "../../model/pipeline-config.ts";
import { GOAL_MEASURE_LABELS, ProgressGoal } from "../../model/progress-goal.ts";
import { Moment, Project, ProjectStage } from "../../model/project.ts";
import {
  applyLanding,
  creditedCounties,
  firmIndex,
  firstReportClock,
  goalProgress,
  landingChange,
  moveStage,
  type NewProject,
  plantStem,
  recordPreReport,
  registerProject,
  STAGE_MOVES,
  transferProject,
  unknownRefs,
} from "../../pipeline/index.ts";
import {
  investorFirms,
  type MapReader,
  plantIds,
  projectMap,
  writeLanding,
} from "../../queries/project-map.ts";
import { toXlsx } from "../../render/index.ts";
import type { User } from "../../store/accounts/index.ts";
import { PipelineSettings, ProjectBook, projectIn } from "../../store/projects/index.ts";
import { ErrorSchema, IdParam, JsonObject } from "../api-schemas.ts";
import type { AtlasState } from "../atlas-state.ts";
import type { RouteContext, RouteSpec } from "../route-spec.ts";
import { parseOrThrow } from "../zod-issues.ts";

const WRITERS = ["admin", "editor", "investor"] as const;
const EDITORS = new Set(["admin", "editor"]);

const note = z.string().trim().min(1).max(2000).optional().describe("a note kept with the change");
const at = Moment.optional().describe(
  "when it happened (admin and editor only, to enter past records); default now",
);

/** A reported project: the model's fields minus what registration fills in; the owner defaults to the region. */
export const RegisterBody = Project.omit({
  history: true,
  firstReport: true,
  transfers: true,
  signing: true,
  stage: true,
  owner: true,
  note: true,
})
  .extend({
    owner: Id.optional().describe("the reporting county's team (default: the region)"),
    stage: z.enum(["lead", "contacted", "visited", "negotiating"]).optional(),
    at,
    note,
  })
  .meta({ id: "ProjectReport" });
const StageBody = z.strictObject({ stage: ProjectStage, note, at });
const TransferBody = z.strictObject({ to: Id.describe("the county taking the project over"), note, at });
const PreReportBody = z.strictObject({ note, at });

const ListQuery = z.strictObject({
  stage: ProjectStage.optional(),
  county: Id.optional().describe("owner or credited county"),
  chain: Id.optional().describe("projects filling a segment of this chain"),
  today: z.iso.date().optional().describe("the day the exclusive-talk clock is read on (default today)"),
});
const ProgressQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  county: Id.optional(),
});

const YearParam = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
/** A year's goals, written whole: the city's (no county) and each county's, at most one each. */
const GoalsBody = z
  .strictObject({
    goals: z
      .array(ProgressGoal.omit({ year: true }))
      .max(200)
      .describe("the year's goals, city and counties"),
  })
  .meta({ id: "YearGoals" });
const YearGoals = z.object({
  year: z.int(),
  goals: z.array(ProgressGoal),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});

const Clock = z.object({
  holder: z.string(),
  reportedOn: z.string(),
  exclusiveUntil: z.string(),
  exclusive: z.boolean(),
  daysLeft: z.int(),
});
const ProjectRow = z
  .object({
    project: Project,
    clock: Clock.nullable(),
    credited: z.array(z.string()),
    moves: z.array(ProjectStage).describe("the stages it may move to next"),
  })
  .meta({ id: "ProjectRow" });

const books = new WeakMap<AtlasState, { book: ProjectBook; settings: PipelineSettings }>();
function pipeline(state: AtlasState) {
  let b = books.get(state);
  if (!b) {
    // Kept with the map (the embedded file, or Neo4j): every server and command on that store shares them.
    b = { book: new ProjectBook(state.graphStore), settings: new PipelineSettings(state.graphStore) };
    books.set(state, b);
  }
  return b;
}

const now = () => new Date().toISOString();

/** Who and when: the signed-in user; a given date only from admin and editor. */
function changeBy(user: User, body: { at?: string | undefined; note?: string | undefined }) {
  if (body.at !== undefined && !EDITORS.has(user.role))
    throw new ForbiddenError(`only admin and editor record a past date (at); the ${user.role} records now`);
  return { at: body.at ?? now(), who: user.username, note: body.note };
}

/** An investment team bound to a county works on that county's projects only. */
function mayWork(user: User, county: string): void {
  if (user.role === "investor" && user.county && user.county !== county)
    throw new ForbiddenError(
      `your team works for ${user.county}; project of ${county} is another county's (ask an editor)`,
    );
}

const row = (p: Project, today: string, config: PipelineConfig) => ({
  project: p,
  clock: firstReportClock(p, today, config) ?? null,
  credited: creditedCounties(p),
  moves: STAGE_MOVES[p.stage],
});

/** How the pipeline's routes read the map: the state's store, skeleton and (off a store read by chain) dataset. */
const mapReader = (state: AtlasState): MapReader => ({
  store: state.graphStore,
  readsByChain: state.readsByChain,
  skeleton: () => state.skeleton(),
  dataset: () => state.dataset(),
});

/** The chains each segment belongs to. */
async function chainsOfSegments(state: AtlasState): Promise<Map<string, string>> {
  const ds = await state.skeleton();
  return new Map(ds.segments.map((s) => [s.id, s.chain]));
}

/** A lead sees the projects of the chains he or she leads; everyone else sees all. */
async function visible(ctx: RouteContext, projects: Project[]): Promise<Project[]> {
  const u = ctx.user!;
  if (u.role !== "lead") return projects;
  const chainOf = await chainsOfSegments(ctx.state);
  const mine = new Set(u.chains ?? []);
  return projects.filter((p) => p.gaps.some((g) => mine.has(chainOf.get(g.segment) ?? "")));
}

async function readOne(ctx: RouteContext): Promise<Project> {
  const p = await pipeline(ctx.state).book.get(ctx.params.id!);
  if ((await visible(ctx, [p])).length === 0)
    throw new ForbiddenError(`project ${p.id} fills no segment of the chains you lead`);
  return p;
}

/** A refused report of a project already held becomes a conflict naming the holder and the end of the talks. */
function asConflict(e: unknown, all: ReadonlyArray<Project>): unknown {
  if (!(e instanceof ValidationError)) return e;
  const issue = e.issues[0];
  if (e.issues.length !== 1 || !issue) return e;
  if (issue.rule === "duplicate-id") return new ConflictError(issue.message);
  if (issue.rule !== "first-report-held") return e;
  const held = all.find((q) => q.firstReport && issue.message.includes(`project ${q.id} `));
  return new ConflictError(
    issue.message,
    held?.firstReport
      ? { project: held.id, holder: held.firstReport.county, exclusiveUntil: held.firstReport.exclusiveUntil }
      : undefined,
  );
}

async function progressOf(ctx: RouteContext) {
  const q = parseOrThrow(ProgressQuery, ctx.query, "query");
  const ds = await ctx.state.skeleton();
  if (q.county && !ds.regions.some((r) => r.id === q.county))
    throw new ValidationError(
      [{ path: "county", rule: "unknown-ref", message: `no county ${JSON.stringify(q.county)}` }],
      "query",
    );
  const { book, settings } = pipeline(ctx.state);
  const projects = await book.list();
  return goalProgress(
    projects,
    await investorFirms(mapReader(ctx.state), projects),
    await settings.goals(),
    { year: q.year, county: q.county },
    await settings.config(),
  );
}

async function goalsOf(state: AtlasState, year: number) {
  const { settings } = pipeline(state);
  const stamp = await settings.stamp("goals");
  return { year, goals: (await settings.goals()).filter((g) => g.year === year), ...(stamp ?? {}) };
}

/** Replaces the year's goals after checking every entry (known county, one entry each); other years are kept. */
async function setGoals(ctx: RouteContext) {
  const { year } = parseOrThrow(YearParam, ctx.params, "path");
  const body = parseOrThrow(GoalsBody, ctx.req.body, "goals");
  const ds = await ctx.state.skeleton();
  const counties = new Set(ds.regions.map((r) => r.id));
  const seen = new Set<string>();
  const issues: InputIssue[] = [];
  body.goals.forEach((g, i) => {
    const key = g.county ?? "";
    if (g.county !== undefined && !counties.has(g.county))
      issues.push({
        path: `goals[${i}].county`,
        rule: "unknown-ref",
        message: `no county ${JSON.stringify(g.county)} in the map`,
      });
    if (seen.has(key))
      issues.push({
        path: `goals[${i}].county`,
        rule: "duplicate",
        message: `a second goal for ${g.county ? `county ${g.county}` : "the whole city"} in ${year}; give one each`,
      });
    seen.add(key);
  });
  if (issues.length > 0) throw new ValidationError(issues, "goals");
  const { settings } = pipeline(ctx.state);
  const others = (await settings.goals()).filter((g) => g.year !== year);
  const next = [...others, ...body.goals.map((g) => ({ year, ...g }))].sort(
    (a, b) => a.year - b.year || (a.county ?? "").localeCompare(b.county ?? ""),
  );
  await settings.setGoals(next, ctx.user!.username);
  return goalsOf(ctx.state, year);
}

const errors = {
  400: { status: 400, description: "invalid, every problem named by field", schema: ErrorSchema },
  401: { status: 401, description: "not signed in", schema: ErrorSchema },
  403: { status: 403, description: "the role or county may not", schema: ErrorSchema },
  404: { status: 404, description: "no such project", schema: ErrorSchema },
};

export const projectRoutes: RouteSpec[] = [
  {
    method: "get",
    path: "/api/projects",
    summary:
      "Projects with their first-report holder and exclusive-talk clock (filters: stage, county, chain)",
    tag: "projects",
    roles: "any",
    query: ListQuery,
    responses: [
      {
        status: 200,
        description: "projects",
        schema: z.object({ items: z.array(ProjectRow), total: z.int() }),
      },
      errors[400],
    ],
    handler: async (ctx) => {
      const q = parseOrThrow(ListQuery, ctx.query, "query");
      const { book, settings } = pipeline(ctx.state);
      let ps = await visible(ctx, await book.list());
      if (q.stage) ps = ps.filter((p) => p.stage === q.stage);
      if (q.county) ps = ps.filter((p) => p.owner === q.county || creditedCounties(p).includes(q.county!));
      if (q.chain) {
        const chainOf = await chainsOfSegments(ctx.state);
        ps = ps.filter((p) => p.gaps.some((g) => chainOf.get(g.segment) === q.chain));
      }
      const today = q.today ?? now();
      const config = await settings.config();
      const items = ps.map((p) => row(p, today, config));
      return { items, total: items.length };
    },
  },
  {
    method: "get",
    path: "/api/projects/:id",
    summary: "One project with its clock and recorded changes",
    tag: "projects",
    roles: "any",
    params: IdParam,
    responses: [{ status: 200, description: "the project", schema: JsonObject }, errors[403], errors[404]],
    handler: async (ctx) => {
      const p = await readOne(ctx);
      const { book, settings } = pipeline(ctx.state);
      const changes = (await book.changes(p.id)).map(({ after: _a, ...c }) => c);
      return { ...row(p, now(), await settings.config()), changes };
    },
  },
  {
    method: "post",
    path: "/api/projects",
    summary:
      "Report a project; at ≥ 1 bn yuan / 100 M USD the county holds a month of exclusive talks (首报首谈); a second report of the same investor answers 409",
    tag: "projects",
    roles: WRITERS,
    body: RegisterBody,
    responses: [
      { status: 201, description: "registered", schema: ProjectRow },
      errors[400],
      errors[403],
      {
        status: 409,
        description: "the same investor is held by a county's first report (holder and end date named)",
        schema: ErrorSchema,
      },
    ],
    handler: async (ctx) => {
      const body = parseOrThrow(RegisterBody, ctx.req.body, "project");
      const user = ctx.user!;
      const { at: _at, note: _note, owner, ...rest } = body;
      const county = owner ?? body.region;
      mayWork(user, county);
      const by = changeBy(user, body);
      const { book, settings } = pipeline(ctx.state);
      // The investor by id or name, and the other projects' investors (the same investor under another name).
      const ds = await projectMap(mapReader(ctx.state), {
        firms: [body.investor.firm, ...(await book.list()).map((q) => q.investor.firm)],
        names: body.investor.firm ? [] : [body.investor.name],
      });
      let firm = body.investor.firm;
      if (!firm) {
        const r = new EntityIndex(ds.firms).resolve({ names: [body.investor.name] });
        if (r.kind === "match") firm = r.id;
      }
      const draft: NewProject = {
        ...rest,
        owner: county,
        investor: { ...body.investor, ...(firm ? { firm } : {}) },
      };
      const config = await settings.config();
      let seen: Project[] = [];
      let p: Project;
      try {
        p = await book.write({ op: "add", who: user.username, note: body.note }, (all) => {
          seen = all;
          const next = registerProject(draft, all, firmIndex(ds.firms), by, config);
          const issues = unknownRefs(next, ds);
          if (issues.length > 0) throw new ValidationError(issues, "project");
          return next;
        });
      } catch (e) {
        throw asConflict(e, seen);
      }
      ctx.res.status(201).json(row(p, now(), config));
    },
  },
  {
    method: "post",
    path: "/api/projects/:id/stage",
    summary:
      "Move a project to its next stage (who = the signed-in user); signing checks the pre-report, 投产 makes the investor a local firm in its segments",
    tag: "projects",
    roles: WRITERS,
    params: IdParam,
    body: StageBody,
    responses: [
      {
        status: 200,
        description: "moved; `landed` names the map's change at 投产",
        schema: z.object({ project: Project, landed: JsonObject.nullable() }),
      },
      errors[400],
      errors[403],
      errors[404],
    ],
    handler: async (ctx) => {
      const body = parseOrThrow(StageBody, ctx.req.body, "stage change");
      const user = ctx.user!;
      const { book, settings } = pipeline(ctx.state);
      const by = changeBy(user, body);
      // Through the state's write queue: a landing replaces the map, and the kept graph and answers are dropped.
      return ctx.state.write(async () => {
        const before = await book.get(ctx.params.id!);
        mayWork(user, before.owner);
        const config = await settings.config();
        const next = moveStage(before, body.stage, by, config);
        let landed: Record<string, unknown> | null = null;
        if (body.stage === "production") {
          // The investor and the ids its plant may take: one firm is written, not the map.
          const ds = await projectMap(mapReader(ctx.state), {
            firms: [next.investor.firm, ...plantIds(plantStem(next))],
          });
          const change = landingChange(next, ds, config);
          const meta = { who: user.username, why: `project ${next.id} in production (投产)` };
          await writeLanding(ctx.state.graphStore, ds, change, meta);
          if (!ctx.state.readsByChain)
            ctx.state.written(applyLanding(ds, change), {
              kind: "firms",
              id: change.firm.id,
              after: change.firm,
            });
          else ctx.state.changed();
          landed = {
            kind: change.kind,
            firm: change.firm.id,
            segments: (change.kind === "add-firm" ? change.firm.segments : change.added).map(
              (l) => l.segment,
            ),
          };
        }
        const p = await book.write({ op: "stage", who: user.username, note: body.note }, (all) => {
          // Moved from what was read: a change another writer made since is not overwritten.
          if (JSON.stringify(projectIn(all, before.id)) !== JSON.stringify(before))
            throw new ConflictError(`project ${before.id} was changed meanwhile; read it again and retry`);
          return next;
        });
        return { project: p, landed };
      });
    },
  },
  {
    method: "post",
    path: "/api/projects/:id/transfer",
    summary: "After the exclusive month, move a project to another county (both counties are credited)",
    tag: "projects",
    roles: WRITERS,
    params: IdParam,
    body: TransferBody,
    responses: [
      { status: 200, description: "transferred", schema: ProjectRow },
      errors[400],
      errors[403],
      errors[404],
    ],
    handler: async (ctx) => {
      const body = parseOrThrow(TransferBody, ctx.req.body, "transfer");
      const user = ctx.user!;
      const { book, settings } = pipeline(ctx.state);
      const by = changeBy(user, body);
      const ds = await ctx.state.skeleton();
      if (!ds.regions.some((r) => r.id === body.to))
        throw new ValidationError(
          [{ path: "to", rule: "unknown-ref", message: `no county ${JSON.stringify(body.to)} in the map` }],
          "transfer",
        );
      const config = await settings.config();
      const p = await book.write({ op: "transfer", who: user.username, note: body.note }, (all) => {
        const cur = projectIn(all, ctx.params.id!);
        mayWork(user, cur.owner);
        return transferProject(cur, body.to, by, config);
      });
      return row(p, now(), config);
    },
  },
  {
    method: "post",
    path: "/api/projects/:id/prereport",
    summary: "Record the signing pre-report to the city (重大签约项目预报), before the signing",
    tag: "projects",
    roles: WRITERS,
    params: IdParam,
    body: PreReportBody,
    responses: [
      { status: 200, description: "recorded", schema: ProjectRow },
      errors[400],
      errors[403],
      errors[404],
    ],
    handler: async (ctx) => {
      const body = parseOrThrow(PreReportBody, ctx.req.body ?? {}, "pre-report");
      const user = ctx.user!;
      const { book, settings } = pipeline(ctx.state);
      const by = changeBy(user, body);
      const p = await book.write({ op: "prereport", who: user.username, note: body.note }, (all) => {
        const cur = projectIn(all, ctx.params.id!);
        mayWork(user, cur.owner);
        return recordPreReport(cur, by.at);
      });
      return row(p, now(), await settings.config());
    },
  },
  {
    method: "get",
    path: "/api/progress",
    summary: "Progress against the city's goals for a year, city-wide or for one county, by month of signing",
    tag: "projects",
    roles: "any",
    query: ProgressQuery,
    responses: [{ status: 200, description: "as progress --json", schema: JsonObject }, errors[400]],
    handler: (ctx) => progressOf(ctx),
  },
  {
    method: "get",
    path: "/api/goals/:year",
    summary: "The city's and the counties' goals for a year, with who last changed the goals",
    tag: "projects",
    roles: "any",
    params: YearParam,
    responses: [{ status: 200, description: "the year's goals", schema: YearGoals }, errors[400]],
    handler: (ctx) => goalsOf(ctx.state, parseOrThrow(YearParam, ctx.params, "path").year),
  },
  {
    method: "put",
    path: "/api/goals/:year",
    summary:
      "Set the year's goals (city-wide and per county), written whole or not at all; other years are kept",
    tag: "projects",
    roles: ["admin", "editor"],
    params: YearParam,
    body: GoalsBody,
    responses: [
      { status: 200, description: "the year's goals as stored", schema: YearGoals },
      errors[400],
      errors[401],
      errors[403],
    ],
    handler: (ctx) => setGoals(ctx),
  },
  {
    method: "get",
    path: "/api/progress.xlsx",
    summary: "The progress table as an Excel workbook (measure, goal, actual, share, January … December)",
    tag: "exports",
    roles: "any",
    query: ProgressQuery,
    responses: [
      {
        status: 200,
        description: "XLSX file",
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
      errors[400],
    ],
    handler: async (ctx) => {
      const t = await progressOf(ctx);
      const bytes = await toXlsx([
        {
          name: `${t.year}${t.county ? ` ${t.county}` : ""}`,
          header: ["指标", "目标", "完成", "完成率", ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`)],
          rows: t.rows.map((r) => [
            GOAL_MEASURE_LABELS[r.measure].zh,
            r.goal ?? "",
            r.actual,
            r.share ?? "",
            ...r.monthly,
          ]),
        },
      ]);
      ctx.res
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .attachment(`progress-${t.year}${t.county ? `-${t.county}` : ""}.xlsx`)
        .send(bytes);
    },
  },
];
