// chain-atlas project add|stage|prereport|transfer|list|show: the investment pipeline under the city's rules.
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import { ConflictError, OptionError, ValidationError } from "../../errors.ts";
import { EntityIndex } from "../../ingest/resolve/resolve-entity.ts";
import { PROJECT_STAGE_LABELS, ProjectStage } from "../../model/project.ts";
import {
  creditedCounties,
  firmIndex,
  firstReportClock,
  formatAmount,
  landingChange,
  moveStage,
  type NewProject,
  parsePipelineConfig,
  plantStem,
  recordPreReport,
  registerProject,
  transferProject,
  unknownRefs,
} from "../../pipeline/index.ts";
import { plantIds, projectMap, writeLanding } from "../../queries/project-map.ts";
import { PipelineSettings, ProjectBook, projectIn } from "../../store/projects/index.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

interface Common {
  at?: string;
  who: string;
  note?: string;
}

const now = () => new Date().toISOString();

/** `seg:aim` pairs, e.g. pv-glass:fill. */
function parseGaps(values: string[]): NonNullable<NewProject["gaps"]> {
  return values.map((v) => {
    const [segment, aim = "fill"] = v.split(":");
    if (!segment || !["fill", "strengthen", "extend"].includes(aim))
      throw new OptionError(
        `--gap ${JSON.stringify(v)}: expected segment:aim with aim fill (补链), strengthen (强链) or extend (延链)`,
      );
    return { segment, aim: aim as "fill" | "strengthen" | "extend" };
  });
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

export function register(program: Command, ctx: CliContext): void {
  const project = program
    .command("project")
    .description("investment projects: 首报首谈, stages, transfers, pre-reports");
  const open = async () => {
    const store = await ctx.openStore();
    const settings = new PipelineSettings(store);
    return { store, book: new ProjectBook(store), settings, config: await settings.config() };
  };
  const stamp = (c: Command) =>
    c
      .option("--at <date>", "when it happened: YYYY-MM-DD or a date-time with offset (default now)")
      .option("--who <name>", "who records it", userInfo().username)
      .option("--note <text>", "a note kept with the change");

  stamp(
    project
      .command("add")
      .description(
        "report a project; at ≥ 1 bn yuan / 100 M USD the county holds a month of exclusive talks (首报首谈)",
      )
      .requiredOption("--id <id>", "project id (a slug)")
      .requiredOption("--investor <name>", "the investor's name as reported")
      .option("--firm <id>", "the investor firm's id (found by name when left out)")
      .requiredOption("--county <id>", "the reporting county (owner and region)")
      .option("--park <id>", "the park the project goes to")
      .requiredOption("--amount <millions>", "total investment, in millions of the currency")
      .requiredOption("--currency <c>", "CNY or USD")
      .option("--gap <segment:aim>", "a segment it fills: pv-glass:fill (repeatable)", collect, [])
      .option("--stage <stage>", "lead (default), contacted, visited or negotiating")
      .option("--likelihood <l>", "low, medium or high")
      .option("--via <source>", "target-list, chain-master, association, fair, referral, other")
      .option("--landmark", "a landmark project (always pre-reported)")
      .option("--name <text>", "the project's name"),
  ).action(async (o: Common & Record<string, string | string[] | boolean | undefined>) => {
    const { book, config } = await open();
    // The investor by id or name, and the other projects' investors (the same investor under another name).
    const ds = await projectMap(await ctx.mapReader(), {
      firms: [o.firm as string | undefined, ...(await book.list()).map((q) => q.investor.firm)],
      names: o.firm ? [] : [String(o.investor)],
    });
    const amount = Number(o.amount);
    if (!Number.isFinite(amount))
      throw new OptionError(`--amount ${JSON.stringify(o.amount)}: expected a number of millions`);
    let firm = o.firm as string | undefined;
    if (!firm) {
      const r = new EntityIndex(ds.firms).resolve({ names: [String(o.investor)] });
      if (r.kind === "match") firm = r.id;
    }
    const draft: NewProject = {
      id: String(o.id),
      ...(o.name ? { name: String(o.name) } : {}),
      investor: { name: String(o.investor), ...(firm ? { firm } : {}) },
      gaps: parseGaps(o.gap as string[]),
      region: String(o.county),
      owner: String(o.county),
      ...(o.park ? { park: String(o.park) } : {}),
      amount: { millions: amount, currency: String(o.currency) as "CNY" },
      ...(o.stage ? { stage: String(o.stage) as "lead" } : {}),
      ...(o.likelihood ? { likelihood: String(o.likelihood) as "low" } : {}),
      ...(o.via ? { source: { via: String(o.via) as "other", sources: [] } } : {}),
      landmark: o.landmark === true,
    };
    const by = { at: o.at ?? now(), who: o.who, note: o.note };
    const p = await book.write({ op: "add", who: o.who, note: o.note }, (all) => {
      const next = registerProject(draft, all, firmIndex(ds.firms), by, config);
      const issues = unknownRefs(next, ds);
      if (issues.length > 0) throw new ValidationError(issues, "project");
      return next;
    });
    if (ctx.json) return printJson(p);
    const held = p.firstReport
      ? `; ${p.firstReport.county} holds exclusive talks until ${p.firstReport.exclusiveUntil} (首报首谈)`
      : "";
    process.stdout.write(`project ${p.id} added at ${p.stage} (${formatAmount(p.amount)})${held}\n`);
  });

  stamp(
    project
      .command("stage")
      .description(
        "move a project to its next stage; signing checks the pre-report, 投产 lands the firm in the map",
      )
      .argument("<id>", "project id")
      .argument("<stage>", `one of ${ProjectStage.options.join(", ")}`),
  ).action(async (id: string, stage: string, o: Common) => {
    const to = ProjectStage.safeParse(stage);
    if (!to.success)
      throw new OptionError(
        `stage ${JSON.stringify(stage)}: expected one of ${ProjectStage.options.join(", ")}`,
      );
    const { store, book, config } = await open();
    const by = { at: o.at ?? now(), who: o.who, note: o.note };
    const before = await book.get(id);
    const next = moveStage(before, to.data, by, config);
    let landed: string | undefined;
    if (to.data === "production") {
      // The map changes first (its own change set with who/why); the project's move is recorded after it. The
      // investor and the ids its plant may take are read, and one firm is written, not the map.
      const ds = await projectMap(await ctx.mapReader(), {
        firms: [next.investor.firm, ...plantIds(plantStem(next))],
      });
      const change = landingChange(next, ds, config);
      await writeLanding(store, ds, change, { who: o.who, why: `project ${id} in production (投产)` });
      landed =
        change.kind === "add-firm"
          ? `new local firm ${change.firm.id}`
          : `firm ${change.firm.id} gains ${change.added.map((l) => l.segment).join(", ") || "no new segments"}`;
    }
    const p = await book.write({ op: "stage", who: o.who, note: o.note }, (all) => {
      // Moved from what was read: a change another writer made since is not overwritten.
      if (JSON.stringify(projectIn(all, id)) !== JSON.stringify(before))
        throw new ConflictError(`project ${id} was changed meanwhile; run the command again`);
      return next;
    });
    if (ctx.json) return printJson({ project: p, landed });
    const flag =
      p.signing && to.data === "signed" && !p.signing.cityCredit
        ? `; FLAGGED: pre-report ${p.signing.preReport} (due by ${p.signing.dueBy}), no city credit`
        : "";
    process.stdout.write(
      `project ${p.id} → ${p.stage} (${PROJECT_STAGE_LABELS[p.stage].zh})${flag}${landed ? `; landed: ${landed}` : ""}\n`,
    );
  });

  stamp(
    project
      .command("prereport")
      .description("record the signing pre-report to the city (重大签约项目预报)")
      .argument("<id>", "project id"),
  ).action(async (id: string, o: Common) => {
    const { book } = await open();
    const p = await book.write({ op: "prereport", who: o.who, note: o.note }, (all) =>
      recordPreReport(projectIn(all, id), o.at ?? now()),
    );
    if (ctx.json) return printJson(p);
    process.stdout.write(`project ${p.id} pre-reported at ${p.preReportedAt}\n`);
  });

  stamp(
    project
      .command("transfer")
      .description("after the exclusive month, move a project to another county; both are credited")
      .argument("<id>", "project id")
      .requiredOption("--to <county>", "the county taking the project over"),
  ).action(async (id: string, o: Common & { to: string }) => {
    const { book, config } = await open();
    const ds = await ctx.skeleton();
    if (!ds.regions.some((r) => r.id === o.to))
      throw new ValidationError(
        [{ path: "to", rule: "unknown-ref", message: `no county ${JSON.stringify(o.to)} in the map` }],
        "transfer",
      );
    const p = await book.write({ op: "transfer", who: o.who, note: o.note }, (all) =>
      transferProject(projectIn(all, id), o.to, { at: o.at ?? now(), who: o.who, note: o.note }, config),
    );
    if (ctx.json) return printJson(p);
    process.stdout.write(
      `project ${p.id} transferred to ${p.owner}; credited: ${creditedCounties(p).join(", ")}\n`,
    );
  });

  project
    .command("list")
    .description("projects with stage, owner, first-report holder and clock")
    .option("--county <id>", "only this county's projects")
    .option("--stage <stage>", "only projects at this stage")
    .option("--today <date>", "the day the clock is read on (default today)")
    .action(async (o: { county?: string; stage?: string; today?: string }) => {
      const { book, config } = await open();
      const today = o.today ?? now();
      const rows = (await book.list())
        .filter((p) => (!o.county || p.owner === o.county) && (!o.stage || p.stage === o.stage))
        .map((p) => ({ project: p, clock: firstReportClock(p, today, config) }));
      if (ctx.json) return printJson(rows);
      if (rows.length === 0) return void process.stdout.write("no projects\n");
      const en = ctx.lang === "en";
      printTable(
        en
          ? ["id", "investor", "amount", "stage", "owner", "first report", "clock", "signing"]
          : ["编号", "投资方", "总投资", "阶段", "负责", "首报", "首谈期", "签约"],
        rows.map(({ project: p, clock }) => [
          p.id,
          p.investor.name,
          formatAmount(p.amount),
          PROJECT_STAGE_LABELS[p.stage][en ? "en" : "zh"],
          p.owner,
          clock?.holder ?? "",
          clock
            ? clock.exclusive
              ? `≤ ${clock.exclusiveUntil} (${clock.daysLeft})`
              : `ended ${clock.exclusiveUntil}`
            : "",
          p.signing ? `${p.signing.on} ${p.signing.cityCredit ? "" : `⚑ ${p.signing.preReport}`}`.trim() : "",
        ]),
      );
    });

  project
    .command("show")
    .description("one project with its recorded changes")
    .argument("<id>", "project id")
    .action(async (id: string) => {
      const { book } = await open();
      const p = await book.get(id);
      const changes = (await book.changes(id)).map(({ after: _a, ...c }) => c);
      if (ctx.json) return printJson({ project: p, changes });
      process.stdout.write(
        `${p.id}: ${p.investor.name}, ${formatAmount(p.amount)}, ${p.stage}, owner ${p.owner}\n`,
      );
      printTable(
        ["stage", "at", "who", "note"],
        p.history.map((h) => [h.stage, h.at, h.who, h.note ?? ""]),
      );
    });

  project
    .command("config")
    .description("print the pipeline's rules configuration, or store a new one from a YAML/JSON file")
    .option("--set <file>", "configuration file (thresholds, durations, usdToCny, timeZone)")
    .option("--who <name>", "who sets it", userInfo().username)
    .action(async (o: { set?: string; who: string }) => {
      const { settings } = await open();
      if (o.set)
        await settings.setConfig(parsePipelineConfig(parseYaml(readFileSync(o.set, "utf8")), o.set), o.who);
      printJson(await settings.config());
    });
}
