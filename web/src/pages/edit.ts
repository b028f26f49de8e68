// Editing for editors: a firm, a firm's segment link, a supply tie, a chain master. Every form shows the
// server's validation message beside its field, and a stale edit (409) names who changed the record.
import { ApiError, call, get, qs, type WriteWarning } from "../api.ts";
import { fmt, h, mount } from "../dom.ts";
import { nm, t } from "../i18n.ts";
import type { List } from "../types.ts";
import { type Ctx, chainSelect, field, loading, pageHead, select } from "./page.ts";

type Form = HTMLFormElement & { status: HTMLElement };

function clearErrors(form: HTMLFormElement): void {
  for (const e of form.querySelectorAll<HTMLElement>(".field-error")) e.textContent = "";
  for (const e of form.querySelectorAll("[aria-invalid]")) e.removeAttribute("aria-invalid");
}

/** Puts each server message beside its field (by path, or by its last named part); the rest above the button. */
export function showError(form: Form, err: unknown): void {
  const w = t();
  form.status.className = "form-error";
  if (!(err instanceof ApiError)) {
    form.status.textContent = String(err);
    return;
  }
  if (err.status === 409) {
    // A stale edit names who changed the record since; a new id that exists already says so (its maker is named
    // too, but nothing was changed under the writer).
    const by = err.body.changedBy;
    form.status.textContent =
      by && !/exists already/.test(err.body.message) ? w.stale(by.who, fmt.time(by.at)) : err.body.message;
    return;
  }
  if (err.status === 403) {
    form.status.textContent = `${w.forbidden}（${err.body.message}）`;
    return;
  }
  const rest: string[] = [];
  for (const d of err.body.details ?? []) {
    const parts = d.path.split(".").filter((p) => !/^\d+$/.test(p));
    const candidates = [d.path, parts.join("."), parts.slice(-2).join("."), parts.at(-1) ?? ""];
    const slot = candidates
      .map((c) => (c ? form.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(c)}"]`) : null))
      .find((x) => x);
    if (slot) {
      slot.textContent = d.message;
      document.getElementById(slot.id.replace(/-err$/, ""))?.setAttribute("aria-invalid", "true");
    } else rest.push(d.path ? `${d.path}: ${d.message}` : d.message);
  }
  form.status.textContent = [err.body.message, ...rest].join("；");
}

function form(title: string, id: string, body: HTMLElement[], submit: (f: Form) => Promise<string>): Form {
  const status = h("p", { role: "status", class: "muted" });
  const f = h(
    "form",
    { class: "card edit-form", id, "aria-labelledby": `${id}-title`, novalidate: true },
    h("h2", { id: `${id}-title` }, title),
    body,
    status,
    h("button", { type: "submit", class: "primary" }, t().save),
  ) as Form;
  f.status = status;
  f.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors(f);
    status.className = "muted";
    status.textContent = t().loading;
    try {
      const msg = await submit(f);
      status.className = "ok";
      status.textContent = msg;
    } catch (err) {
      showError(f, err);
    }
  });
  return f;
}

/** What a saved form says: saved, and the warnings the write brought in (applied, yet worth a look). */
const savedMsg = (r: { warnings: WriteWarning[] }) =>
  r.warnings.length === 0
    ? t().saved
    : `${t().savedWarnings}${r.warnings.map((x) => (x.path ? `${x.path}: ${x.message}` : x.message)).join("；")}`;

const input = (attrs: Record<string, unknown> = {}) => h("input", { type: "text", ...attrs });
const list = (s: string) =>
  s
    .split(/[、,，]/)
    .map((x) => x.trim())
    .filter(Boolean);

