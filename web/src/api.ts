// Calls the chain-atlas HTTP API (see /work/plan/api-contract.md): cookies, CSRF, the one error shape.
export interface ApiErrorBody {
  code: string;
  message: string;
  details?: Array<{ path: string; message: string }>;
  current?: unknown;
  changedBy?: { who: string; at: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

export interface User {
  username: string;
  role: "admin" | "editor" | "lead" | "investor";
  chains?: string[];
  county?: string;
}

function csrf(): string {
  const m = document.cookie.match(/(?:^|;\s*)atlas_csrf=([^;]+)/);
  return m ? decodeURIComponent(m[1]!) : "";
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  ifMatch?: string;
  why?: string;
}

/** A warning a write brought in (it was applied): the header X-Atlas-Warnings, decoded. */
export interface WriteWarning {
  path: string;
  message: string;
  rule?: string;
}

export async function call<T>(
  path: string,
  opts: CallOptions = {},
): Promise<{ data: T; etag: string; warnings: WriteWarning[] }> {
  const method = opts.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json" };
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = csrf();
  if (opts.ifMatch) headers["If-Match"] = opts.ifMatch;
  if (opts.why) headers["X-Why"] = encodeURIComponent(opts.why);
  const res = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const etag = res.headers.get("ETag") ?? "";
  const warned = res.headers.get("X-Atlas-Warnings");
  let warnings: WriteWarning[] = [];
  try {
    warnings = warned ? (JSON.parse(decodeURIComponent(warned)) as WriteWarning[]) : [];
  } catch {
    warnings = [];
  }
  if (res.status === 204) return { data: undefined as T, etag, warnings };
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json as { error?: ApiErrorBody } | undefined)?.error ?? {
      code: "internal",
      message: `${res.status} ${res.statusText}`,
    };
    throw new ApiError(res.status, err);
  }
  return { data: json as T, etag, warnings };
}

export const get = async <T>(path: string): Promise<T> => (await call<T>(path)).data;

export async function getText(path: string): Promise<string> {
  const res = await fetch(path, { credentials: "same-origin" });
  if (!res.ok) throw new ApiError(res.status, { code: "internal", message: `${res.status} ${path}` });
  return res.text();
}

/** Query string from the set values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}
