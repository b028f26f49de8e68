// The request log: one structured line per request under the id sent back in X-Request-Id, and a failed
// request's error logged under the same id; nothing per request when the level leaves request lines out.
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import express from "express";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { errorHandler } from "../../src/server/http-errors.ts";
import { requestLog } from "../../src/server/request-log.ts";

async function serveWith(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n")) if (l.trim()) lines.push(JSON.parse(l));
      done();
    },
  });
  const app = express();
  app.use(requestLog(pino({ level }, sink)));
  app.get("/ok", (_req, res) => {
    res.json({ ok: true });
  });
  app.get("/boom", () => {
    throw new Error("kaputt");
  });
  app.use(errorHandler);
  const server = app.listen(0, "127.0.0.1");
  await new Promise((ok) => server.once("listening", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, lines, close: () => new Promise((ok) => server.close(ok)) };
}

describe("the request log", () => {
  it("logs each request under its id, and a 500 with its error under the same id", async () => {
    const s = await serveWith("info");
    try {
      const ok = await fetch(`${s.url}/ok?x=1`, { headers: { "x-request-id": "trace-42" } });
      expect(ok.headers.get("x-request-id")).toBe("trace-42");
      const boom = await fetch(`${s.url}/boom`, { headers: { "x-request-id": "../../etc" } });
      expect(boom.status).toBe(500);
      const id = boom.headers.get("x-request-id")!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/); // a path-like id is not echoed: a new one is made
      await new Promise((ok) => setTimeout(ok, 50));
      expect(
        s.lines.find((l) => l.msg === "request completed" && (l.req as { id: string }).id === "trace-42"),
      ).toMatchObject({ req: { method: "GET", url: "/ok?x=1" }, res: { status: 200 } });
      const failed = s.lines.find((l) => l.msg === "request failed")!;
      expect(failed).toMatchObject({ req: { id, url: "/boom" }, err: { message: "kaputt" } });
      expect(
        s.lines.find((l) => l.msg === "request completed" && (l.req as { id: string }).id === id),
      ).toMatchObject({ res: { status: 500 } });
    } finally {
      await s.close();
    }
  });

  it("writes no request lines at level warn, but still the errors", async () => {
    const s = await serveWith("warn");
    try {
      await fetch(`${s.url}/ok`);
      await fetch(`${s.url}/boom`);
      await new Promise((ok) => setTimeout(ok, 50));
      expect(s.lines.map((l) => l.msg)).toEqual(["request failed"]);
    } finally {
      await s.close();
    }
  });
});
