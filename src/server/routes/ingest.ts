// Imports over REST: the file as the raw request body, the CLI's options in the query, the same ingest code path;
// a dry run answers the diff, a real run applies it whole in one store transaction. Plus the review queue.
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Request } from "express";
import { z } from "zod";
import { OptionError, ValidationError } from "../../errors.ts";
import { decideReview, ingestFile, ingestReport } from "../../ingest/index.ts";
import type { ReviewStatus } from "../../store/store.ts";
import { ErrorSchema, JsonObject } from "../api-schemas.ts";
import type { RouteContext, RouteSpec } from "../route-spec.ts";
import { parseOrThrow } from "../zod-issues.ts";

const EDITORS = ["admin", "editor"] as const;

/** The largest file accepted (the CLI streams a 50 MB CSV; an upload is kept on disk, not in memory). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

const FileName = z
  .string()
  .trim()
  .regex(
    /^[^/\\\u0000-\u001f]{1,200}\.(xlsx|csv|tsv|txt|html?)$/i,
    "expected a file name like list.csv (xlsx, csv, tsv, txt, html; no folders)",
  )
  .refine((s) => !s.startsWith("."), "expected a file name like list.csv");

const IngestQuery = z.strictObject({
  as: z.string().describe("local-firms | supply-survey | candidates | firm-page"),
  filename: z
    .string()
    .optional()
    .describe("the uploaded file's name (or the X-Filename header), e.g. list.csv"),
  list: z.string().optional().describe("the list the rows are on, e.g. fortune-global-500"),
  year: z.string().optional().describe("the list's year (rows of other years are left out)"),
  batch: z.string().optional().describe("the list's batch"),
  map: z
    .string()
    .optional()
    .describe("column=field overrides, separated by ';', e.g. 企业=name;金额=revenue"),
  dryRun: z.enum(["true", "false"]).optional().describe("true: answer what would change, change nothing"),
  why: z.string().optional().describe("why (kept in the change history)"),
  sourceKind: z.string().optional(),
  origin: z.string().optional(),
  country: z.string().optional().describe("ISO alpha-2 code for rows that name none"),
  region: z.string().optional().describe("region id for local-firm rows that name none"),
});

const Skipped = z.object({ row: z.int(), column: z.string(), reason: z.string() });
const Warning = z.object({
  file: z.string().optional(),
  line: z.int().optional(),
  path: z.string(),
  message: z.string(),
  rule: z.string(),
});
const IngestAnswer = z.object({
  encoding: z.string(),
  added: z.array(JsonObject),
  updated: z.array(JsonObject),
  merged: z.array(JsonObject),
  queued: z.array(JsonObject),
  unchanged: z.array(JsonObject),
  skipped: z.array(Skipped),
  file: z.string(),
  format: z.string(),
  source: z.string(),
  dryRun: z.boolean(),
  otherYears: z.int(),
  changeId: z.int().nullable(),
  warnings: z
    .array(Warning)
    .describe("what the dataset rules warn of in what the import brings in (applied)"),
});

const ReviewItemSchema = z.object({
  id: z.int(),
  at: z.string(),
  file: z.string(),
  row: z.int(),
  name: z.string(),
  candidate: z.string(),
  score: z.number(),
  reason: z.string(),
  status: z.enum(["pending", "accepted", "rejected"]),
  decidedAt: z.string().optional(),
  decidedBy: z.string().optional(),
  result: z.string().optional(),
  imported: JsonObject.optional().describe(
    "the firm as the row describes it (name, location, products, credit code …), for the person deciding",
  ),
});
const ReviewQuery = z.strictObject({
  status: z.enum(["pending", "accepted", "rejected", "all"]).optional().describe("default pending"),
});
const ReviewParam = z.strictObject({
  id: z.string().regex(/^[1-9]\d{0,9}$/, "expected a review item number"),
});
const ReviewBody = z.strictObject({
  decision: z
    .enum(["merge", "separate"])
    .describe("merge: the row is the suggested firm; separate: keep apart"),
  why: z.string().trim().min(1).max(2000).optional(),
});
const ReviewOutcomeSchema = z.object({
  id: z.int(),
  decision: z.enum(["accepted", "rejected"]),
  firm: z.string(),
  changeId: z.int().optional(),
  warnings: z.array(Warning),
});

/** An error the one error handler answers with its own 4xx status and message. */
const httpError = (status: number, message: string) => Object.assign(new Error(message), { status });

/** Streams the request body to a file, refusing more than the limit with 413. Returns the bytes written. */
async function saveBody(req: Request, file: string): Promise<number> {
  if ((req as { _body?: boolean })._body || req.readableEnded)
    throw new OptionError(
      "send the file itself as the request body (Content-Type text/csv, application/octet-stream …), not JSON",
    );
  const declared = Number(req.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES)
    throw httpError(
      413,
      `the file is larger than ${MAX_UPLOAD_BYTES / 1048576} MB; split it or import it with the CLI`,
    );
  const out = createWriteStream(file);
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES)
        throw httpError(
          413,
          `the file is larger than ${MAX_UPLOAD_BYTES / 1048576} MB; split it or import it with the CLI`,
        );
      if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
    }
  } finally {
    await new Promise<void>((r) => out.end(r));
  }
  return size;
}

