// The review queue: rows an import could not match with confidence. A person decides each one:
// merge it into the suggested firm, or keep it apart as a new firm. Nothing is merged silently.
import { ApiError, call, get } from "../api.ts";
import { fmt, h, mount } from "../dom.ts";
import { lang, nm } from "../i18n.ts";
import { type Ctx, loading, pageHead, select } from "./page.ts";

const WORDS = {
  zh: {
    title: "待复核",
    intro:
      "导入时名称相近、但不能确定是同一家企业的记录在此等待人工判断。“合并”表示该行就是建议的已有企业，其信息并入该企业；“分开”表示不是同一家，将作为新企业加入。",
    show: "显示",
    statuses: { pending: "待处理", accepted: "已合并", rejected: "已分开", all: "全部" } as Record<
      string,
      string
    >,
    empty: "没有待复核的记录。",
    imported: "导入的记录",
    suggested: "建议匹配的已有企业",
    evidence: "依据",
    fromFile: (file: string, row: number) => `来自 ${file} 第 ${row} 行`,
    score: (s: string) => `相似度 ${s}`,
    reason: "匹配理由",
    merge: "合并（是同一家）",
    separate: "分开（不是同一家）",
    why: "说明（可选）",
    aliases: "别名",
    place: "所在地",
    credit: "信用代码",
    products: "主营产品",
    noFirm: "该企业已不在数据中",
    merged: (name: string, firm: string) => `已将“${name}”合并到 ${firm}。`,
    separated: (name: string, firm: string) => `已将“${name}”作为新企业 ${firm} 加入。`,
    decided: (by: string, at: string) => `${by} 于 ${at} 处理`,
    result: "结果",
    failed: "处理失败：",
    noAccess: "只有编辑和管理员可以处理复核。",
    colon: "：",
    semi: "；",
  },
  en: {
    title: "Review",
    intro:
      "Rows an import found close to an existing firm, but not certainly the same, wait here for a person. Merge: the row is the suggested firm and its details join it. Keep separate: it is another firm and is added as a new one.",
    show: "Show",
    statuses: { pending: "Pending", accepted: "Merged", rejected: "Kept separate", all: "All" } as Record<
      string,
      string
    >,
    empty: "Nothing waits for review.",
    imported: "Imported row",
    suggested: "Suggested existing firm",
    evidence: "Evidence",
    fromFile: (file: string, row: number) => `from ${file}, row ${row}`,
    score: (s: string) => `similarity ${s}`,
    reason: "Why matched",
    merge: "Merge (same firm)",
    separate: "Keep separate (another firm)",
    why: "Note (optional)",
    aliases: "Aliases",
    place: "Location",
    credit: "Credit code",
    products: "Products",
    noFirm: "this firm is no longer in the data",
    merged: (name: string, firm: string) => `Merged "${name}" into ${firm}.`,
    separated: (name: string, firm: string) => `Added "${name}" as the new firm ${firm}.`,
    decided: (by: string, at: string) => `decided by ${by} at ${at}`,
    result: "Result",
    failed: "Could not decide: ",
    noAccess: "Only editors and admins may decide reviews.",
    colon: ": ",
    semi: "; ",
  },
};

const words = () => WORDS[lang()];

export interface ReviewItem {
  id: number;
  at: string;
  file: string;
  row: number;
  name: string;
  candidate: string;
  score: number;
  reason: string;
  status: "pending" | "accepted" | "rejected";
  decidedAt?: string;
  decidedBy?: string;
  result?: string;
  /** The firm as the imported row describes it. */
  imported?: Omit<FirmView, "id">;
}

interface FirmView {
  id: string;
  name: { zh: string; en?: string; aliases?: string[] };
  creditCode?: string;
  location?: { country?: string; province?: string; city?: string; region?: string };
  products?: Array<{ name: string } | string>;
}

