// Projects: the pipeline's table with holder and exclusive-talk clock, stage buttons, and the register form
// (pre-filled when a target row is registered as a project). The rules run on the server.
import { ApiError, call, get, qs } from "../api.ts";
import { h, mount } from "../dom.ts";
import { nm, t } from "../i18n.ts";
import { type Ctx, field, loading, pageHead, select } from "./page.ts";

interface ProjectRow {
  project: {
    id: string;
    name?: string;
    investor: { name: string; firm?: string };
    gaps: Array<{ segment: string; aim: string }>;
    amount: { millions: number; currency: "CNY" | "USD" };
    stage: string;
    owner: string;
    signing?: { on: string; cityCredit: boolean; preReport: string };
    preReportedAt?: string;
  };
  clock: { holder: string; exclusiveUntil: string; exclusive: boolean; daysLeft: number } | null;
  credited: string[];
  moves: string[];
}

interface Region {
  id: string;
  name: { zh: string; en?: string };
}

const WRITERS = new Set(["admin", "editor", "investor"]);

const amountText = (a: ProjectRow["project"]["amount"]) =>
  `${Math.round(a.millions) / 100} 亿${a.currency === "CNY" ? "元" : "美元"}`;

/** A slug from the firm id and segment, for the id field's first value. */
const suggestId = (firm: string, segment: string) =>
  [firm, segment]
    .filter(Boolean)
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");

