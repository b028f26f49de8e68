// A chain's gap report as the server serves it: the CLI's report (render/report/chain-report-html.ts) plus the chain
// lead's comments and sign-off as a closing section.
import type { ChainReportPage } from "../../render/report/chain-report-html.ts";
import { renderChainReport } from "../../render/report/chain-report-html.ts";
import type { ReportNotes } from "../../store/accounts/index.ts";

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const WORDS = {
  zh: { title: "链长意见与签批", none: "暂无意见", signed: "已签批", unsigned: "尚未签批" },
  en: {
    title: "Chain lead's comments and sign-off",
    none: "No comments yet",
    signed: "Signed off",
    unsigned: "Not signed off yet",
  },
};

/** The comments and sign-off as an HTML section. */
export function notesSection(notes: ReportNotes, lang: "zh" | "en"): string {
  const w = WORDS[lang];
  const items = notes.items.length
    ? `<ul>${notes.items.map((c) => `<li><b>${esc(c.who)}</b> <small>${esc(c.at)}</small><br>${esc(c.text)}</li>`).join("")}</ul>`
    : `<p>${esc(w.none)}</p>`;
  const signoff = notes.signoff
    ? `<p class="signoff"><b>${esc(w.signed)}</b>: ${esc(notes.signoff.who)} · ${esc(notes.signoff.at)}${notes.signoff.note ? ` — ${esc(notes.signoff.note)}` : ""}</p>`
    : `<p class="signoff">${esc(w.unsigned)}</p>`;
  return `<section class="report-notes" id="report-notes"><h2>${esc(w.title)}</h2>${items}${signoff}</section>`;
}

/** The report's HTML with the notes before `</body>`, and the footer a PDF prints on every page. */
export function reportDocument(page: ChainReportPage, notes: ReportNotes): { html: string; footer: string } {
  const { html, footer } = renderChainReport(page);
  const section = notesSection(notes, page.lang);
  const at = html.lastIndexOf("</body>");
  return { html: at < 0 ? html + section : html.slice(0, at) + section + html.slice(at), footer };
}
