// Mounts route specs on a router: sign-in and role first, then path and query checks, then the handler.
import { type Request, type Response, Router } from "express";
import { AuthError, ForbiddenError, NotFoundError, OptionError } from "../errors.ts";
import type { AtlasState } from "./atlas-state.ts";
import type { Caller } from "./auth/authenticate.ts";
import { JsonText } from "./json-text.ts";
import type { RouteSpec } from "./route-spec.ts";
import { parseOrThrow } from "./zod-issues.ts";

function checkCaller(spec: RouteSpec, res: Response): Caller | undefined {
  const caller = res.locals.caller as Caller | undefined;
  if (spec.roles === "public") return caller;
  if (!caller)
    throw new AuthError("sign in first (POST /api/auth/login) or send Authorization: Bearer <token>");
  if (spec.roles !== "any" && !spec.roles.includes(caller.user.role))
    throw new ForbiddenError(
      `the role ${caller.user.role} may not ${spec.method.toUpperCase()} ${spec.path}; allowed: ${spec.roles.join(", ")}`,
    );
  return caller;
}

function checkQuery(spec: RouteSpec, req: Request): Record<string, string> {
  const allowed = new Set(Object.keys(spec.query?.shape ?? {}));
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query as Record<string, unknown>)) {
    if (!allowed.has(name))
      throw new OptionError(
        `unknown query parameter ${JSON.stringify(name)}; expected ${allowed.size ? [...allowed].join(", ") : "none"}`,
      );
    if (typeof value !== "string")
      throw new OptionError(`query parameter ${JSON.stringify(name)}: expected one value, got several`);
    out[name] = value;
  }
  return out;
}

export function mountRoutes(state: AtlasState, specs: ReadonlyArray<RouteSpec>): Router {
  const router = Router();
  for (const spec of specs)
    router[spec.method](spec.path, async (req, res, next) => {
      try {
        const caller = checkCaller(spec, res);
        const params = spec.params
          ? (parseOrThrow(spec.params, req.params, "path") as Record<string, string>)
          : (req.params as Record<string, string>);
        const query = checkQuery(spec, req);
        // A chain named in the path is a resource: an unknown one is 404 (the analysis calls it a bad option).
        if (params.chain !== undefined && !(await state.hasChain(params.chain)))
          throw new NotFoundError(`no chain ${JSON.stringify(params.chain)}; see GET /api/chains`);
        const value = await spec.handler({ state, user: caller?.user, req, res, query, params });
        if (res.headersSent) return;
        const ok = spec.responses.find((r) => r.status < 300)?.status ?? 200;
        if (value === undefined) res.status(204).end();
        else if (value instanceof JsonText)
          res
            .status(ok)
            .type("application/json")
            .set("Content-Length", String(value.byteLength))
            .end(value.body);
        else res.status(ok).json(value);
      } catch (e) {
        next(e);
      }
    });
  return router;
}
