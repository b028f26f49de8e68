// What a page gets from the shell, and small shared controls.
import type { User } from "../api.ts";
import { h } from "../dom.ts";
import { nm, t } from "../i18n.ts";
import type { ChainSummary } from "../types.ts";

export interface Ctx {
  user: User;
  chains: ChainSummary[];
  params: URLSearchParams;
  go: (path: string, params?: Record<string, string>) => void;
  /** Registers cleanup for when the page is left (e.g. kill a WebGL renderer). */
  onLeave: (fn: () => void) => void;
}

export type Page = (main: HTMLElement, ctx: Ctx) => Promise<void>;

let uid = 0;
/** A labelled form field; the error slot shows the server's validation message for this field. */
export function field(label: string, control: HTMLElement, name?: string): HTMLElement {
  const id = control.id || `f${++uid}`;
  control.id = id;
  const err = h("span", {
    class: "field-error",
    id: `${id}-err`,
    "data-error-for": name ?? "",
    role: "status",
  });
  control.setAttribute("aria-describedby", `${id}-err`);
  if (name) control.setAttribute("name", name);
  return h("div", { class: "field" }, h("label", { for: id }, label), control, err);
}

export function select(options: Array<[string, string]>, value = "", attrs: Record<string, unknown> = {}) {
  return h(
    "select",
    attrs,
    options.map(([v, l]) => h("option", { value: v, selected: v === value ? true : undefined }, l)),
  );
}

/** The chain picker; `all` adds "all chains". */
export function chainSelect(ctx: Ctx, value: string, all = false, attrs: Record<string, unknown> = {}) {
  const opts: Array<[string, string]> = ctx.chains.map((c) => [c.id, nm(c.name)]);
  return select(all ? [["", t().allChains], ...opts] : opts, value, attrs);
}

export const chainOf = (ctx: Ctx): string => ctx.params.get("chain") || ctx.chains[0]?.id || "";

export function pageHead(title: string, ...extra: Array<Node | string | null | false>) {
  return h("div", { class: "page-head" }, h("h1", null, title), h("div", { class: "tools" }, extra));
}

export function loading(): HTMLElement {
  return h("p", { class: "muted", role: "status" }, t().loading);
}

export function kindBadge(kind: string): HTMLElement {
  return h("span", { class: `badge k-${kind}` }, t().kinds[kind] ?? kind);
}