async function firmOf(id: string): Promise<FirmView | null> {
  try {
    return await get<FirmView>(`/api/firms/${encodeURIComponent(id)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** Region ids to their names (the API's location holds the id). */
let regionNames = new Map<string, { zh: string; en?: string }>();

function facts(f: Omit<FirmView, "id">): HTMLElement {
  const w = words();
  const loc = f.location;
  const region = loc?.region ? nm(regionNames.get(loc.region)) || loc.region : undefined;
  const place = [region, loc?.city, loc?.province, loc?.country]
    .filter((p, i, all) => p && all.indexOf(p) === i)
    .join(" · ");
  const products = (f.products ?? []).map((p) => (typeof p === "string" ? p : p.name));
  const rows: Array<[string, string]> = [
    [w.aliases, (f.name.aliases ?? []).join("、")],
    [w.place, place],
    [w.credit, f.creditCode ?? ""],
    [w.products, products.slice(0, 6).join("、")],
  ];
  return h(
    "dl",
    null,
    rows.filter(([, v]) => v).map(([k, v]) => [h("dt", null, k), h("dd", null, v)]),
  );
}

function firmCard(id: string, f: FirmView | null): HTMLElement {
  const w = words();
  if (!f) return h("div", null, h("strong", null, id), h("p", { class: "muted" }, w.noFirm));
  return h(
    "div",
    { class: "node-card" },
    h("strong", null, lang() === "en" && f.name.en ? f.name.en : f.name.zh),
    " ",
    h("span", { class: "muted" }, f.id),
    facts(f),
  );
}

export async function reviewPage(main: HTMLElement, ctx: Ctx): Promise<void> {
  const w = words();
  if (ctx.user.role !== "admin" && ctx.user.role !== "editor") {
    mount(
      main,
      pageHead(w.title),
      h("p", { class: "notice", role: "note", id: "review-refused" }, w.noAccess),
    );
    return;
  }
  const status = ctx.params.get("status") ?? "pending";
  const filter = select(
    Object.entries(w.statuses).map(([k, v]) => [k, v]),
    status,
    { id: "review-status", "aria-label": w.show },
  ) as HTMLSelectElement;
  filter.addEventListener("change", () => ctx.go("review", { status: filter.value }));
  const message = h("p", { id: "review-message", role: "status", class: "ok" });
  const list = h("div", { id: "review-list" }, loading());
  mount(
    main,
    pageHead(w.title, h("label", { for: "review-status", style: "align-self: center" }, w.show), filter),
    h("p", { class: "muted" }, w.intro),
    message,
    list,
  );

  const load = async () => {
    if (regionNames.size === 0)
      regionNames = new Map(
        (
          await get<{ items: Array<{ id: string; name: { zh: string; en?: string } }> }>(
            "/api/regions?limit=1000",
          )
        ).items.map((r) => [r.id, r.name]),
      );
    const { items } = await get<{ items: ReviewItem[] }>(`/api/review?status=${encodeURIComponent(status)}`);
    if (items.length === 0) {
      mount(list, h("p", { class: "card muted", id: "review-empty" }, w.empty));
      return;
    }
    const firms = new Map(
      await Promise.all(
        [...new Set(items.map((i) => i.candidate))].map(async (id) => [id, await firmOf(id)] as const),
      ),
    );
    mount(
      list,
      items.map((i) => itemCard(i, firms.get(i.candidate) ?? null)),
    );
  };

  const itemCard = (i: ReviewItem, firm: FirmView | null): HTMLElement => {
    const note = h("input", {
      type: "text",
      id: `review-why-${i.id}`,
      "aria-label": w.why,
      placeholder: w.why,
    });
    const err = h("p", { class: "form-error", role: "alert" });
    const decide = async (decision: "merge" | "separate", buttons: HTMLButtonElement[]) => {
      for (const b of buttons) b.disabled = true;
      err.textContent = "";
      try {
        const why = (note as HTMLInputElement).value.trim();
        const { data } = await call<{ id: number; decision: string; firm: string }>(`/api/review/${i.id}`, {
          method: "POST",
          body: why ? { decision, why } : { decision },
        });
        message.textContent =
          data.decision === "accepted" ? w.merged(i.name, data.firm) : w.separated(i.name, data.firm);
        await load();
      } catch (e) {
        err.textContent = `${w.failed}${e instanceof Error ? e.message : String(e)}`;
        for (const b of buttons) b.disabled = false;
      }
    };
    const buttons: HTMLButtonElement[] = [];
    if (i.status === "pending") {
      buttons.push(
        h(
          "button",
          {
            type: "button",
            class: "primary",
            "data-decision": "merge",
            onclick: () => void decide("merge", buttons),
          },
          w.merge,
        ),
        h(
          "button",
          { type: "button", "data-decision": "separate", onclick: () => void decide("separate", buttons) },
          w.separate,
        ),
      );
    }
    return h(
      "article",
      { class: "card review-item", "data-review": String(i.id), "aria-labelledby": `review-${i.id}-name` },
      h(
        "div",
        { class: "grid2" },
        h(
          "div",
          null,
          h("h3", null, w.imported),
          h("p", null, h("strong", { id: `review-${i.id}-name` }, i.name)),
          h("p", { class: "muted" }, w.fromFile(i.file, i.row), " · ", fmt.time(i.at)),
          i.imported ? h("div", { class: "node-card" }, facts(i.imported)) : null,
        ),
        h("div", null, h("h3", null, w.suggested), firmCard(i.candidate, firm)),
      ),
      h(
        "p",
        null,
        h("strong", null, `${w.evidence}${w.colon}`),
        `${w.score(i.score.toFixed(2))}${w.semi}${w.reason}${w.colon}${i.reason}`,
      ),
      i.status === "pending"
        ? h("div", { class: "row" }, buttons, note)
        : h(
            "p",
            { class: "muted" },
            `${w.statuses[i.status]} · ${w.result}：${i.result ?? ""} · `,
            w.decided(i.decidedBy ?? "", i.decidedAt ? fmt.time(i.decidedAt) : ""),
          ),
      err,
    );
  };

  await load();
}
