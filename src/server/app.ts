// The express app: security headers, request logs with ids, body limit, sign-in, the routes, one error handler.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import cookieParser from "cookie-parser";
import express, { type Express } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import pino from "pino";
import { NotFoundError } from "../errors.ts";
import type { AtlasState } from "./atlas-state.ts";
import { authenticate } from "./auth/authenticate.ts";
import { errorHandler, errorResponse } from "./http-errors.ts";
import { mountRoutes } from "./mount-routes.ts";
import { type DocsInput, docsPage } from "./openapi/docs-page.ts";
import { openApiDocument } from "./openapi/openapi-document.ts";
import { requestLog } from "./request-log.ts";
import type { RouteSpec } from "./route-spec.ts";
import { ALL_ROUTES } from "./routes/index.ts";
import { VERSION } from "./version.ts";

export interface AppOptions {
  /** Log level of the request logs (default "info"; "silent" in tests). */
  logLevel?: string;
  /** Login attempts allowed per client address per window (default 10 per 5 minutes). */
  loginLimit?: { max: number; windowMs: number };
  /** Folder of the built web app, served at / when it exists (default web/dist). */
  webDist?: string;
  /** Extra routes (e.g. a report .docx added by the web work). */
  extraRoutes?: ReadonlyArray<RouteSpec>;
}

export function createApp(state: AtlasState, opts: AppOptions = {}): Express {
  const app = express();
  app.disable("x-powered-by");
  // Entities carry their own version ETag; hashing every answer body for a generated one costs more than it saves.
  app.set("etag", false);
  app.set("query parser", "simple");
  app.use(requestLog(pino({ level: opts.logLevel ?? "info" })));
  // Served over plain HTTP on loopback: no HSTS and no upgrade of the page's requests to https.
  app.use(
    helmet({
      strictTransportSecurity: false,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    }),
  );
  app.use(cookieParser());
  app.use(express.json({ limit: "1mb" }));

  const limit = opts.loginLimit ?? { max: 10, windowMs: 5 * 60_000 };
  app.use(
    "/api/auth/login",
    rateLimit({
      windowMs: limit.windowMs,
      limit: limit.max,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      handler: (_req, res) => {
        res.status(429).json({
          error: {
            code: "rate_limited",
            message: "too many sign-in attempts; wait a few minutes",
            details: [],
          },
        });
      },
    }),
  );
  app.use(authenticate(state.accounts));

  const specs = [...ALL_ROUTES, ...(opts.extraRoutes ?? [])];
  const doc = openApiDocument(specs, VERSION);
  app.get("/api/openapi.json", (_req, res) => {
    res.json(doc);
  });
  const docs = docsPage(doc as DocsInput);
  app.get("/api/docs", (_req, res) => {
    res.type("html").send(docs);
  });
  app.use(mountRoutes(state, specs));
  app.use("/api", (req, _res, next) => {
    next(new NotFoundError(`no route ${req.method} ${req.originalUrl.split("?")[0]}; see /api/docs`));
  });

  const web = resolve(opts.webDist ?? "web/dist");
  if (existsSync(join(web, "index.html"))) {
    app.use(express.static(web, { index: "index.html" }));
    app.get("/{*path}", (_req, res) => {
      res.sendFile(join(web, "index.html"));
    });
  }
  app.use((req, res) => {
    const { status, body } = errorResponse(new NotFoundError(`no page ${req.path}`));
    res.status(status).json(body);
  });
  app.use(errorHandler);
  return app;
}
