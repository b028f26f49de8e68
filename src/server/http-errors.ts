// The one error handler: every error becomes {error: {code, message, details}} with its status.
import type { ErrorRequestHandler } from "express";
import {
  AtlasError,
  AuthError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  OptionError,
  StoreError,
  ValidationError,
} from "../errors.ts";
import { requestLogOf } from "./request-log.ts";

export type ErrorCode =
  | "validation"
  | "not_found"
  | "unauthenticated"
  | "forbidden"
  | "conflict"
  | "bad_request"
  | "rate_limited"
  | "internal";

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details: Array<{ path: string; message: string }>;
    current?: unknown;
    changedBy?: { who: string; at: string };
  };
}

/** The status and body an error answers with (the same classes the CLI maps to exit codes). */
export function errorResponse(e: unknown): { status: number; body: ErrorBody } {
  const body = (code: ErrorCode, message: string, details: ErrorBody["error"]["details"] = []) => ({
    error: { code, message, details },
  });
  if (e instanceof ValidationError)
    return {
      status: 400,
      body: body(
        "validation",
        e.message,
        e.issues.map((i) => ({ path: i.path, message: i.message })),
      ),
    };
  if (e instanceof OptionError) return { status: 400, body: body("bad_request", e.message) };
  if (e instanceof NotFoundError) return { status: 404, body: body("not_found", e.message) };
  if (e instanceof AuthError) return { status: 401, body: body("unauthenticated", e.message) };
  if (e instanceof ForbiddenError) return { status: 403, body: body("forbidden", e.message) };
  if (e instanceof ConflictError) {
    const b: ErrorBody = body(
      "conflict",
      e.message,
      e.changedBy ? [{ path: "", message: `changed by ${e.changedBy.who} at ${e.changedBy.at}` }] : [],
    );
    if (e.current !== undefined) b.error.current = e.current;
    if (e.changedBy) b.error.changedBy = e.changedBy;
    return { status: 409, body: b };
  }
  if (e instanceof StoreError) return { status: 500, body: body("internal", e.message) };
  if (e instanceof AtlasError) return { status: 400, body: body("bad_request", e.message) };
  // body-parser and other http-errors carry a 4xx status: bad JSON, a body too large, a bad encoding.
  const status = (e as { status?: unknown })?.status;
  if (typeof status === "number" && status >= 400 && status < 500) {
    const type = (e as { type?: string }).type;
    const message =
      type === "entity.too.large"
        ? "the request body is too large (at most 1 MB)"
        : type === "entity.parse.failed"
          ? "the request body is not valid JSON"
          : ((e as Error).message ?? "bad request");
    return { status, body: body(status === 429 ? "rate_limited" : "bad_request", message) };
  }
  return {
    status: 500,
    body: body("internal", "internal error; see the server log (request id in X-Request-Id)"),
  };
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const { status, body } = errorResponse(err);
  if (status >= 500) {
    const log = requestLogOf(res);
    log?.logger.error(
      { err, req: { id: log.id, method: req.method, url: req.originalUrl } },
      "request failed",
    );
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(status).json(body);
};
