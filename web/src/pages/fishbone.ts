// The fishbone (SVG from the server) with a clickable bone → its finding, local firms and targets.
import { get, getText, qs } from "../api.ts";
import { fmt, h, mount, safeSvg } from "../dom.ts";
import { lang, nm, t } from "../i18n.ts";
import type { ChainGaps, Finding, TargetRow } from "../types.ts";
import { type Ctx, chainOf, chainSelect, field, kindBadge, loading, pageHead } from "./page.ts";

export async function fishbonePage(main: HTMLElement, ctx: Ctx): Promise<void> {
  const w = t();
  const chain = chainOf(ctx);
  const enc = encodeURIComponent(chain);
  mount(main, pageHead(w.fishbone), loading());
  const [svgText, gaps] = await Promise.all([
    getText(`/api/chains/${enc}/fishbone.svg${qs({ lang: lang() })}`),
    get<ChainGaps>(`/api/chains/${enc}/gaps`),
  ]);
  const svg = safeSvg(svgText);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `${w.fishbone} · ${nm(gaps.chain.name)}`);
  svg.removeAttribute("height");
  svg.setAttribute("width", "100%");
  const detail = h(
    "aside",
    { class: "card", id: "bone-detail", "aria-live": "polite" },
    h("p", { class: "muted" }, w.clickBone),
  );
  const byName = new Map<string, Finding>();
  for (const f of gaps.findings) {
    byName.set(f.segment.name.zh, f);
    if (f.segment.name.en) byName.set(f.segment.name.en, f);
  }
  const show = async (f: Finding) => {
    mount(detail, h("h2", null, nm(f.segment.name), " ", kindBadge(f.kind)), loading());
    const tr =
      f.kind === "covered"
        ? null
        : await get<{ rows: TargetRow[] } | TargetRow[]>(
            `/api/chains/${enc}/targets${qs({ gap: f.segment.id, top: 5 })}`,
          ).catch(() => null);
    const rows = tr ? (Array.isArray(tr) ? tr : tr.rows) : [];
    mount(
      detail,
      h("h2", null, nm(f.segment.name), " ", kindBadge(f.kind)),
      h(
        "p",
        null,
        `${w.stage}：${w.stages[f.segment.stage] ?? f.segment.stage} · ${w.severity}：${fmt.num(f.severity)}`,
      ),
      h("p", { class: "why" }, f.explanation[lang()]),
      h("h3", null, w.localFirms),
      h("p", null, f.localFirms.map((x) => `${x.master ? "★" : ""}${nm(x.name)}`).join("、") || w.none),
      f.externalSuppliers.length
        ? [h("h3", null, w.suppliers), h("p", null, f.externalSuppliers.map((x) => nm(x.name)).join("、"))]
        : null,
      h("h3", null, w.topTargets),
      rows.length
        ? h(
            "ol",
            null,
            rows.map((r) => h("li", null, `${nm(r.firm.name)}（${r.firm.country}）· ${fmt.num(r.score)}`)),
          )
        : h("p", { class: "muted" }, w.none),
      h(
        "p",
        null,
        h("a", { href: `#/targets?chain=${enc}&gap=${encodeURIComponent(f.segment.id)}` }, `${w.targets} →`),
      ),
    );
  };
  svg.addEventListener("click", (e) => {
    let el = e.target as Element | null;
    // The label nearest the click names the bone: walk up, then look at sibling text.
    while (el && el !== svg) {
      const text = (el.textContent ?? "").trim();
      for (const [name, f] of byName)
        if (text && (text === name || (text.length < 40 && text.includes(name)))) return void show(f);
      el = el.parentElement;
    }
  });
  const bones = [...gaps.findings].sort((a, b) => b.severity - a.severity);
  mount(
    main,
    pageHead(
      `${w.fishbone} · ${nm(gaps.chain.name)}`,
      h(
        "a",
        { class: "button", href: `/api/chains/${enc}/fishbone.pdf${qs({ lang: lang() })}`, download: "" },
        "PDF",
      ),
      h(
        "a",
        { class: "button", href: `/api/chains/${enc}/fishbone.png${qs({ lang: lang() })}`, download: "" },
        "PNG",
      ),
      h("a", { class: "button", href: `#/report?chain=${enc}` }, w.report),
    ),
    h(
      "form",
      { class: "filters" },
      field(
        w.chain,
        chainSelect(ctx, chain, false, {
          onchange: (e: Event) => ctx.go("fishbone", { chain: (e.target as HTMLSelectElement).value }),
        }),
      ),
    ),
    h(
      "div",
      { class: "grid2 wide-left" },
      h("div", { class: "card fishbone", id: "fishbone" }, svg),
      h(
        "div",
        null,
        detail,
        h(
          "section",
          { class: "card" },
          h("h2", null, w.bones),
          h(
            "ul",
            { class: "bones", id: "bones" },
            bones.map((f) =>
              h(
                "li",
                null,
                h(
                  "button",
                  {
                    type: "button",
                    class: "link",
                    "data-segment": f.segment.id,
                    onclick: () => void show(f),
                  },
                  kindBadge(f.kind),
                  " ",
                  nm(f.segment.name),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
