// The change history: who, when, why, and what each change touched.
import { get } from "../api.ts";
import { fmt, h, mount } from "../dom.ts";
import { t } from "../i18n.ts";
import type { Change, List } from "../types.ts";
import { type Ctx, loading, pageHead } from "./page.ts";

export async function historyPage(main: HTMLElement, _ctx: Ctx): Promise<void> {
  const w = t();
  mount(main, pageHead(w.history), loading());
  const list = await get<List<Change>>("/api/history?limit=100");
  const detail = h(
    "aside",
    { class: "card", "aria-live": "polite" },
    h("p", { class: "muted" }, w.historyHint),
  );
  const open = async (id: Change["id"]) => {
    const r = await get<{ change: Change; items: Array<{ kind: string; id: string; action: string }> }>(
      `/api/history/${encodeURIComponent(String(id))}`,
    );
    mount(
      detail,
      h("h2", null, `#${r.change.id} · ${r.change.who}`),
      h("p", null, r.change.why ?? ""),
      h(
        "ul",
        null,
        r.items.map((i) => h("li", null, `${i.action} ${i.kind} ${i.id}`)),
      ),
    );
  };
  mount(
    main,
    pageHead(w.history),
    h(
      "div",
      { class: "grid2 wide-left" },
      h(
        "section",
        { class: "card" },
        h(
          "table",
          { class: "data", id: "history-table" },
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              h("th", null, "#"),
              h("th", null, w.when),
              h("th", null, w.who),
              h("th", null, w.why_),
              h("th", null, w.op),
            ),
          ),
          h(
            "tbody",
            null,
            list.items.map((c) =>
              h(
                "tr",
                null,
                h(
                  "td",
                  null,
                  h("button", { type: "button", class: "link", onclick: () => void open(c.id) }, `#${c.id}`),
                ),
                h("td", null, fmt.time(c.at)),
                h("td", null, c.who),
                h("td", null, c.why ?? ""),
                h(
                  "td",
                  null,
                  [
                    c.op,
                    c.added ? `+${c.added}` : "",
                    c.changed ? `~${c.changed}` : "",
                    c.removed ? `−${c.removed}` : "",
                  ]
                    .filter(Boolean)
                    .join(" "),
                ),
              ),
            ),
          ),
        ),
      ),
      detail,
    ),
  );
}
