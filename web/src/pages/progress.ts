// Progress against the city's goals: a year, city-wide or one county; goal, actual, share and the twelve months.
import { get, qs } from "../api.ts";
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

export async function progressPage(main: HTMLElement, ctx: Ctx): Promise<void> {
  const w = t();
  const year = ctx.params.get("year") || String(new Date().getFullYear());
  const county = ctx.params.get("county") ?? "";
  mount(main, pageHead(w.progress), loading());
  const [p, regions] = await Promise.all([
    get<Progress>(`/api/progress${qs({ year, county })}`),
    get<{ items: Array<{ id: string; name: { zh: string; en?: string } }> }>("/api/regions?limit=1000"),
  ]);
  const yearInput = h("input", { type: "number", min: 2000, max: 2100, value: year });
  const countyPick = select(
    [["", w.cityWide], ...regions.items.map((r) => [r.id, nm(r.name)] as [string, string])],
    county,
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
  );
}
