// The city map: a schematic of Jiaxing's counties, districts and parks (no boundary data), each with its
// local firms per chain, and the list of gaps no county fills.
import { get, qs } from "../api.ts";
import { h, mount } from "../dom.ts";
import { nm, t } from "../i18n.ts";
import { type Ctx, chainSelect, field, kindBadge, loading, pageHead } from "./page.ts";

interface RegionSummary {
  region: string;
  name: { zh: string; en?: string };
  kind?: string;
  chains: Record<string, { localFirms: number; segmentsCovered: number }>;
  uncoveredGaps?: Array<
    string | { segment: string; name?: { zh: string; en?: string }; chain?: string; kind?: string }
  >;
}

/** Where each county sits on the schematic, roughly as on the map (north up). */
const PLACE: Record<string, [number, number]> = {
  jiashan: [640, 150],
  xiuzhou: [330, 170],
  nanhu: [470, 260],
  "jiaxing-etdz": [400, 330],
  pinghu: [660, 360],
  tongxiang: [170, 310],
  haining: [260, 470],
  haiyan: [500, 470],
  "jiaxing-port": [700, 500],
};

export async function cityMapPage(main: HTMLElement, ctx: Ctx): Promise<void> {
  const w = t();
  const chain = ctx.params.get("chain") ?? "";
  const { chart } = await import("../charts.ts");
  mount(main, pageHead(w.cityMap), loading());
  const [data, segs] = await Promise.all([
    get<RegionSummary[] | { items: RegionSummary[] }>("/api/regions/summary"),
    get<{ items: Array<{ id: string; name: { zh: string; en?: string }; chain: string }> }>(
      `/api/segments${qs({ chain, limit: 500 })}`,
    ).catch(() => ({ items: [] })),
  ]);
  const segName = new Map(segs.items.map((s) => [s.id, s]));
  const regions = Array.isArray(data) ? data : data.items;
  const count = (r: RegionSummary) =>
    chain
      ? (r.chains[chain]?.localFirms ?? 0)
      : Object.values(r.chains).reduce((a, c) => a + c.localFirms, 0);
  const max = Math.max(1, ...regions.map(count));
  const el = h("div", { class: "chart tall", role: "img", "aria-label": w.cityMap });
  const uncovered = new Map<
    string,
    { label: string; kind?: string | undefined; chain?: string | undefined }
  >();
  for (const r of regions)
    for (const g of r.uncoveredGaps ?? []) {
      const id = typeof g === "string" ? g : g.segment;
      const seg = segName.get(id);
      const gChain = (typeof g === "string" ? undefined : g.chain) ?? seg?.chain;
      if (chain && gChain && gChain !== chain) continue;
      if (chain && !seg && !gChain) continue;
      uncovered.set(id, {
        label: seg ? nm(seg.name) : id,
        kind: typeof g === "string" ? undefined : g.kind,
        chain: gChain,
      });
    }
  const chainName = (id: string) => nm(ctx.chains.find((c) => c.id === id)?.name) || id;
  mount(
    main,
    pageHead(w.cityMap),
    h(
      "form",
      { class: "filters" },
      field(
        w.chain,
        chainSelect(ctx, chain, true, {
          onchange: (e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            ctx.go("city", v ? { chain: v } : {});
          },
        }),
      ),
    ),
    h(
      "div",
      { class: "grid2 wide-left" },
      h(
        "section",
        { class: "card" },
        h("h2", null, w.counties),
        el,
        h("p", { class: "muted" }, "示意图，非比例地图 · schematic, not to scale"),
      ),
      h(
        "section",
        { class: "card" },
        h("h2", null, w.uncovered),
        uncovered.size
          ? h(
              "ul",
              { class: "gap-list", id: "uncovered" },
              [...uncovered.values()]
                .sort((a, b) => (a.chain ?? "").localeCompare(b.chain ?? ""))
                .map((n) =>
                  h(
                    "li",
                    null,
                    n.kind ? kindBadge(n.kind) : null,
                    " ",
                    n.label,
                    !chain && n.chain ? h("span", { class: "muted" }, ` · ${chainName(n.chain)}`) : null,
                  ),
                ),
            )
          : h("p", { class: "muted" }, w.none),
      ),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", null, w.localFirms),
      h(
        "table",
        { class: "data", id: "region-table" },
        h(
          "thead",
          null,
          h(
            "tr",
            null,
            h("th", null, w.county),
            ctx.chains.filter((c) => !chain || c.id === chain).map((c) => h("th", null, nm(c.name))),
          ),
        ),
        h(
          "tbody",
          null,
          regions.map((r) =>
            h(
              "tr",
              null,
              h("th", { scope: "row" }, nm(r.name)),
              ctx.chains
                .filter((c) => !chain || c.id === chain)
                .map((c) => {
                  const v = r.chains[c.id];
                  return h(
                    "td",
                    { class: "num", title: chainName(c.id) },
                    v ? `${v.localFirms} / ${v.segmentsCovered}` : "—",
                  );
                }),
            ),
          ),
        ),
      ),
      h("p", { class: "muted" }, `${w.localFirms} / ${w.segments}`),
    ),
  );
  const nodes = regions.map((r, i) => {
    const [x, y] = PLACE[r.region] ?? [100 + (i % 4) * 180, 560 + Math.floor(i / 4) * 80];
    const n = count(r);
    const park = r.kind === "park" || /zone|port|etdz|park/.test(r.region);
    const size = 34 + 50 * Math.sqrt(n / max);
    const small = size < 60 || nm(r.name).length > 5;
    return {
      id: r.region,
      name: `${nm(r.name)}\n${n}`,
      x,
      y,
      symbol: park ? "roundRect" : "circle",
      symbolSize: size,
      itemStyle: { color: n === 0 ? "#d0d6dc" : park ? "#7b4fa0" : "#1f5fa8", opacity: 0.9 },
      label: {
        show: true,
        position: small ? "bottom" : "inside",
        color: n === 0 || small ? "#1d2733" : "#fff",
        fontSize: 13,
        lineHeight: 16,
      },
    };
  });
  const c = chart(el, {
    tooltip: {
      formatter: (p: { data: { id: string } }) => {
        const r = regions.find((x) => x.region === p.data.id);
        if (!r) return "";
        const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
        return [
          esc(nm(r.name)),
          ...Object.entries(r.chains)
            .filter(([k]) => !chain || k === chain)
            .map(([k, v]) => `${esc(chainName(k))}: ${v.localFirms}`),
        ].join("<br>");
      },
    },
    series: [
      { type: "graph", layout: "none", roam: false, data: nodes, links: [], label: { position: "inside" } },
    ],
  });
  ctx.onLeave(c.dispose);
}
