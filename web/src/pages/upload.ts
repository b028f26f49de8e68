// Import for editors: pick a file, preview what it would change (a dry run), then apply it whole.
// The file goes to POST /api/ingest as the raw body; the upload shows its progress.
import type { ApiErrorBody } from "../api.ts";
import { h, mount } from "../dom.ts";
import { LIST_NAMES, lang, listName } from "../i18n.ts";
import { type Ctx, field, pageHead, select } from "./page.ts";

const WORDS = {
  zh: {
    title: "导入",
    intro:
      "导入区县报送的 Excel 企业名单、CSV/TSV 榜单或保存的网页。先点“预览”查看将新增、更新和待复核的企业，确认无误后再点“导入”，整份文件一次写入；预览不会修改任何数据。",
    file: "文件（xlsx、csv、tsv、html/htm）",
    kind: "文件内容",
    kinds: {
      "local-firms": "本地企业名单",
      "supply-survey": "链主供应商调查",
      candidates: "榜单 / 市外候选企业",
      "firm-page": "单个企业的网页",
    } as Record<string, string>,
    list: "榜单",
    noList: "（不指定）",
    year: "榜单年份",
    yearHint: "如 2024；留空则导入所有年份",
    batch: "批次",
    why: "导入原因（记入变更记录）",
    whyDefault: "网页导入",
    preview: "预览",
    apply: "导入",
    uploading: (pct: number) => `正在上传 ${pct}%…`,
    reading: "服务器正在读取文件…",
    noFile: "请先选择一个文件。",
    needPreview: "请先预览；文件或选项改动后需重新预览。",
    previewed: "预览结果（尚未修改任何数据）：确认后点“导入”。",
    applied: (id: number) => `已导入，记为变更 #${id}。`,
    nothing: "没有需要修改的内容（与现有数据一致）。",
    onlyQueued: (n: number) => `未写入任何数据：${n} 行与已有企业名称相近但不能确定，已送待复核。`,
    failed: (file: string) => `无法导入 ${file}：`,
    nothingChanged: "数据未做任何修改。",
    counts: {
      added: "新增",
      updated: "更新",
      merged: "合并到已有企业",
      queued: "待人工复核",
      unchanged: "无变化",
      skipped: "跳过/有问题",
    } as Record<string, string>,
    readAs: (file: string, format: string, enc: string) => `${file}：格式 ${format}，编码 ${enc}`,
    otherYears: (n: number) => `另有 ${n} 行属于其他年份，未导入。`,
    rows: "逐行结果",
    problems: "问题（文件 · 行 · 列：原因）",
    rowN: (n: number) => `第 ${n} 行`,
    status: "结果",
    name: "企业名称",
    firm: "企业编号",
    detail: "说明",
    dropped: "整行未导入",
    kept: "该值未导入，其余照常",
    by: "匹配依据",
    near: (id: string, score: string) => `近似 ${id}（相似度 ${score}）`,
    toReview: "去复核",
    noAccess: "只有编辑和管理员可以导入数据。",
    colon: "：",
    semi: "；",
    paren: (s: string) => `（${s}）`,
  },
  en: {
    title: "Import",
    intro:
      "Import a county's Excel firm list, a CSV/TSV list or a saved web page. Press Preview to see which firms would be added, updated or sent to review, then Import to apply the whole file at once; a preview changes nothing.",
    file: "File (xlsx, csv, tsv, html/htm)",
    kind: "What the file holds",
    kinds: {
      "local-firms": "Local firm list",
      "supply-survey": "Chain master's supplier survey",
      candidates: "Published list / candidates outside the city",
      "firm-page": "One firm's web page",
    } as Record<string, string>,
    list: "List",
    noList: "(none)",
    year: "List year",
    yearHint: "e.g. 2024; empty: every year",
    batch: "Batch",
    why: "Why (kept in the change history)",
    whyDefault: "import in the web app",
    preview: "Preview",
    apply: "Import",
    uploading: (pct: number) => `Uploading ${pct}%…`,
    reading: "The server is reading the file…",
    noFile: "Choose a file first.",
    needPreview: "Preview first; preview again after changing the file or an option.",
    previewed: "Preview (nothing has been changed yet): press Import to apply it.",
    applied: (id: number) => `Imported as change #${id}.`,
    nothing: "Nothing to change (the data already holds all of it).",
    onlyQueued: (n: number) =>
      `Nothing was written: ${n} rows are close to existing firms but not certainly the same, and wait for review.`,
    failed: (file: string) => `Cannot import ${file}: `,
    nothingChanged: "Nothing was changed.",
    counts: {
      added: "Added",
      updated: "Updated",
      merged: "Merged into existing firms",
      queued: "Sent to review",
      unchanged: "Unchanged",
      skipped: "Skipped / problems",
    } as Record<string, string>,
    readAs: (file: string, format: string, enc: string) => `${file}: format ${format}, encoding ${enc}`,
    otherYears: (n: number) => `${n} more rows are of other years and were left out.`,
    rows: "Row by row",
    problems: "Problems (file · row · column: reason)",
    rowN: (n: number) => `row ${n}`,
    status: "Result",
    name: "Firm name",
    firm: "Firm id",
    detail: "Detail",
    dropped: "row left out",
    kept: "value left out, rest of the row imported",
    by: "matched by",
    near: (id: string, score: string) => `close to ${id} (similarity ${score})`,
    toReview: "Go to review",
    noAccess: "Only editors and admins may import data.",
    colon: ": ",
    semi: "; ",
    paren: (s: string) => ` (${s})`,
  },
};

