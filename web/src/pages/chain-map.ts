// The chain map: sigma (WebGL) over a graphology graph whose positions come from the server.
// Filters hide nodes through the reducers (no re-layout); a click opens the node's card with its sources.
import Graph from "graphology";
import Sigma from "sigma";
import { get, qs } from "../api.ts";
import { h, mount } from "../dom.ts";
import { GAP_COLORS, LIST_NAMES, listName, nm, t } from "../i18n.ts";
import type { GraphEdge, GraphNode, List, Source } from "../types.ts";
import { type Ctx, chainSelect, field, loading, pageHead, select } from "./page.ts";

const LOCAL = "#1f5fa8";
const CANDIDATE = "#9aa4ae";

interface Filters {
  stage: string;
  tag: string;
  local: string;
  region: string;
}

declare global {
  interface Window {
    /** Set by the map after its first frame (read by tests and the bench). */
    __atlasMap?: { renderer: Sigma; nodes: number; firstFrameMs: number; frames: number };
  }
}

export async function chainMapPage(main: HTMLElement, ctx: Ctx): Promise<void> {
  const w = t();
  const chain = ctx.params.get("chain") ?? "";
  mount(main, pageHead(w.chainMap), loading());
  const t0 = performance.now();
  const [data, segments] = await Promise.all([
    get<{ nodes: GraphNode[]; edges: GraphEdge[]; scope?: string }>(
      chain ? `/api/chains/${encodeURIComponent(chain)}/graph` : "/api/graph",
    ),
    get<List<{ id: string; stage: string }>>(`/api/segments${qs({ chain, limit: 500 })}`).catch(() => ({
      items: [],
      total: 0,
    })),
  ]);
  const regionList = await get<List<{ id: string; name: { zh: string; en?: string } }>>(
    "/api/regions?limit=200",
  ).catch(() => ({ items: [], total: 0 }));
  const regionName = (id: string) => nm(regionList.items.find((r) => r.id === id)?.name) || id;
  const stageOf = new Map(segments.items.map((s) => [`segment:${s.id}`, s.stage]));
  const graph = new Graph({ multi: true, type: "directed" });
  for (const n of data.nodes)
    graph.addNode(n.key, {
      ...n,
      label: n.label,
      x: n.x,
      y: n.y,
      size: n.size,
      color:
        n.kind === "segment" ? (GAP_COLORS[n.status ?? "covered"] ?? n.color) : n.local ? LOCAL : CANDIDATE,
      stage: n.stage ?? stageOf.get(n.key),
      // sigma's own field names: keep the API's kind under another name
      nodeKind: n.kind,
      type: undefined,
    });
  for (const e of data.edges)
    if (graph.hasNode(e.source) && graph.hasNode(e.target))
      graph.addEdgeWithKey(e.key, e.source, e.target, {
        edgeKind: e.kind,
        size: e.kind === "FEEDS" ? 1.5 : 0.6,
        color: e.kind === "SUPPLIES" ? "#1f5fa8" : e.kind === "FEEDS" ? "#8a949e" : "#d0d6dc",
      });

  // A firm's stages are those of its segments.
  graph.forEachEdge((_e, a, src, tgt) => {
    if (a.edgeKind !== "IN_SEGMENT") return;
    const st = graph.getNodeAttribute(tgt, "stage") as string | undefined;
    if (st) graph.updateNodeAttribute(src, "stages", (x: string[] | undefined) => [...(x ?? []), st]);
  });
  const filters: Filters = { stage: "", tag: "", local: "", region: "" };
  let highlight: Set<string> | null = null;
  let selected: string | null = null;

  const container = h("div", {
    class: "sigma",
    id: "map-canvas",
    role: "img",
    "aria-label": `${w.chainMap}: ${data.nodes.length} ${w.nodes}`,
  });
  const card = h(
    "aside",
    { class: "card node-card", "aria-live": "polite", id: "node-card" },
    h("p", { class: "muted" }, w.demoNote),
  );
  const searchInput = h("input", { type: "search", placeholder: w.searchPlaceholder });
  const results = h("ul", { class: "results", id: "search-results" });
  const regions = [...new Set(data.nodes.map((n) => n.region).filter((r): r is string => !!r))].sort();

  const onFilter = (key: keyof Filters) => (e: Event) => {
    filters[key] = (e.target as HTMLSelectElement).value;
    renderer.refresh();
  };
  const chainPick = chainSelect(ctx, chain, true, {
    onchange: (e: Event) => {
      const v = (e.target as HTMLSelectElement).value;
      ctx.go("map", v ? { chain: v } : {});
    },
  });
  const bar = h(
    "form",
    {
      class: "filters",
      role: "search",
      onsubmit: (e: Event) => {
        e.preventDefault();
        void search(searchInput.value.trim());
      },
    },
    field(w.chain, chainPick),
    field(w.stage, select([["", w.any], ...Object.entries(w.stages)], "", { onchange: onFilter("stage") })),
    field(
      w.tag,
      select([["", w.any], ...Object.keys(LIST_NAMES).map((k) => [k, listName(k)] as [string, string])], "", {
        onchange: onFilter("tag"),
      }),
    ),
    field(
      w.localOrCandidate,
      select(
        [
          ["", w.any],
          ["true", w.local],
          ["false", w.candidate],
        ],
        "",
        { onchange: onFilter("local") },
      ),
    ),
    field(
      w.county,
      select([["", w.any], ...regions.map((r) => [r, regionName(r)] as [string, string])], "", {
        onchange: onFilter("region"),
      }),
    ),
    field(w.search, searchInput),
    h("button", { type: "submit" }, w.searchBtn),
  );
  const legend = h(
    "div",
    { class: "legend", "aria-label": w.legend },
    h("b", null, `${w.segment}：`),
    Object.entries(GAP_COLORS).map(([k, c]) =>
      h("span", null, h("i", { style: `background:${c}` }), w.kinds[k] ?? k),
    ),
    h("b", null, `${w.firm}：`),
    h("span", null, h("i", { style: `background:${LOCAL}` }), w.local),
    h("span", null, h("i", { style: `background:${CANDIDATE}` }), w.candidate),
    h("span", null, h("i", { style: "background:#1f5fa8;border-radius:0;height:3px" }), w.ties),
    h("span", { class: "muted" }, `${data.nodes.length} ${w.nodes} · ${data.edges.length} ${w.edges}`),
  );
  mount(
    main,
    pageHead(w.chainMap),
    bar,
    legend,
    data.scope === "segments-and-masters"
      ? h("p", { class: "notice", id: "map-scope" }, w.overviewNote)
      : null,
    h("div", { class: "map-wrap" }, container, h("div", { class: "side" }, results, card)),
  );

  const visible = (key: string, a: Record<string, unknown>): boolean => {
    if (filters.stage && a.nodeKind === "segment" && a.stage !== filters.stage) return false;
    if (
      filters.stage &&
      a.nodeKind === "firm" &&
      !((a.stages as string[] | undefined) ?? []).includes(filters.stage)
    )
      return false;
    if (a.nodeKind === "firm") {
      if (filters.tag && !((a.tags as string[] | undefined) ?? []).includes(filters.tag)) return false;
      if (filters.local && String(a.local === true) !== filters.local) return false;
      if (filters.region && a.region !== filters.region) return false;
    } else if (filters.tag || filters.local || filters.region) return key === selected;
    return true;
  };
  const renderer = new Sigma(graph, container, {
    renderEdgeLabels: false,
    hideEdgesOnMove: data.edges.length > 20000,
    labelRenderedSizeThreshold: data.nodes.length > 2000 ? 10 : 5,
    labelFont: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
    defaultEdgeType: "line",
    nodeReducer: (key, a) => {
      const out = { ...a } as Record<string, unknown>;
      if (!visible(key, a)) out.hidden = true;
      if (highlight && !highlight.has(key)) {
        out.color = "#e3e7eb";
        out.label = "";
        out.zIndex = 0;
      } else if (highlight) out.zIndex = 1;
      if (key === selected) out.highlighted = true;
      return out as never;
    },
    edgeReducer: (key, a) => {
      const out = { ...a } as Record<string, unknown>;
      if (highlight) {
        const [s, tg] = graph.extremities(key);
        if (!(highlight.has(s) && highlight.has(tg))) out.hidden = true;
        else if (a.edgeKind === "SUPPLIES") out.size = 2.5;
      }
      return out as never;
    },
  });
  let frames = 0;
  renderer.on("afterRender", () => {
    frames++;
    if (!window.__atlasMap)
      window.__atlasMap = {
        renderer,
        nodes: data.nodes.length,
        firstFrameMs: performance.now() - t0,
        frames,
      };
    window.__atlasMap.frames = frames;
  });
  renderer.refresh();
  ctx.onLeave(() => {
    renderer.kill();
    window.__atlasMap = undefined;
  });

  const firmKey = (id: string) =>
    graph.hasNode(id) ? id : graph.hasNode(`firm:${id}`) ? `firm:${id}` : null;
  const focus = (key: string) => {
    const a = renderer.getNodeDisplayData(key);
    if (a) void renderer.getCamera().animate({ x: a.x, y: a.y, ratio: 0.3 }, { duration: 400 });
  };

  async function search(q: string): Promise<void> {
    mount(results);
    if (!q) return;
    const local = graph.filterNodes((_k, a) => String(a.label ?? "").includes(q)).slice(0, 20);
    const remote = await get<List<{ id: string; name: { zh: string; en?: string; aliases?: string[] } }>>(
      `/api/firms${qs({ q, limit: 20 })}`,
    ).catch(() => ({ items: [], total: 0 }));
    const keys = new Map<string, string>();
    for (const k of local) keys.set(k, String(graph.getNodeAttribute(k, "label")));
    for (const f of remote.items) {
      const k = firmKey(f.id);
      if (k) keys.set(k, nm(f.name) + (f.name.aliases?.length ? `（${f.name.aliases.join("、")}）` : ""));
    }
    if (keys.size === 0) return mount(results, h("li", { class: "muted" }, w.noResult));
    mount(
      results,
      [...keys].map(([k, label]) =>
        h("li", null, h("button", { type: "button", class: "link", onclick: () => void openCard(k) }, label)),
      ),
    );
  }

  async function openCard(key: string): Promise<void> {
    selected = key;
    highlight = null;
    renderer.refresh();
    focus(key);
    const a = graph.getNodeAttributes(key);
    const id = key.replace(/^(firm|segment):/, "");
    const kind = a.nodeKind === "segment" ? "segments" : "firms";
    mount(card, h("h2", null, String(a.label)), loading());
    const entity = await get<{
      sources?: string[];
      name?: { zh: string; en?: string; aliases?: string[] };
      location?: { country: string; region?: string; province?: string; city?: string };
      products?: Array<{ name: string } | string>;
    }>(`/api/${kind}/${encodeURIComponent(id)}`).catch(() => null);
    const sources = await Promise.all(
      (entity?.sources ?? [])
        .slice(0, 12)
        .map((s) =>
          get<Source>(`/api/sources/${encodeURIComponent(s)}`).catch(
            (): Source => ({ id: s, title: s, read: "" }),
          ),
        ),
    );
    const neighbours = (dir: "in" | "out") =>
      (dir === "in" ? graph.inEdges(key) : graph.outEdges(key))
        .filter((e) => graph.getEdgeAttribute(e, "edgeKind") === "SUPPLIES")
        .map((e) => (dir === "in" ? graph.source(e) : graph.target(e)));
    const sup = neighbours("in");
    const cus = neighbours("out");
    const names = (ks: string[]) =>
      ks.map((k) => String(graph.getNodeAttribute(k, "label"))).join("、") || w.none;
    mount(
      card,
      h("h2", null, String(a.label)),
      entity?.name?.aliases?.length ? h("p", { class: "muted" }, entity.name.aliases.join("、")) : null,
      h(
        "dl",
        null,
        a.status
          ? [h("dt", null, w.finding), h("dd", null, w.kinds[String(a.status)] ?? String(a.status))]
          : null,
        entity?.location
          ? [
              h("dt", null, entity.location.region ? w.county : w.place),
              h(
                "dd",
                null,
                (entity.location.region && regionName(entity.location.region)) ||
                  [entity.location.country, entity.location.province, entity.location.city]
                    .filter(Boolean)
                    .join(" "),
              ),
            ]
          : null,
        (a.tags as string[] | undefined)?.length
          ? [h("dt", null, w.tag), h("dd", null, [...new Set(a.tags as string[])].map(listName).join("、"))]
          : null,
        entity?.products?.length
          ? [
              h("dt", null, w.product),
              h("dd", null, entity.products.map((p) => (typeof p === "string" ? p : p.name)).join("、")),
            ]
          : null,
        a.nodeKind === "firm"
          ? [
              h("dt", null, w.suppliers),
              h("dd", null, names(sup)),
              h("dt", null, w.customers),
              h("dd", null, names(cus)),
            ]
          : null,
      ),
      a.nodeKind === "firm"
        ? h(
            "div",
            { class: "row" },
            h(
              "button",
              {
                type: "button",
                id: "highlight-ties",
                onclick: () => {
                  highlight = new Set([key, ...sup, ...cus]);
                  renderer.refresh();
                },
              },
              w.highlight,
            ),
            h(
              "button",
              {
                type: "button",
                onclick: () => {
                  highlight = null;
                  renderer.refresh();
                },
              },
              w.clear,
            ),
          )
        : null,
      h("h3", null, w.sources),
      sources.length
        ? h(
            "ol",
            { class: "sources" },
            sources.map((s) =>
              h(
                "li",
                null,
                s.url
                  ? h(
                      "a",
                      {
                        href: /^https?:/.test(s.url) ? s.url : "#",
                        target: "_blank",
                        rel: "noopener noreferrer",
                      },
                      s.title,
                    )
                  : s.title,
                s.publisher ? ` · ${s.publisher}` : "",
                s.published ? ` · ${s.published}` : "",
              ),
            ),
          )
        : h("p", { class: "muted" }, w.none),
    );
  }

  renderer.on("clickNode", ({ node }) => void openCard(node));
  renderer.on("clickStage", () => {
    selected = null;
    highlight = null;
    renderer.refresh();
  });
  const q = ctx.params.get("q");
  if (q) {
    searchInput.value = q;
    void search(q);
  }
}
