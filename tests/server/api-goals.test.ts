// The goals API: the bureau reads and sets a year's goals (city-wide and per county); only editors and admins
// write, bad input is refused whole with the field named, and a changed goal changes the share in /api/progress.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, startTestServer, type TestServer } from "./test-server.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
}, 120_000);
afterAll(async () => {
  await s?.close();
});

type Role = "admin" | "editor" | "lead" | "investor" | "nobody";
const send = (method: string, path: string, body: unknown, as: Role = "admin") =>
  s.call(path, { method, body: JSON.stringify(body), as });

const domesticShare = async (year: number, county?: string) => {
  const p = await json(await s.call(`/api/progress?year=${year}${county ? `&county=${county}` : ""}`));
  return p.rows.find((r: { measure: string }) => r.measure === "domesticOver5Bn") as {
    goal?: number;
    actual: number;
    share?: number;
  };
};

describe("the goals API", () => {
  it("answers 401 without a session and 403 for a lead or an investment team", async () => {
    expect((await s.call("/api/goals/2025", { as: "nobody" })).status).toBe(401);
    const body = { goals: [{ domesticOver5Bn: 4 }] };
    expect((await send("PUT", "/api/goals/2025", body, "nobody")).status).toBe(401);
    for (const as of ["lead", "investor"] as const) {
      const r = await send("PUT", "/api/goals/2025", body, as);
      expect(r.status, as).toBe(403);
      expect((await json(r)).error.code).toBe("forbidden");
    }
    // Nothing was written by the refused calls.
    expect((await json(await s.call("/api/goals/2025", { as: "lead" }))).goals).toEqual([]);
  });

  it("answers 400 naming each bad field and writes nothing of a refused set", async () => {
    const ok = await send("PUT", "/api/goals/2025", { goals: [{ domesticOver5Bn: 4 }] }, "editor");
    expect(ok.status).toBe(200);
    const before = await json(await s.call("/api/goals/2025"));
    const bad = await send("PUT", "/api/goals/2025", {
      goals: [
        { domesticOver5Bn: 9 },
        { county: "haining", fortuneGlobal500: -1 },
        { county: "atlantis", fdiUsdMillions: 50 },
        { county: "haining", colour: "red" },
      ],
    });
    expect(bad.status).toBe(400);
    const paths = (await json(bad)).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["goals[1].fortuneGlobal500", "goals[3]"]));
    const second = await send("PUT", "/api/goals/2025", {
      goals: [{ domesticOver5Bn: 9 }, { county: "atlantis" }, { domesticOver5Bn: 1 }],
    });
    expect(second.status).toBe(400);
    expect((await json(second)).error.details.map((d: { path: string }) => d.path)).toEqual([
      "goals[1].county",
      "goals[2].county",
    ]);
    expect((await send("PUT", "/api/goals/1999", { goals: [] })).status).toBe(400);
    // The good first entry of each refused set was not written either.
    expect(await json(await s.call("/api/goals/2025"))).toEqual(before);
  });

  it("sets city and county goals per year, keeps other years, and the share in /api/progress follows", async () => {
    // A domestic signing of 6 bn yuan in jiashan, March 2025, pre-reported in time (test data).
    const add = await send("POST", "/api/projects", {
      id: "goal-test",
      investor: { name: "测试投资方（测试数据）" },
      gaps: [{ segment: "pv-wafer", aim: "fill" }],
      region: "jiashan",
      amount: { millions: 6000, currency: "CNY" },
      assumed: true,
      at: "2025-02-01",
    });
    expect(add.status).toBe(201);
    expect((await send("POST", "/api/projects/goal-test/prereport", { at: "2025-03-01" })).status).toBe(200);
    for (const stage of ["contacted", "negotiating", "signed"])
      expect((await send("POST", "/api/projects/goal-test/stage", { stage, at: "2025-03-10" })).status).toBe(
        200,
      );
    expect((await send("PUT", "/api/goals/2026", { goals: [{ domesticOver5Bn: 7 }] })).status).toBe(200);

    const city = await domesticShare(2025);
    expect(city.actual).toBe(1);
    expect(city.goal).toBe(4);
    expect(city.share).toBe(0.25);

    const r = await send(
      "PUT",
      "/api/goals/2025",
      {
        goals: [
          { domesticOver5Bn: 2, note: "测试目标" },
          { county: "jiashan", domesticOver5Bn: 5 },
        ],
      },
      "editor",
    );
    expect(r.status).toBe(200);
    const b = await json(r);
    expect(b.updatedBy).toBe("ed");
    expect(b.goals).toHaveLength(2);
    expect(b.goals.every((g: { year: number }) => g.year === 2025)).toBe(true);
    expect((await domesticShare(2025)).share).toBe(0.5);
    expect(await domesticShare(2025, "jiashan")).toMatchObject({ goal: 5, actual: 1, share: 0.2 });
    // Another county has no goal of its own; 2026 is untouched.
    expect((await domesticShare(2025, "haining")).goal).toBeUndefined();
    const y2026 = await json(await s.call("/api/goals/2026", { as: "investor" }));
    expect(y2026.goals).toEqual([{ year: 2026, domesticOver5Bn: 7 }]);

    // An empty set clears the year.
    expect((await send("PUT", "/api/goals/2025", { goals: [] })).status).toBe(200);
    expect((await domesticShare(2025)).share).toBeUndefined();
  });

  it("documents the goals routes in OpenAPI", async () => {
    const doc = await json(await s.call("/api/openapi.json"));
    expect(Object.keys(doc.paths["/api/goals/{year}"] ?? {})).toEqual(expect.arrayContaining(["get", "put"]));
  });
});