const words = () => WORDS[lang()];

interface Entry {
  row: number;
  id?: string;
  name: string;
  fields?: string[];
  by?: string;
  candidate?: { id: string; name: string };
  score?: number;
  reason?: string;
  review?: number;
}
interface Skipped {
  row: number;
  column: string;
  reason: string;
  dropped?: boolean;
}
export interface IngestAnswer {
  encoding: string;
  added: Entry[];
  updated: Entry[];
  merged: Entry[];
  queued: Entry[];
  unchanged: Entry[];
  skipped: Skipped[];
  file: string;
  format: string;
  source: string;
  dryRun: boolean;
  otherYears: number;
  changeId: number | null;
}

class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

function csrf(): string {
  const m = document.cookie.match(/(?:^|;\s*)atlas_csrf=([^;]+)/);
  return m ? decodeURIComponent(m[1]!) : "";
}

/** POSTs the file as the raw body with XMLHttpRequest, for its upload progress events. */
function send(file: File, query: string, onProgress: (pct: number) => void): Promise<IngestAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/ingest?${query}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("X-CSRF-Token", csrf());
    xhr.setRequestHeader("X-Filename", encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json as IngestAnswer);
      else
        reject(
          new UploadError(
            xhr.status,
            (json as { error?: ApiErrorBody } | undefined)?.error ?? {
              code: "internal",
              message: `${xhr.status} ${xhr.statusText}`,
            },
          ),
        );
    };
    xhr.onerror = () =>
      reject(new UploadError(0, { code: "network", message: "the server could not be reached" }));
    xhr.send(file);
  });
}

