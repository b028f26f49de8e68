// Targets: filters, sortable table, each row's explanation and evidence, what-if, portfolio, exports.
import { get, qs } from "../api.ts";
import { fmt, h, mount } from "../dom.ts";
import { LIST_NAMES, lang, listName, nm, t } from "../i18n.ts";
import type { ChainGaps, TargetRow } from "../types.ts";
import { type Ctx, chainOf, chainSelect, field, kindBadge, loading, pageHead, select } from "./page.ts";

interface WhatIf {
  firm: { name: { zh: string; en?: string } };
  before: { coverage: number; gapsByKind: Record<string, number> };
  after: { coverage: number; gapsByKind: Record<string, number> };
  changes: Array<{
    segment: { name: { zh: string; en?: string } };
    kindBefore: string;
    kindAfter: string;
    severityBefore: number;
    severityAfter: number;
  }>;
}
interface Portfolio {
  totalSeverity: number;
  closed: number;
  picks: Array<{
    firm: { id: string; name: { zh: string; en?: string }; country: string };
    marginalGain: number;
    cumulative: number;
    closes: Array<{ segment: string }>;
  }>;
}

/** 补链 where a gap it fills is missing, 强链 where it is weak, external or single-source, 延链 otherwise. */
function aimOf(r: TargetRow, kindOf: Map<string, string>): string {
  const kinds = r.gaps.map((g) => kindOf.get(g));
  if (kinds.includes("missing")) return "fill";
  if (kinds.some((k) => k === "weak" || k === "external" || k === "single-source")) return "strengthen";
  return "extend";
}

const TERM_KEYS = ["gapFit", "tier", "masterTies", "relatedness"];

const PARAMS = ["gap", "aim", "tag", "country", "minScore", "top"] as const;

