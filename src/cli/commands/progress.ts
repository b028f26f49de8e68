// chain-atlas progress --year Y [--county C]: signings and FDI against the city's goals, by month; JSON or Excel.
import { readFileSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import { OptionError } from "../../errors.ts";
import { GOAL_MEASURE_LABELS, ProgressGoals } from "../../model/progress-goal.ts";
import { goalProgress, type ProgressTable, parseWith } from "../../pipeline/index.ts";
import { investorFirms } from "../../queries/project-map.ts";
import type { Table } from "../../render/tables/table-export.ts";
import { toXlsx } from "../../render/tables/table-export-xlsx.ts";
import { PipelineSettings, ProjectBook } from "../../store/projects/index.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

/** The progress table as rows: measure, goal, actual, share, then January … December. */
function progressTable(t: ProgressTable, lang: "zh" | "en"): Table {
  const en = lang === "en";
  return {
    name: `${t.year}${t.county ? ` ${t.county}` : ""}`,
    header: [
      en ? "measure" : "指标",
      en ? "goal" : "目标",
      en ? "actual" : "完成",
      en ? "share" : "完成率",
      ...MONTHS,
    ],
    rows: t.rows.map((r) => [
      GOAL_MEASURE_LABELS[r.measure][lang],
      r.goal ?? "",
      r.actual,
      r.share === undefined ? "" : `${Math.round(r.share * 1000) / 10}%`,
      ...r.monthly,
    ]),
  };
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command("progress")
    .description("progress against the city's goals for a year (city-wide or one county), by month")
    .requiredOption("--year <y>", "the year")
    .option("--county <id>", "one county (a transferred project counts for both counties)")
    .option(
      "--goals <file>",
      "store these goals first (YAML/JSON: goals: [{year, county?, fortuneGlobal500, …}])",
    )
    .option("--who <name>", "who sets the goals", userInfo().username)
    .option("--xlsx <file>", "also write the table as an Excel workbook")
    .action(async (o: { year: string; county?: string; goals?: string; who: string; xlsx?: string }) => {
      const year = Number(o.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100)
        throw new OptionError(`--year ${JSON.stringify(o.year)}: expected a year such as 2024`);
      const store = await ctx.openStore();
      const ds = await ctx.skeleton();
      if (o.county && !ds.regions.some((r) => r.id === o.county))
        throw new OptionError(
          `--county ${JSON.stringify(o.county)}: no such county; expected one of ${ds.regions.map((r) => r.id).join(", ")}`,
        );
      const settings = new PipelineSettings(store);
      if (o.goals)
        await settings.setGoals(
          parseWith(ProgressGoals, parseYaml(readFileSync(o.goals, "utf8")), o.goals).goals,
          o.who,
        );
      const projects = await new ProjectBook(store).list();
      const t = goalProgress(
        projects,
        await investorFirms(await ctx.mapReader(), projects),
        await settings.goals(),
        { year, county: o.county },
        await settings.config(),
      );
      const table = progressTable(t, ctx.lang);
      if (o.xlsx) writeFileSync(o.xlsx, await toXlsx([table]));
      if (ctx.json) return printJson(t);
      printTable(
        table.header,
        table.rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c)))),
      );
      if (t.flagged.length > 0)
        process.stdout.write(
          `${ctx.lang === "en" ? "flagged (pre-report late or missing, no city credit)" : "未按时预报、不计入全市"}: ${t.flagged.join(", ")}\n`,
        );
    });
}