export async function editPage(main: HTMLElement, ctx: Ctx): Promise<void> {
  const w = t();
  mount(main, pageHead(w.edit), loading());
  const mayEdit = ctx.user.role === "admin" || ctx.user.role === "editor";
  const chain = ctx.params.get("chain") || ctx.chains[0]?.id || "";
  const segs = await get<List<{ id: string; name: { zh: string; en?: string }; chain: string }>>(
    `/api/segments${qs({ chain, limit: 500 })}`,
  ).catch(() => ({ items: [], total: 0 }));
  const segOpts: Array<[string, string]> = segs.items.map((s) => [s.id, `${nm(s.name)}（${s.id}）`]);
  const why = () => input({ required: true });
  // Pick lists so nobody has to know an id by heart: firms and sources by name. Filled when they arrive: the form
  // does not wait for them (a province's lists stream from the store).
  const firmList = h("datalist", { id: "firm-ids" });
  const sourceList = h("datalist", { id: "source-ids" });
  const fill = <T>(list: HTMLElement, path: string, option: (x: T) => HTMLElement) => {
    get<List<T>>(path)
      .then((r) => list.replaceChildren(...r.items.map(option)))
      .catch(() => undefined);
  };
  fill<{ id: string; name: { zh: string; en?: string } }>(firmList, "/api/firms?limit=1000", (x) =>
    h("option", { value: x.id }, nm(x.name)),
  );
  fill<{ id: string; title: string }>(sourceList, "/api/sources?limit=1000", (x) =>
    h("option", { value: x.id }, x.title),
  );
  const firmInput = () => input({ required: true, list: "firm-ids", autocomplete: "off" });
  const sourceInput = () => input({ list: "source-ids", autocomplete: "off" });

  // A firm: load by id (PUT with If-Match) or create (POST).
  const f = {
    id: firmInput(),
    zh: input(),
    en: input(),
    aliases: input(),
    country: input({ value: "CN", size: 3 }),
    region: input(),
    source: sourceInput(),
    why: why(),
  };
  let firmEtag = "";
  let firmLoaded: Record<string, unknown> | null = null;
  const loadFirm = async () => {
    const r = await call<
      Record<string, unknown> & {
        name: { zh: string; en?: string; aliases?: string[] };
        location: { country: string; region?: string };
      }
    >(`/api/firms/${encodeURIComponent(f.id.value.trim())}`);
    firmEtag = r.etag;
    firmLoaded = r.data;
    f.zh.value = r.data.name.zh;
    f.en.value = r.data.name.en ?? "";
    f.aliases.value = (r.data.name.aliases ?? []).join("、");
    f.country.value = r.data.location.country;
    f.region.value = r.data.location.region ?? "";
  };
  const firmForm = form(
    w.firmForm,
    "firm-form",
    [
      h(
        "div",
        { class: "row" },
        field(w.firmId, f.id, "id"),
        h(
          "button",
          { type: "button", onclick: () => loadFirm().catch((e) => showError(firmForm, e)) },
          w.loadFirm,
        ),
      ),
      field(w.nameZh, f.zh, "name.zh"),
      field(w.nameEn, f.en, "name.en"),
      field(w.aliases, f.aliases, "name.aliases"),
      h(
        "div",
        { class: "row" },
        field(w.country, f.country, "location.country"),
        field(w.region, f.region, "location.region"),
      ),
      field(w.source, f.source, "sources"),
      field(w.why_, f.why, "_why"),
    ],
    async () => {
      const base: Record<string, unknown> =
        firmLoaded && firmLoaded.id === f.id.value.trim() ? firmLoaded : { id: f.id.value.trim() };
      const body = {
        ...base,
        id: f.id.value.trim(),
        name: {
          zh: f.zh.value.trim(),
          ...(f.en.value.trim() ? { en: f.en.value.trim() } : {}),
          aliases: list(f.aliases.value),
        },
        location: {
          ...((base as { location?: object }).location ?? {}),
          country: f.country.value.trim(),
          ...(f.region.value.trim() ? { region: f.region.value.trim() } : {}),
        },
        sources: [...new Set([...((base as { sources?: string[] }).sources ?? []), ...list(f.source.value)])],
        _why: f.why.value.trim(),
      };
      const r =
        firmLoaded && firmLoaded.id === body.id
          ? await call<Record<string, unknown>>(`/api/firms/${encodeURIComponent(body.id)}`, {
              method: "PUT",
              body,
              ifMatch: firmEtag,
              why: body._why,
            })
          : await call<Record<string, unknown>>("/api/firms", { method: "POST", body });
      firmEtag = r.etag;
      firmLoaded = r.data;
      return savedMsg(r);
    },
  );

  // A firm's link to a segment.
  const l = {
    firm: firmInput(),
    segment: select(segOpts),
    grade: select(Object.entries(w.grades), "medium"),
    basis: select(Object.entries(w.bases)),
    confidence: input({ type: "number", min: 0, max: 1, step: 0.05, value: "0.7" }),
    source: sourceInput(),
    why: why(),
  };
  const linkForm = form(
    w.linkSegment,
    "link-form",
    [
      field(w.firmId, l.firm, "firm"),
      field(w.segment, l.segment, "segment"),
      h(
        "div",
        { class: "row" },
        field(w.grade, l.grade, "grade"),
        field(w.basis, l.basis, "basis"),
        field(w.confidence, l.confidence, "confidence"),
      ),
      field(w.source, l.source, "sources"),
      field(w.why_, l.why, "_why"),
    ],
    async () => {
      const id = encodeURIComponent(l.firm.value.trim());
      const cur = await call<{ segments?: unknown[] } & Record<string, unknown>>(`/api/firms/${id}`);
      const link = {
        segment: l.segment.value,
        grade: l.grade.value,
        basis: l.basis.value,
        confidence: Number(l.confidence.value),
        sources: list(l.source.value),
      };
      const body = { ...cur.data, segments: [...(cur.data.segments ?? []), link], _why: l.why.value.trim() };
      return savedMsg(await call(`/api/firms/${id}`, { method: "PUT", body, ifMatch: cur.etag }));
    },
  );

  // A supply tie.
  const s = {
    supplier: firmInput(),
    customer: firmInput(),
    product: input({ required: true }),
    segment: select([["", w.any], ...segOpts]),
    basis: select(Object.entries(w.bases)),
    confidence: input({ type: "number", min: 0, max: 1, step: 0.05, value: "0.7" }),
    source: sourceInput(),
    why: why(),
  };
  const tieForm = form(
    w.tieForm,
    "tie-form",
    [
      h(
        "div",
        { class: "row" },
        field(w.supplier, s.supplier, "supplier"),
        field(w.customer, s.customer, "customer"),
      ),
      field(w.product, s.product, "product"),
      field(w.segment, s.segment, "segment"),
      h(
        "div",
        { class: "row" },
        field(w.basis, s.basis, "basis"),
        field(w.confidence, s.confidence, "confidence"),
      ),
      field(w.source, s.source, "sources"),
      field(w.why_, s.why, "_why"),
    ],
    async () => {
      const body = {
        id: `${s.supplier.value.trim()}-to-${s.customer.value.trim()}`
          .toLowerCase()
          .replace(/[^a-z0-9-]+/g, "-"),
        supplier: s.supplier.value.trim(),
        customer: s.customer.value.trim(),
        product: s.product.value.trim(),
        ...(s.segment.value ? { segment: s.segment.value } : {}),
        basis: s.basis.value,
        confidence: Number(s.confidence.value),
        sources: list(s.source.value),
        _why: s.why.value.trim(),
      };
      return savedMsg(await call("/api/ties", { method: "POST", body }));
    },
  );

  // A chain master.
  const m = {
    chain: chainSelect(ctx, chain),
    firm: firmInput(),
    level: select([
      ["city", "市级"],
      ["county", "县级"],
      ["zone", "园区"],
      ["assumed", "假设"],
    ]),
    source: sourceInput(),
    why: why(),
  };
  const masterForm = form(
    w.masterForm,
    "master-form",
    [
      field(w.chain, m.chain, "chain"),
      field(w.firmId, m.firm, "firm"),
      field("级别 level", m.level, "level"),
      field(w.source, m.source, "sources"),
      field(w.why_, m.why, "_why"),
    ],
    async () => {
      const id = encodeURIComponent(m.chain.value);
      const cur = await call<{ masters?: unknown[] } & Record<string, unknown>>(`/api/chains/${id}`);
      const master = { firm: m.firm.value.trim(), level: m.level.value, sources: list(m.source.value) };
      const body = { ...cur.data, masters: [...(cur.data.masters ?? []), master], _why: m.why.value.trim() };
      return savedMsg(await call(`/api/chains/${id}`, { method: "PUT", body, ifMatch: cur.etag }));
    },
  );

  // A source: the page or document a fact was read in (cite it from the forms above once saved).
  const today = new Date().toISOString().slice(0, 10);
  const src = {
    id: input({ required: true, autocomplete: "off" }),
    title: input({ required: true }),
    url: input({ type: "url", placeholder: "https://" }),
    kind: select(Object.entries(w.sourceKinds), "government"),
    published: input({ placeholder: "2026-01-31" }),
    read: input({ value: today }),
    why: why(),
  };
  const sourceForm = form(
    w.sourceForm,
    "source-form",
    [
      field(w.sourceId, src.id, "id"),
      field(w.sourceTitle, src.title, "title"),
      field(w.sourceUrl, src.url, "url"),
      h(
        "div",
        { class: "row" },
        field(w.sourceKind, src.kind, "kind"),
        field(w.published, src.published, "published"),
      ),
      field(w.readOn, src.read, "read"),
      field(w.why_, src.why, "_why"),
    ],
    async () => {
      const body = {
        id: src.id.value.trim(),
        title: src.title.value.trim(),
        ...(src.url.value.trim() ? { url: src.url.value.trim() } : {}),
        kind: src.kind.value,
        ...(src.published.value.trim() ? { published: src.published.value.trim() } : {}),
        read: src.read.value.trim(),
        _why: src.why.value.trim(),
      };
      const r = await call("/api/sources", { method: "POST", body });
      sourceList.append(h("option", { value: body.id }, body.title));
      return savedMsg(r);
    },
  );

  mount(
    main,
    pageHead(w.edit, h("a", { class: "button", href: "#/history" }, w.history)),
    mayEdit ? null : h("p", { class: "notice", role: "note" }, w.forbidden),
    firmList,
    sourceList,
    h("div", { class: "grid2" }, sourceForm, firmForm, linkForm, tieForm, masterForm),
  );
}