export async function targetsPage(main: HTMLElement, ctx: Ctx): Promise<void> {
  const w = t();
  const chain = chainOf(ctx);
  const enc = encodeURIComponent(chain);
  const p = Object.fromEntries(PARAMS.map((k) => [k, ctx.params.get(k) ?? ""])) as Record<
    (typeof PARAMS)[number],
    string
  >;
  mount(main, pageHead(w.targets), loading());
  // The server ranks with gap, tag, country and top; the aim and the minimum score filter here.
  const query = {
    gap: p.gap,
    tag: p.tag,
    country: p.country.toUpperCase(),
    top: p.top || 50,
  };
  const [gaps, res, portfolio] = await Promise.all([
    get<ChainGaps>(`/api/chains/${enc}/gaps`),
    get<{ rows: TargetRow[] } | TargetRow[]>(`/api/chains/${enc}/targets${qs(query)}`),
    get<Portfolio>(`/api/chains/${enc}/portfolio${qs({ k: 5 })}`).catch(() => null),
  ]);
  const segName = new Map(gaps.findings.map((f) => [f.segment.id, nm(f.segment.name)]));
  const kindOf = new Map(gaps.findings.map((f) => [f.segment.id, f.kind]));
  const minScore = p.minScore ? Number(p.minScore) : 0;
  const ranked = (Array.isArray(res) ? res : res.rows).map((r) => ({ ...r, aim: r.aim ?? aimOf(r, kindOf) }));
  // Rows at or above the minimum score are a prefix of the ranking, so the XLSX asks for that many.
  const aboveMin = ranked.filter((r) => r.score >= minScore);
  let rows = aboveMin.filter((r) => !p.aim || r.aim === p.aim);
  const gapOpts: Array<[string, string]> = gaps.findings
    .filter((f) => f.kind !== "covered")
    .map((f) => [f.segment.id, `${nm(f.segment.name)}（${w.kinds[f.kind]}）`]);
  const inputs = {
    gap: select([["", w.any], ...gapOpts], p.gap),
    aim: select([["", w.any], ...Object.entries(w.aims)], p.aim),
    tag: select(
      [["", w.any], ...Object.keys(LIST_NAMES).map((k) => [k, listName(k)] as [string, string])],
      p.tag,
    ),
    country: h("input", {
      type: "text",
      value: p.country,
      placeholder: "CN,DE",
      size: 8,
      pattern: "[A-Za-z, ]*",
    }),
    minScore: h("input", { type: "number", value: p.minScore, min: 0, max: 1, step: 0.05 }),
  };
  const chainPick = chainSelect(ctx, chain);
  const apply = (e: Event) => {
    e.preventDefault();
    const next: Record<string, string> = { chain: chainPick.value };
    if (chainPick.value === chain)
      for (const [k, el] of Object.entries(inputs)) if (el.value) next[k] = el.value;
    ctx.go("targets", next);
  };
  const exportQs = qs({ ...query, top: Math.max(1, aboveMin.length) });
  const csv = () => {
    const cell = (v: string | number) => `"${String(v).replaceAll('"', '""')}"`;
    const lines = [
      ["#", w.firm, w.country, w.tag, w.gap, w.aim, w.score, w.explanation].map(cell).join(","),
      ...rows.map((r, i) =>
        [
          i + 1,
          nm(r.firm.name),
          r.firm.country,
          r.firm.tags.map(listName).join("、"),
          r.gaps.map((g) => segName.get(g) ?? g).join("、"),
          w.aims[r.aim ?? ""] ?? "",
          r.score.toFixed(3),
          r.explanation[lang()],
        ]
          .map(cell)
          .join(","),
      ),
    ];
    const url = URL.createObjectURL(
      new Blob([`\uFEFF${lines.join("\r\n")}\r\n`], { type: "text/csv;charset=utf-8" }),
    );
    const a = h("a", { href: url, download: `targets-${chain}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const tbody = h("tbody");
  const whatIfBox = h(
    "section",
    { class: "card", id: "whatif", "aria-live": "polite" },
    h("h2", null, w.whatIf),
    h("p", { class: "muted" }, w.whatIfNote),
  );
  let sortKey: "score" | "name" | "country" = "score";
  let asc = false;
  const sortBtn = (key: typeof sortKey, label: string) =>
    h(
      "button",
      {
        type: "button",
        class: "sort",
        "aria-label": `${label} ↕`,
        onclick: () => {
          asc = sortKey === key ? !asc : key !== "score";
          sortKey = key;
          draw();
        },
      },
      label,
      " ↕",
    );

  const whatIf = async (r: TargetRow) => {
    const seg = r.gaps[0];
    if (!seg) return;
    mount(whatIfBox, h("h2", null, `${w.whatIfTitle}：${nm(r.firm.name)}`), loading());
    const x = await get<WhatIf>(`/api/chains/${enc}/whatif${qs({ firm: r.firm.id, segment: seg })}`);
    mount(
      whatIfBox,
      h("h2", null, `${w.whatIfTitle}：${nm(r.firm.name)} → ${segName.get(seg) ?? seg}`),
      h("p", null, `${w.coverage}：${fmt.pct(x.before.coverage)} → ${fmt.pct(x.after.coverage)}`),
      x.changes.length
        ? h(
            "ul",
            null,
            x.changes.map((c) =>
              h(
                "li",
                null,
                `${nm(c.segment.name)}：`,
                kindBadge(c.kindBefore),
                ` ${fmt.num(c.severityBefore)} → `,
                kindBadge(c.kindAfter),
                ` ${fmt.num(c.severityAfter)}`,
              ),
            ),
          )
        : h("p", { class: "muted" }, w.none),
    );
    whatIfBox.scrollIntoView({ block: "nearest" });
  };

  const draw = () => {
    rows = [...rows].sort((a, b) => {
      const v =
        sortKey === "score"
          ? a.score - b.score
          : sortKey === "name"
            ? nm(a.firm.name).localeCompare(nm(b.firm.name), "zh-CN")
            : a.firm.country.localeCompare(b.firm.country);
      return asc ? v : -v;
    });
    mount(
      tbody,
      rows.length === 0 ? h("tr", null, h("td", { colspan: 7, class: "muted" }, w.noResult)) : null,
      rows.map((r, i) =>
        h(
          "tr",
          { "data-firm": r.firm.id },
          h("td", { class: "num" }, String(i + 1)),
          h("td", { class: "firm" }, nm(r.firm.name)),
          h("td", null, r.firm.country),
          h("td", null, r.firm.tags.map(listName).join("、") || "—"),
          h(
            "td",
            null,
            r.gaps.map((g) => segName.get(g) ?? g).join("、"),
            r.aim ? h("div", { class: "muted" }, w.aims[r.aim] ?? r.aim) : null,
          ),
          h(
            "td",
            { class: "num" },
            h("b", null, fmt.num(r.score)),
            h(
              "div",
              { class: "terms" },
              TERM_KEYS.map((k) => `${w.terms[k] ?? k} ${fmt.num(r.terms[k] ?? 0)}`).join(" · "),
            ),
          ),
          h(
            "td",
            null,
            h(
              "details",
              null,
              h(
                "summary",
                null,
                r.explanation[lang()].slice(0, 40) + (r.explanation[lang()].length > 40 ? "…" : ""),
              ),
              h("p", null, r.explanation[lang()]),
              h("h4", null, w.evidence),
              h(
                "ul",
                null,
                r.evidence.map((e) =>
                  h(
                    "li",
                    null,
                    [
                      segName.get(e.segment) ?? e.segment,
                      w.grades[e.grade] ?? e.grade,
                      w.bases[e.basis] ?? e.basis,
                      fmt.num(e.confidence),
                      e.detail,
                    ]
                      .filter((x) => x !== "")
                      .join(" · "),
                  ),
                ),
              ),
            ),
            h("button", { type: "button", class: "link", onclick: () => void whatIf(r) }, w.whatIf),
            ctx.user.role !== "lead" &&
              h(
                "button",
                {
                  type: "button",
                  class: "link register-project",
                  onclick: () =>
                    ctx.go("projects", {
                      firm: r.firm.id,
                      name: r.firm.name.zh,
                      segment: r.gaps.find((g) => kindOf.get(g) === "missing") ?? r.gaps[0] ?? "",
                    }),
                },
                w.registerAsProject,
              ),
          ),
        ),
      ),
    );
  };
  draw();
  mount(
    main,
    pageHead(
      `${w.targets} · ${nm(gaps.chain.name)}`,
      h(
        "a",
        {
          class: "button",
          href: `/api/chains/${enc}/targets.xlsx${exportQs}`,
          download: "",
          id: "export-xlsx",
        },
        w.exportXlsx,
      ),
      h("button", { type: "button", id: "export-csv", onclick: csv }, w.exportCsv),
    ),
    h(
      "form",
      { class: "filters", onsubmit: apply, id: "target-filters" },
      field(w.chain, chainPick, "chain"),
      field(w.gap, inputs.gap, "gap"),
      field(w.aim, inputs.aim, "aim"),
      field(w.tag, inputs.tag, "tag"),
      field(w.country, inputs.country, "country"),
      field(w.minScore, inputs.minScore, "minScore"),
      h("button", { type: "submit", class: "primary" }, w.apply),
    ),
    h(
      "div",
      { class: "grid2 wide-left" },
      h(
        "section",
        { class: "card" },
        h(
          "p",
          { class: "muted" },
          h("span", { id: "row-count", "data-count": rows.length }, `${rows.length} ${w.targets}`),
          " · ",
          w.exportNote,
        ),
        h(
          "table",
          { class: "data targets", id: "targets-table" },
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              h("th", null, "#"),
              h("th", null, sortBtn("name", w.firm)),
              h("th", null, sortBtn("country", w.country)),
              h("th", null, w.tag),
              h("th", null, w.gap),
              h("th", null, sortBtn("score", w.score)),
              h("th", null, w.explanation),
            ),
          ),
          tbody,
        ),
      ),
      h(
        "div",
        null,
        whatIfBox,
        portfolio
          ? h(
              "section",
              { class: "card", id: "portfolio" },
              h("h2", null, w.portfolio),
              h(
                "p",
                { class: "muted" },
                w.portfolioNote(
                  portfolio.picks.length,
                  fmt.num(portfolio.closed),
                  fmt.num(portfolio.totalSeverity),
                ),
              ),
              h(
                "ol",
                null,
                portfolio.picks.map((x) =>
                  h(
                    "li",
                    null,
                    `${nm(x.firm.name)}（${x.firm.country}）`,
                    h(
                      "div",
                      { class: "muted" },
                      `${w.gain} ${fmt.num(x.marginalGain)} · ${x.closes.map((c) => segName.get(c.segment) ?? c.segment).join("、")}`,
                    ),
                  ),
                ),
              ),
            )
          : null,
      ),
    ),
  );
}