/** The error with the server's temporary copy of the upload named as the user named the file. */
function asUploaded(e: unknown, saved: string, name: string): unknown {
  if (!(e instanceof Error)) return e;
  const fix = (s: string) => s.replaceAll(saved, name);
  e.message = fix(e.message);
  if (e instanceof ValidationError)
    for (const i of e.issues) {
      i.message = fix(i.message);
      if (i.file === saved) i.file = name;
    }
  return e;
}

function ingestOptionsOf(ctx: RouteContext) {
  const q = ctx.query;
  const opt = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);
  return {
    as: q.as,
    list: opt(q.list),
    year: opt(q.year),
    batch: opt(q.batch),
    map:
      opt(q.map)
        ?.split(";")
        .map((s) => s.trim())
        .filter(Boolean) ?? [],
    dryRun: q.dryRun === "true",
    who: ctx.user!.username,
    why: opt(q.why) ?? "import through the API",
    sourceKind: opt(q.sourceKind),
    origin: opt(q.origin),
    country: opt(q.country),
    region: opt(q.region),
  };
}

export const ingestRoutes: RouteSpec[] = [
  {
    method: "post",
    path: "/api/ingest",
    summary: "Import a file (the raw body): dryRun=true answers the diff; otherwise it is applied whole",
    tag: "ingest",
    roles: EDITORS,
    query: IngestQuery,
    headers: z.object({ "x-filename": z.string().optional().describe("the file's name, e.g. list.csv") }),
    responses: [
      {
        status: 200,
        description: "what was (or would be) added, updated, merged, queued, skipped",
        schema: IngestAnswer,
      },
      {
        status: 400,
        description: "bad option or a file that cannot be imported (nothing changed)",
        schema: ErrorSchema,
      },
      { status: 413, description: "file too large", schema: ErrorSchema },
    ],
    handler: async (ctx) => {
      const header = ctx.req.get("x-filename");
      const name = parseOrThrow(
        FileName,
        ctx.query.filename ?? (header === undefined ? undefined : decodeURIComponent(header)),
        "filename",
      );
      const raw = ingestOptionsOf(ctx);
      const dir = await mkdtemp(join(tmpdir(), "atlas-upload-"));
      try {
        const file = join(dir, name);
        const size = await saveBody(ctx.req, file);
        if (size === 0) throw new OptionError(`${name} is empty: send the file as the request body`);
        const result = await ctx.state.write(async () => {
          const r = await ingestFile(ctx.state.graphStore, file, raw).catch((e: unknown) => {
            throw asUploaded(e, file, name);
          });
          // What was kept from before goes; the next read loads the new dataset (or, by chain, what it needs).
          if (r.changeId !== undefined) ctx.state.changed();
          return r;
        });
        return ingestReport(result);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  },
  {
    method: "get",
    path: "/api/review",
    summary: "The review queue: uncertain firm matches imports found",
    tag: "ingest",
    roles: EDITORS,
    query: ReviewQuery,
    responses: [
      { status: 200, description: "review items", schema: z.object({ items: z.array(ReviewItemSchema) }) },
      { status: 400, description: "bad query", schema: ErrorSchema },
    ],
    handler: async (ctx) => {
      const { status = "pending" } = parseOrThrow(ReviewQuery, ctx.query, "query");
      const items = (
        await ctx.state.graphStore.reviewItems(status === "all" ? undefined : (status as ReviewStatus))
      ).map(({ payload, ...i }) => ({
        ...i,
        imported: (payload as { draft?: Record<string, unknown> }).draft,
      }));
      return { items };
    },
  },
  {
    method: "post",
    path: "/api/review/:id",
    summary: "Decide a review item: merge (it is the suggested firm) or separate (keep it apart)",
    tag: "ingest",
    roles: EDITORS,
    params: ReviewParam,
    body: ReviewBody,
    responses: [
      { status: 200, description: "decided and applied", schema: ReviewOutcomeSchema },
      { status: 400, description: "bad decision or already decided", schema: ErrorSchema },
      { status: 404, description: "no such item", schema: ErrorSchema },
    ],
    handler: async (ctx) => {
      const { decision, why } = parseOrThrow(ReviewBody, ctx.req.body, "review");
      const id = Number(ctx.params.id);
      return ctx.state.write(async () => {
        const out = await decideReview(ctx.state.graphStore, id, decision === "merge" ? "accept" : "reject", {
          who: ctx.user!.username,
          why,
        });
        if (out.changeId !== undefined) ctx.state.changed();
        return out;
      });
    },
  },
];