export async function uploadPage(main: HTMLElement, ctx: Ctx): Promise<void> {
  const w = words();
  if (ctx.user.role !== "admin" && ctx.user.role !== "editor") {
    mount(
      main,
      pageHead(w.title),
      h("p", { class: "notice", role: "note", id: "upload-refused" }, w.noAccess),
    );
    return;
  }
  const fileInput = h("input", {
    type: "file",
    id: "upload-file",
    accept: ".xlsx,.csv,.tsv,.txt,.html,.htm",
  }) as HTMLInputElement;
  const kind = select(
    Object.entries(w.kinds).map(([k, v]) => [k, v]),
    "local-firms",
    { id: "upload-kind" },
  ) as HTMLSelectElement;
  const list = select(
    [["", w.noList], ...Object.keys(LIST_NAMES).map((k): [string, string] => [k, listName(k)])],
    "",
    { id: "upload-list" },
  ) as HTMLSelectElement;
  const year = h("input", {
    type: "number",
    id: "upload-year",
    min: "1950",
    max: "2100",
    placeholder: w.yearHint,
  }) as HTMLInputElement;
  const batch = h("input", { type: "text", id: "upload-batch" }) as HTMLInputElement;
  const why = h("input", { type: "text", id: "upload-why", value: w.whyDefault }) as HTMLInputElement;
  const listFields = h(
    "div",
    { class: "row", id: "upload-list-fields" },
    field(w.list, list, "list"),
    field(w.year, year, "year"),
    field(w.batch, batch, "batch"),
  );
  const progress = h("progress", { id: "upload-progress", max: "100", value: "0", hidden: true });
  const status = h("p", { id: "upload-status", role: "status", class: "muted" });
  const alert = h("div", { id: "upload-error", role: "alert", class: "form-error" });
  const result = h("section", { id: "upload-result", "aria-live": "polite" });
  const previewBtn = h("button", { type: "button", id: "upload-preview", class: "primary" }, w.preview);
  const applyBtn = h(
    "button",
    { type: "button", id: "upload-apply", disabled: true, title: w.needPreview },
    w.apply,
  ) as HTMLButtonElement;

  /** The options of the last successful preview: Import applies exactly what was previewed. */
  let previewed: string | null = null;
  const query = (dryRun: boolean) => {
    const p = new URLSearchParams({ as: kind.value, dryRun: String(dryRun) });
    if (kind.value === "candidates") {
      if (list.value) p.set("list", list.value);
      if (year.value.trim()) p.set("year", year.value.trim());
      if (batch.value.trim()) p.set("batch", batch.value.trim());
    }
    if (why.value.trim()) p.set("why", why.value.trim());
    return p.toString();
  };
  const optionsKey = () => {
    const f = fileInput.files?.[0];
    return f ? `${f.name}|${f.size}|${f.lastModified}|${query(true)}` : "";
  };
  const invalidate = () => {
    if (previewed !== optionsKey()) {
      previewed = null;
      applyBtn.disabled = true;
    }
  };
  const showKind = () => {
    // .row sets display, which outranks the hidden attribute: hide it by style.
    listFields.style.display = kind.value === "candidates" ? "" : "none";
  };
  showKind();
  kind.addEventListener("change", () => {
    showKind();
    invalidate();
  });
  for (const el of [fileInput, list, year, batch, why]) el.addEventListener("change", invalidate);
  fileInput.addEventListener("change", () => {
    alert.textContent = "";
    mount(result);
    status.textContent = "";
  });

  const run = async (dryRun: boolean) => {
    const f = fileInput.files?.[0];
    alert.textContent = "";
    if (!f) {
      alert.textContent = w.noFile;
      fileInput.focus();
      return;
    }
    previewBtn.disabled = true;
    applyBtn.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    progress.setAttribute("aria-label", w.uploading(0));
    status.className = "muted";
    status.textContent = w.uploading(0);
    const key = optionsKey();
    try {
      const answer = await send(f, query(dryRun), (pct) => {
        progress.value = pct;
        status.textContent = pct >= 100 ? w.reading : w.uploading(pct);
      });
      mount(result, report(answer));
      status.className = "ok";
      if (dryRun) {
        previewed = key;
        status.textContent = w.previewed;
      } else {
        previewed = null;
        status.textContent =
          answer.changeId !== null
            ? w.applied(answer.changeId)
            : answer.queued.length
              ? w.onlyQueued(answer.queued.length)
              : w.nothing;
      }
    } catch (e) {
      previewed = null;
      mount(result);
      status.textContent = "";
      const body = e instanceof UploadError ? e.body : { code: "internal", message: String(e) };
      const details = (body.details ?? []).map((d) => (d.path ? `${d.path}: ${d.message}` : d.message));
      mount(
        alert,
        h("strong", null, w.failed(f.name)),
        // A validation error's message repeats its first problems; the list says them once, in full.
        details.length ? null : body.message,
        details.length
          ? h(
              "ul",
              null,
              details.map((d) => h("li", null, d)),
            )
          : null,
        h("p", null, w.nothingChanged),
      );
    } finally {
      progress.hidden = true;
      previewBtn.disabled = false;
      applyBtn.disabled = previewed === null;
    }
  };
  previewBtn.addEventListener("click", () => void run(true));
  applyBtn.addEventListener("click", () => void run(false));

  mount(
    main,
    pageHead(w.title),
    h(
      "section",
      { class: "card", id: "upload-form" },
      h("p", { class: "muted" }, w.intro),
      h(
        "div",
        { class: "row" },
        field(w.file, fileInput, "file"),
        field(w.kind, kind, "as"),
        field(w.why, why, "why"),
      ),
      listFields,
      h("div", { class: "row" }, previewBtn, applyBtn, progress),
      status,
      alert,
    ),
    result,
  );
}