export async function projectsPage(main: HTMLElement, ctx: Ctx): Promise<void> {
  const w = t();
  mount(main, pageHead(w.projects), loading());
  const [list, regions] = await Promise.all([
    get<{ items: ProjectRow[] }>(`/api/projects${qs({ stage: ctx.params.get("stage") })}`),
    get<{ items: Region[] }>("/api/regions?limit=1000"),
  ]);
  const regionName = new Map(regions.items.map((r) => [r.id, nm(r.name)]));
  const place = (id: string) => regionName.get(id) ?? id;
  const mayWrite = WRITERS.has(ctx.user.role);
  const status = h("p", { class: "muted", role: "status", id: "project-status", "aria-live": "polite" });

  const move = async (r: ProjectRow, stage: string) => {
    try {
      await call(`/api/projects/${encodeURIComponent(r.project.id)}/stage`, {
        method: "POST",
        body: { stage },
      });
      await projectsPage(main, ctx);
      const s = main.querySelector("#project-status");
      if (s) s.textContent = `${r.project.id} → ${w.pstages[stage] ?? stage}`;
    } catch (e) {
      status.textContent = e instanceof ApiError ? e.message : String(e);
    }
  };

  /** A pre-report, a transfer: posted, then the table is read again. */
  const act = async (r: ProjectRow, what: "prereport" | "transfer", body: Record<string, string>) => {
    try {
      await call(`/api/projects/${encodeURIComponent(r.project.id)}/${what}`, { method: "POST", body });
      await projectsPage(main, ctx);
    } catch (e) {
      status.textContent = e instanceof ApiError ? e.message : String(e);
    }
  };
  const OPEN = new Set(["lead", "contacted", "visited", "negotiating"]);
  const transferControl = (r: ProjectRow) => {
    const to = select(
      regions.items
        .filter((x) => x.id !== r.project.owner)
        .map((x) => [x.id, nm(x.name)] as [string, string]),
      "",
      { "aria-label": w.transferTo, class: "transfer-to" },
    );
    return h(
      "span",
      { class: "transfer" },
      to,
      h(
        "button",
        {
          type: "button",
          class: "link",
          "data-action": "transfer",
          onclick: () => void act(r, "transfer", { to: to.value }),
        },
        w.transfer,
      ),
    );
  };

  const rows = list.items.map((r) =>
    h(
      "tr",
      { "data-project": r.project.id, "data-stage": r.project.stage },
      h("td", null, r.project.name ?? r.project.id),
      h("td", { class: "firm" }, r.project.investor.name),
      h("td", null, r.project.gaps.map((g) => `${g.segment}（${w.aims[g.aim] ?? g.aim}）`).join("、")),
      h("td", { class: "num" }, amountText(r.project.amount)),
      h("td", { class: "stage" }, w.pstages[r.project.stage] ?? r.project.stage),
      h("td", null, place(r.project.owner)),
      h("td", { class: "holder" }, r.clock ? place(r.clock.holder) : "—"),
      h(
        "td",
        { class: "clock" },
        r.clock
          ? r.clock.exclusive
            ? w.clockLeft(r.clock.exclusiveUntil, r.clock.daysLeft)
            : w.clockOver(r.clock.exclusiveUntil)
          : "—",
        r.project.signing && !r.project.signing.cityCredit
          ? h("div", { class: "flag" }, `⚑ ${w.flagged}`)
          : null,
      ),
      h(
        "td",
        { class: "moves" },
        mayWrite
          ? r.moves.map((s) =>
              h(
                "button",
                { type: "button", class: "link", "data-move": s, onclick: () => void move(r, s) },
                `${w.moveTo}${w.pstages[s] ?? s}`,
              ),
            )
          : null,
        mayWrite && OPEN.has(r.project.stage) && !r.project.preReportedAt
          ? h(
              "button",
              {
                type: "button",
                class: "link",
                "data-action": "prereport",
                onclick: () => void act(r, "prereport", {}),
              },
              w.preReport,
            )
          : null,
        r.project.preReportedAt
          ? h("div", { class: "muted" }, `${w.preReported} ${r.project.preReportedAt.slice(0, 10)}`)
          : null,
        mayWrite && r.clock && !r.clock.exclusive && OPEN.has(r.project.stage) ? transferControl(r) : null,
      ),
    ),
  );

  const p = ctx.params;
  const county = ctx.user.county ?? p.get("county") ?? regions.items[0]?.id ?? "";
  const inputs = {
    id: h("input", {
      type: "text",
      required: true,
      value: suggestId(p.get("firm") ?? "", p.get("segment") ?? ""),
    }),
    name: h("input", { type: "text", required: true, value: p.get("name") ?? "" }),
    firm: h("input", { type: "text", value: p.get("firm") ?? "" }),
    segment: h("input", { type: "text", required: true, value: p.get("segment") ?? "" }),
    aim: select(Object.entries(w.aims), p.get("aim") ?? "fill"),
    county: select(
      regions.items.map((r) => [r.id, nm(r.name)] as [string, string]),
      county,
      ctx.user.county ? { disabled: true } : {},
    ),
    amount: h("input", { type: "number", required: true, min: 0, step: "any", value: p.get("amount") ?? "" }),
    currency: select(
      [
        ["CNY", "人民币 CNY"],
        ["USD", "美元 USD"],
      ],
      "CNY",
    ),
  };
  const form = h(
    "form",
    {
      class: "card",
      id: "project-form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        for (const el of form.querySelectorAll("[data-error-for]")) el.textContent = "";
        const body = {
          id: inputs.id.value.trim(),
          investor: {
            name: inputs.name.value.trim(),
            ...(inputs.firm.value.trim() ? { firm: inputs.firm.value.trim() } : {}),
          },
          gaps: [{ segment: inputs.segment.value.trim(), aim: inputs.aim.value }],
          region: inputs.county.value,
          amount: { millions: Number(inputs.amount.value), currency: inputs.currency.value },
          source: { via: p.get("firm") ? "target-list" : "other" },
        };
        try {
          await call("/api/projects", { method: "POST", body });
          ctx.go("projects");
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          status.textContent = err.message;
          for (const d of err.body.details ?? []) {
            const key = d.path.split(/[.[]/)[0] ?? "";
            const name =
              key === "gaps" ? "segment" : key === "investor" ? "name" : key === "region" ? "county" : key;
            const slot = form.querySelector(`[data-error-for="${name}"]`);
            if (slot) slot.textContent = d.message;
          }
        }
      },
    },
    h("h2", null, w.register),
    field(w.projectId, inputs.id, "id"),
    field(w.investorName, inputs.name, "name"),
    field(w.firmIdOpt, inputs.firm, "firm"),
    field(w.segment, inputs.segment, "segment"),
    field(w.aim, inputs.aim, "aim"),
    field(w.county, inputs.county, "county"),
    field(w.amount, inputs.amount, "amount"),
    field(w.currency, inputs.currency, "currency"),
    h("button", { type: "submit", class: "primary", id: "register-project" }, w.register),
  );

  mount(
    main,
    pageHead(w.projects),
    status,
    h(
      "div",
      { class: "stack" },
      h(
        "section",
        { class: "card", style: "overflow-x: auto" },
        h("p", { class: "muted" }, w.landedNote),
        h(
          "table",
          { class: "data", id: "projects-table" },
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              [w.project, w.investor, w.gap, w.amount, w.stage, w.owner, w.holder, w.clock, ""].map((x) =>
                h("th", null, x),
              ),
            ),
          ),
          h(
            "tbody",
            null,
            rows.length ? rows : h("tr", null, h("td", { colspan: 9, class: "muted" }, w.noProjects)),
          ),
        ),
      ),
      mayWrite ? form : null,
    ),
  );
}
