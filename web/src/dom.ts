// The one way the app builds DOM: every string becomes a text node or an attribute value, never markup.
export type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, unknown>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v as EventListener);
    else if (k === "value" && "value" in el) (el as HTMLInputElement).value = String(v);
    else if (k === "checked" && el instanceof HTMLInputElement) el.checked = Boolean(v);
    else el.setAttribute(k === "className" ? "class" : k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children.flat(8 as 1) as Child[]) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's content. */
export function mount(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** An SVG from the server, parsed as XML with scripts, foreign content and event handlers removed. */
export function safeSvg(text: string): SVGSVGElement {
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  for (const bad of doc.querySelectorAll("script, foreignObject, iframe, a")) bad.remove();
  for (const el of doc.querySelectorAll("*"))
    for (const a of [...el.attributes])
      if (/^on/i.test(a.name) || /javascript:/i.test(a.value) || a.name === "href" || a.name === "xlink:href")
        el.removeAttribute(a.name);
  const svg = doc.documentElement as unknown as SVGSVGElement;
  return document.importNode(svg, true);
}

export const fmt = {
  pct: (x: number) => `${Math.round(x * 100)}%`,
  num: (x: number) => x.toFixed(2),
  time: (iso: string) => new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }),
};
