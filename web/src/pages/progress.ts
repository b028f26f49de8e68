// Progress against the city's goals: a year, city-wide or one county; goal, actual, share and the twelve months.
import { ApiError, call, get, qs } from "../api.ts";
import { h, mount } from "../dom.ts";
import { lang, nm, t } from "../i18n.ts";
import { type Ctx, field, loading, pageHead, select } from "./page.ts";

interface Progress {
  year: number;
  county?: string;
  rows: Array<{ measure: string; goal?: number; actual: number; share?: number; monthly: number[] }>;
  counted: Array<{ id: string; signedOn: string; measures: string[] }>;
  flagged: string[];
}

const L = {
  zh: {
    charts: "逐月完成与目标",
    noData: "本年尚无计入的项目，也未设目标；有签约项目或目标后，这里按月显示。",
    monthlyActual: "当月完成",
    cumulative: "累计完成",
    goalLine: "年度目标",
    editGoals: "编辑年度目标",
    editFor: (where: string, year: string) => `${where} ${year} 年目标（留空表示无目标）`,
    save: "保存目标",
    saved: "目标已保存",
    note: "来源或说明",
  },
  en: {
    charts: "Monthly progress against the goal",
    noData: "No project counts this year and no goal is set; the months are charted once there is one.",
    monthlyActual: "this month",
    cumulative: "cumulative",
    goalLine: "yearly goal",
    editGoals: "Edit the year's goals",
    editFor: (where: string, year: string) => `Goals of ${where} for ${year} (blank = no goal)`,
    save: "Save goals",
    saved: "Goals saved",
    note: "source or note",
  },
};

interface YearGoals {
  year: number;
  goals: Array<Record<string, unknown> & { county?: string }>;
}

