// The gap report: the server's printable page in a sandboxed frame, the lead's comments and sign-off,
// downloads as PDF and Word.
import { ApiError, call, get, qs } from "../api.ts";
import { fmt, h, mount } from "../dom.ts";
import { lang, t } from "../i18n.ts";
import { type Ctx, chainOf, chainSelect, field, loading, pageHead } from "./page.ts";

interface Comments {
  items: Array<{ id: string | number; who: string; at: string; text: string }>;
  signoff: null | { who: string; at: string; note?: string };
}

export async function reportPage(main: HTMLElement, ctx: Ctx): Promise<void> {
  const w = t();
  const chain = chainOf(ctx);
  const enc = encodeURIComponent(chain);
  const base = `/api/chains/${enc}/report`;
  mount(main, pageHead(w.report), loading());
  const comments = await get<Comments>(`${base}/comments`);
  const may =
    ctx.user.role === "admin" || (ctx.user.role === "lead" && (ctx.user.chains ?? []).includes(chain));
  const frame = h("iframe", {
    src: `${base}.html${qs({ lang: lang() })}`,
    title: w.report,
    class: "report-frame",
    id: "report-frame",
    sandbox: "allow-same-origin allow-modals",
  });
  const reload = () => {
    void reportPage(main, ctx);
  };
  const text = h("textarea", { rows: 3 });
  const note = h("input", { type: "text" });
  const msg = h("p", { class: "form-error", role: "alert" });
  const fail = (e: unknown) => {
    msg.textContent = e instanceof ApiError ? e.body.message : String(e);
  };
  const signoff = comments.signoff;
  mount(
    main,
    pageHead(
      w.report,
      h(
        "a",
        { class: "button", href: `${base}.pdf${qs({ lang: lang() })}`, download: "", id: "download-pdf" },
        w.downloadPdf,
      ),
      h(
        "a",
        { class: "button", href: `${base}.docx${qs({ lang: lang() })}`, download: "", id: "download-docx" },
        w.downloadDocx,
      ),
      h("button", { type: "button", onclick: () => frame.contentWindow?.print() }, w.print),
    ),
    h(
      "form",
      { class: "filters" },
      field(
        w.chain,
        chainSelect(ctx, chain, false, {
          onchange: (e: Event) => ctx.go("report", { chain: (e.target as HTMLSelectElement).value }),
        }),
      ),
    ),
    h(
      "div",
      { class: "grid2 wide-left" },
      h("div", { class: "card" }, frame),
      h(
        "div",
        null,
        h(
          "section",
          { class: `card signoff ${signoff ? "signed" : ""}`, id: "signoff" },
          h("h2", null, w.signoff),
          signoff
            ? h(
                "p",
                null,
                h("b", null, `${w.signedBy}：${signoff.who}`),
                ` · ${fmt.time(signoff.at)}`,
                signoff.note ? h("span", null, ` — ${signoff.note}`) : null,
              )
            : h("p", { class: "muted" }, w.notSigned),
          may && !signoff
            ? h(
                "form",
                {
                  onsubmit: async (e: Event) => {
                    e.preventDefault();
                    try {
                      await call(`${base}/signoff`, {
                        method: "POST",
                        body: note.value.trim() ? { note: note.value.trim() } : {},
                      });
                      reload();
                    } catch (err) {
                      fail(err);
                    }
                  },
                },
                field(w.signoffNote, note, "note"),
                h("button", { type: "submit", class: "primary", id: "signoff-button" }, w.signoff),
              )
            : null,
        ),
        h(
          "section",
          { class: "card", id: "comments" },
          h("h2", null, w.comments),
          comments.items.length
            ? h(
                "ul",
                { class: "changes" },
                comments.items.map((c) =>
                  h("li", null, h("b", null, c.who), ` · ${fmt.time(c.at)}`, h("div", null, c.text)),
                ),
              )
            : h("p", { class: "muted" }, w.none),
          may
            ? h(
                "form",
                {
                  onsubmit: async (e: Event) => {
                    e.preventDefault();
                    try {
                      await call(`${base}/comments`, { method: "POST", body: { text: text.value } });
                      reload();
                    } catch (err) {
                      fail(err);
                    }
                  },
                },
                field(w.commentText, text, "text"),
                h("button", { type: "submit" }, w.addComment),
              )
            : null,
          msg,
        ),
      ),
    ),
  );
}
