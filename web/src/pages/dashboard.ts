// The bureau's overview: coverage per chain, gaps by kind, top targets, recent changes.
import { get, qs } from "../api.ts";
import { fmt, h, mount } from "../dom.ts";
import { GAP_COLORS, nm, t } from "../i18n.ts";
import type { ChainGaps, Change, List, TargetRow } from "../types.ts";
import { type Ctx, kindBadge, loading, pageHead } from "./page.ts";

const KINDS = ["missing", "weak", "external", "single-source"];

export async function dashboardPage(main: HTMLElement, ctx: Ctx): Promise<void> {
  const w = t();
  const { chart } = await import("../charts.ts");
  mount(main, pageHead(w.dashboard), loading());
  const first = ctx.chains[0]?.id ?? "";
  // Every chain's gap figures in one request: on a province the server reads its chains one by one (a minute the
  // first time), so the page shows what it has and fills the charts and the table when they come.
  const summary = get<{ items: Array<Pick<ChainGaps, "chain" | "figures">> }>("/api/gaps/summary");
  summary.catch(() => undefined);
  const [targets, history] = await Promise.all([
    first
      ? get<{ rows: TargetRow[] } | TargetRow[]>(
          `/api/chains/${encodeURIComponent(first)}/targets${qs({ top: 8 })}`,
        )
      : null,
    get<List<Change>>("/api/history?limit=8").catch(() => ({ items: [], total: 0 })),
  ]);
  const rows = targets ? (Array.isArray(targets) ? targets : targets.rows) : [];
  const tot = ctx.chains.reduce(
    (a, c) => ({
      seg: a.seg + c.segments,
      local: a.local + c.localFirms,
      cand: a.cand + c.candidateFirms,
      ties: a.ties + c.supplyTies,
    }),
    { seg: 0, local: 0, cand: 0, ties: 0 },
  );
  const coverageEl = h("div", { class: "chart", role: "img", "aria-label": w.coverage });
  const reportRows = h("tbody", null);
  const gapsPending = loading();
  const kindsEl = h("div", { class: "chart", role: "img", "aria-label": w.gapsByKind });
  const disposers: Array<() => void> = [];
  mount(
    main,
    pageHead(w.dashboard),
    h(
      "section",
      { class: "figures" },
      [
        [w.chains, ctx.chains.length],
        [w.segments, tot.seg],
        [w.localFirms, tot.local],
        [w.candidates, tot.cand],
        [w.ties, tot.ties],
      ].map(([l, v]) =>
        h(
          "div",
          { class: "figure" },
          h("div", { class: "value" }, String(v)),
          h("div", { class: "label" }, String(l)),
        ),
      ),
    ),
    h(
      "div",
      { class: "grid2" },
      h("section", { class: "card" }, h("h2", null, w.coverage), coverageEl),
      h("section", { class: "card" }, h("h2", null, w.gapsByKind), kindsEl),
      h(
        "section",
        { class: "card" },
        h("h2", null, `${w.topTargets} · ${nm(ctx.chains[0]?.name)}`),
        h(
          "table",
          { class: "data" },
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              h("th", null, "#"),
              h("th", null, w.firm),
              h("th", null, w.country),
              h("th", null, w.score),
            ),
          ),
          h(
            "tbody",
            null,
            rows.map((r, i) =>
              h(
                "tr",
                null,
                h("td", null, String(i + 1)),
                h("td", null, nm(r.firm.name)),
                h("td", null, r.firm.country),
                h("td", { class: "num" }, fmt.num(r.score)),
              ),
            ),
          ),
        ),
        h("p", null, h("a", { href: `#/targets?chain=${encodeURIComponent(first)}` }, `${w.targets} →`)),
      ),
      h(
        "section",
        { class: "card" },
        h("h2", null, w.recentChanges),
        history.items.length
          ? h(
              "ul",
              { class: "changes" },
              history.items.map((c) =>
                h("li", null, h("b", null, c.who), ` · ${fmt.time(c.at)} · `, c.why ?? c.op ?? ""),
              ),
            )
          : h("p", { class: "muted" }, w.none),
        h("p", null, h("a", { href: "#/history" }, `${w.history} →`)),
      ),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", null, w.report),
      h(
        "table",
        { class: "data" },
        h(
          "thead",
          null,
          h(
            "tr",
            null,
            h("th", null, w.chain),
            h("th", null, w.coverage),
            KINDS.map((k) => h("th", null, kindBadge(k))),
            h("th", null, ""),
          ),
        ),
        reportRows,
      ),
      gapsPending,
    ),
  );
  const fillGaps = (gaps: ReadonlyArray<Pick<ChainGaps, "chain" | "figures">>) => {
    gapsPending.remove();
    reportRows.replaceChildren(
      ...gaps.map((g) =>
        h(
          "tr",
          null,
          h("td", null, nm(g.chain.name)),
          h("td", { class: "num" }, fmt.pct(g.figures.coverage)),
          KINDS.map((k) => h("td", { class: "num" }, String(g.figures.gapsByKind[k] ?? 0))),
          h(
            "td",
            null,
            h("a", { href: `#/fishbone?chain=${encodeURIComponent(g.chain.id)}` }, w.fishbone),
            " · ",
            h("a", { href: `#/report?chain=${encodeURIComponent(g.chain.id)}` }, w.report),
          ),
        ),
      ),
    );
    const names = gaps.map((g) => nm(g.chain.name));
    const a = chart(coverageEl, {
      tooltip: { trigger: "axis", valueFormatter: (v: number) => `${v}%` },
      grid: { left: 110, right: 24, top: 10, bottom: 24 },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", data: names, inverse: true },
      series: [
        {
          type: "bar",
          data: gaps.map((g) => Math.round(g.figures.coverage * 100)),
          itemStyle: { color: "#1f5fa8" },
          label: { show: true, position: "right", formatter: "{c}%" },
        },
      ],
    });
    const b = chart(kindsEl, {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 110, right: 24, top: 30, bottom: 24 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: names, inverse: true },
      series: KINDS.map((k) => ({
        name: w.kinds[k],
        type: "bar",
        stack: "gaps",
        itemStyle: { color: GAP_COLORS[k] },
        data: gaps.map((g) => g.figures.gapsByKind[k] ?? 0),
      })),
    });
    disposers.push(a.dispose, b.dispose);
  };
  let left = false;
  ctx.onLeave(() => {
    left = true;
    for (const d of disposers) d();
  });
  try {
    const { items } = await summary;
    if (!left) fillGaps(items);
  } catch (e) {
    gapsPending.textContent = e instanceof Error ? e.message : String(e);
  }
}