const ORDER = ["added", "updated", "merged", "queued", "unchanged"] as const;

function report(a: IngestAnswer): HTMLElement {
  const w = words();
  const keys = [...ORDER, "skipped"] as const;
  const rows = ORDER.flatMap((k) => a[k].map((e) => ({ k, e }))).sort((x, y) => x.e.row - y.e.row);
  const detail = (k: (typeof ORDER)[number], e: Entry): string => {
    if (k === "queued" && e.candidate)
      return [w.near(e.candidate.id, (e.score ?? 0).toFixed(2)), e.reason].filter(Boolean).join(w.semi);
    return [e.by ? `${w.by} ${e.by}` : "", e.fields?.join(", ") ?? ""].filter(Boolean).join(w.semi);
  };
  return h(
    "div",
    null,
    h(
      "div",
      { class: "figures", style: "grid-template-columns: repeat(6, 1fr)", id: "upload-counts" },
      keys.map((k) =>
        h(
          "div",
          { class: "figure", "data-count": k },
          h("div", { class: "value" }, String(a[k].length)),
          h("div", { class: "label" }, w.counts[k]),
        ),
      ),
    ),
    h("p", { class: "muted" }, w.readAs(a.file, a.format, a.encoding)),
    a.otherYears ? h("p", { class: "muted" }, w.otherYears(a.otherYears)) : null,
    a.queued.length && !a.dryRun
      ? h(
          "p",
          { class: "notice" },
          h(
            "a",
            { href: "#/review", id: "upload-to-review" },
            `${w.toReview}${w.paren(String(a.queued.length))}`,
          ),
        )
      : null,
    a.skipped.length
      ? h(
          "section",
          { class: "card", id: "upload-problems" },
          h("h2", null, w.problems),
          h(
            "ul",
            null,
            a.skipped.map((s) =>
              h(
                "li",
                null,
                `${a.file} · ${w.rowN(s.row)} · ${s.column}${w.colon}${s.reason}${w.paren(s.dropped ? w.dropped : w.kept)}`,
              ),
            ),
          ),
        )
      : null,
    rows.length
      ? h(
          "section",
          { class: "card" },
          h("h2", null, w.rows),
          h(
            "table",
            { class: "data", id: "upload-rows" },
            h(
              "thead",
              null,
              h(
                "tr",
                null,
                h("th", { class: "num" }, "#"),
                h("th", null, w.status),
                h("th", null, w.name),
                h("th", null, w.firm),
                h("th", null, w.detail),
              ),
            ),
            h(
              "tbody",
              null,
              rows.map(({ k, e }) =>
                h(
                  "tr",
                  { "data-kind": k },
                  h("td", { class: "num" }, String(e.row)),
                  h("td", null, h("span", { class: `badge${k === "queued" ? " k-weak" : ""}` }, w.counts[k])),
                  h("td", null, e.name),
                  h("td", null, e.id ?? e.candidate?.id ?? ""),
                  h("td", null, detail(k, e)),
                ),
              ),
            ),
          ),
        )
      : null,
  );
}