export async function progressPage(main: HTMLElement, ctx: Ctx): Promise<void> {
  const w = t();
  const year = ctx.params.get("year") || String(new Date().getFullYear());
  const county = ctx.params.get("county") ?? "";
  const l = L[lang()];
  const { chart } = await import("../charts.ts");
  mount(main, pageHead(w.progress), loading());
  const editor = ctx.user.role === "admin" || ctx.user.role === "editor";
  const [p, regions, yearGoals] = await Promise.all([
    get<Progress>(`/api/progress${qs({ year, county })}`),
    get<{ items: Array<{ id: string; name: { zh: string; en?: string } }> }>("/api/regions?limit=1000"),
    editor ? get<YearGoals>(`/api/goals/${encodeURIComponent(year)}`).catch(() => null) : null,
  ]);
  const yearInput = h("input", { type: "number", min: 2000, max: 2100, value: year });
  const countyPick = select(
    [["", w.cityWide], ...regions.items.map((r) => [r.id, nm(r.name)] as [string, string])],
    county,
  );
  const countyName = county
    ? nm(regions.items.find((r) => r.id === county)?.name ?? { zh: county })
    : w.cityWide;
  // A measure with neither a goal nor anything counted has nothing to chart (an empty axis helps no one).
  const charted = p.rows.filter((r) => r.actual > 0 || r.goal != null);
  const chartEls = charted.map((r) =>
    h("div", {
      class: "chart progress-chart",
      role: "img",
      "aria-label": w.measures[r.measure] ?? r.measure,
      "data-measure": r.measure,
    }),
  );
  const months = Array.from({ length: 12 }, (_, i) =>
    lang() === "zh" ? `${i + 1}月` : new Date(Date.UTC(2000, i, 1)).toLocaleString("en", { month: "short" }),
  );
  mount(
    main,
    pageHead(
      `${w.progress} · ${p.year}`,
      h(
        "a",
        {
          class: "button",
          id: "progress-xlsx",
          download: "",
          href: `/api/progress.xlsx${qs({ year, county })}`,
        },
        w.exportXlsx,
      ),
    ),
    h(
      "form",
      {
        class: "filters",
        id: "progress-filters",
        onsubmit: (e: Event) => {
          e.preventDefault();
          ctx.go("progress", {
            year: yearInput.value,
            ...(countyPick.value ? { county: countyPick.value } : {}),
          });
        },
      },
      field(w.year, yearInput, "year"),
      field(w.county, countyPick, "county"),
      h("button", { type: "submit", class: "primary" }, w.apply),
    ),
    h(
      "section",
      { class: "card" },
      h(
        "table",
        { class: "data", id: "progress-table" },
        h(
          "thead",
          null,
          h(
            "tr",
            null,
            [w.measure, w.goal, w.actual, w.share, ...months].map((x) => h("th", null, x)),
          ),
        ),
        h(
          "tbody",
          null,
          p.rows.map((r) =>
            h(
              "tr",
              { "data-measure": r.measure },
              h("td", null, w.measures[r.measure] ?? r.measure),
              h("td", { class: "num" }, r.goal ?? "—"),
              h("td", { class: "num actual" }, r.actual),
              h("td", { class: "num" }, r.share === undefined ? "—" : `${Math.round(r.share * 1000) / 10}%`),
              r.monthly.map((m) => h("td", { class: "num" }, m || "")),
            ),
          ),
        ),
      ),
      p.flagged.length
        ? h("p", { class: "flag", id: "progress-flagged" }, `⚑ ${w.flagged}：${p.flagged.join("、")}`)
        : null,
    ),
    h(
      "section",
      { class: "card", id: "progress-charts" },
      h("h2", null, l.charts),
      charted.length ? chartEls : h("p", { class: "muted" }, l.noData),
    ),
    yearGoals ? goalForm(yearGoals, p, county, countyName, ctx) : null,
  );
  const disposers = charted.map((r, i) => {
    let run = 0;
    const cumulative = r.monthly.map((m) => {
      run += m;
      return Math.round(run * 1000) / 1000;
    });
    return chart(chartEls[i]!, {
      title: { text: w.measures[r.measure] ?? r.measure, textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      legend: { top: 0, right: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 28 },
      xAxis: { type: "category", data: months },
      yAxis: { type: "value", minInterval: r.measure === "fdiUsdMillions" ? 0 : 1 },
      series: [
        { name: l.monthlyActual, type: "bar", data: r.monthly, itemStyle: { color: "#1f5fa8" } },
        { name: l.cumulative, type: "bar", data: cumulative, itemStyle: { color: "#9cc0e8" } },
        ...(r.goal !== undefined
          ? [
              {
                name: l.goalLine,
                type: "bar",
                data: months.map(() => r.goal),
                itemStyle: { color: "#e0a030" },
                barGap: "10%",
              },
            ]
          : []),
      ],
    }).dispose;
  });
  ctx.onLeave(() => {
    for (const d of disposers) d();
  });
}

const MEASURES = [
  "fortuneGlobal500",
  "foreignOver100MUsd",
  "domesticOver5Bn",
  "domesticOver10Bn",
  "fdiUsdMillions",
];

/** The editor's form for the goal shown (city-wide or the county picked); the year's other goals are kept. */
function goalForm(yg: YearGoals, p: Progress, county: string, where: string, ctx: Ctx): HTMLElement {
  const w = t();
  const l = L[lang()];
  const mine = yg.goals.find((g) => (g.county ?? "") === county) ?? {};
  const inputs = MEASURES.map((m) => {
    const v = mine[m];
    return h("input", {
      type: "number",
      min: 0,
      step: "any",
      value: typeof v === "number" ? v : "",
      "data-goal": m,
    });
  }) as HTMLInputElement[];
  const noteInput = h("input", {
    type: "text",
    value: typeof mine.note === "string" ? mine.note : "",
  }) as HTMLInputElement;
  const status = h("p", { class: "muted", id: "goal-status", role: "status" });
  const form = h(
    "form",
    {
      class: "card filters",
      id: "goal-form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        for (const x of form.querySelectorAll<HTMLElement>(".field-error")) x.textContent = "";
        const goal: Record<string, unknown> = county ? { county } : {};
        MEASURES.forEach((m, i) => {
          const v = inputs[i]!.value.trim();
          if (v !== "") goal[m] = Number(v);
        });
        if (noteInput.value.trim()) goal.note = noteInput.value.trim();
        const others = yg.goals.filter((g) => (g.county ?? "") !== county).map(({ year: _year, ...g }) => g);
        try {
          await call(`/api/goals/${p.year}`, { method: "PUT", body: { goals: [...others, goal] } });
          status.textContent = l.saved;
          ctx.go("progress", { year: String(p.year), ...(county ? { county } : {}) });
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          status.textContent = err.body.message;
          for (const d of err.body.details ?? []) {
            const m = d.path.split(".").at(-1) ?? "";
            const slot = form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(m)}"]`);
            if (slot) slot.textContent = d.message;
          }
        }
      },
    },
    h("h2", null, l.editGoals),
    h("p", { class: "muted" }, l.editFor(where, String(p.year))),
    MEASURES.map((m, i) => field(w.measures[m] ?? m, inputs[i]!, m)),
    field(l.note, noteInput, "note"),
    h("button", { type: "submit", class: "primary", id: "save-goals" }, l.save),
    status,
  );
  return form;
}
