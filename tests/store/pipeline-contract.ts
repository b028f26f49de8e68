// The investment pipeline's part of the store contract: projects with their change records, the settings, a
// refused write that leaves nothing, writers at once queued by the pipeline's lock, a whole copy, and a map import
// that leaves the pipeline be. Run on every store by storeContract.
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.ts";
import { PipelineConfig } from "../../src/model/pipeline-config.ts";
import { moveStage, registerProject } from "../../src/pipeline/index.ts";
import { loadSeed } from "../../src/seed/index.ts";
import type { Store } from "../../src/store/index.ts";
import { PipelineSettings, ProjectBook, projectIn } from "../../src/store/projects/index.ts";
import { DEMO_SEED } from "../helpers/seed-files.ts";
import { by, config, draft, firms } from "../pipeline/pipeline-fixtures.ts";

/** A fresh store, and a second handle on it (as storeContract's factory). */
interface StoreFactory {
  fresh(): Promise<Store>;
  reopen(store: Store): Promise<Store>;
}

export function pipelineContract(name: string, make: StoreFactory): void {
  describe(`the ${name} store's pipeline (contract)`, () => {
    it("keeps a project and every change with who made it, read again through a second handle", async () => {
      const store = await make.fresh();
      const other = await make.reopen(store);
      try {
        const b = new ProjectBook(store);
        expect(await b.list()).toEqual([]);
        const p = await b.write({ op: "add", who: "west-team" }, (all) =>
          registerProject(draft({ id: "kept" }), all, firms, by("2024-01-15"), config),
        );
        await b.write({ op: "stage", who: "west-lead", note: "first call" }, (all) =>
          moveStage(projectIn(all, p.id), "contacted", by("2024-01-20"), config),
        );
        const b2 = new ProjectBook(other);
        expect((await b2.get("kept")).stage).toBe("contacted");
        const changes = await b2.changes("kept");
        expect(changes.map((c) => [c.op, c.who, c.note, c.after.stage])).toEqual([
          ["add", "west-team", undefined, "lead"],
          ["stage", "west-lead", "first call", "contacted"],
        ]);
        expect(changes[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        expect(changes[1]!.id).toBeGreaterThan(changes[0]!.id);
        expect(changes[1]!.after).toEqual(await b2.get("kept"));
        await expect(b2.get("nope")).rejects.toThrow(/no project "nope"/);
      } finally {
        await other.close();
        await store.close();
      }
    });

    it("writes nothing when the rule refuses, and the rule's error reaches the caller as thrown", async () => {
      const store = await make.fresh();
      try {
        const b = new ProjectBook(store);
        await b.write({ op: "add", who: "west" }, (all) =>
          registerProject(draft({ id: "first" }), all, firms, by("2024-01-15"), config),
        );
        const second = b.write({ op: "add", who: "north" }, (all) =>
          registerProject(
            draft({ id: "second", owner: "north", region: "north" }),
            all,
            firms,
            by("2024-01-16"),
            config,
          ),
        );
        await expect(second).rejects.toThrow(ValidationError);
        await expect(second).rejects.toThrow(/west holds exclusive talks until 2024-02-15/);
        // A change that breaks the schema is refused too.
        await expect(b.write({ op: "add", who: "x" }, () => ({ id: "" }) as never)).rejects.toThrow();
        expect((await b.list()).map((p) => p.id)).toEqual(["first"]);
        expect(await b.changes("second")).toEqual([]);
        expect(await store.project("second")).toBeUndefined();
      } finally {
        await store.close();
      }
    });

    it("keeps the bureau's configuration and goals, with who set them", async () => {
      const store = await make.fresh();
      try {
        const s = new PipelineSettings(store);
        expect(await s.config()).toEqual(config);
        expect(await s.goals()).toEqual([]);
        expect(await s.stamp("goals")).toBeUndefined();
        await s.setConfig(PipelineConfig.parse({ usdToCny: 7.2 }), "bureau");
        await s.setGoals([{ year: 2024, fortuneGlobal500: 20 }], "bureau");
        expect((await s.config()).usdToCny).toBe(7.2);
        expect(await s.goals()).toEqual([{ year: 2024, fortuneGlobal500: 20 }]);
        expect((await s.stamp("goals"))?.updatedBy).toBe("bureau");
        await s.setGoals([{ year: 2025, fortuneGlobal500: 3 }], "editor");
        expect(await s.goals()).toEqual([{ year: 2025, fortuneGlobal500: 3 }]);
        expect((await s.stamp("goals"))?.updatedBy).toBe("editor");
      } finally {
        await store.close();
      }
    });

    it("queues writers at once: of two counties reporting one investor, one holds it and the other is refused", async () => {
      const a = await make.fresh();
      const b = await make.reopen(a);
      try {
        const report = (store: typeof a, id: string, county: string) =>
          new ProjectBook(store).write({ op: "add", who: county }, (all) =>
            registerProject(
              draft({ id, owner: county, region: county }),
              all,
              firms,
              by("2024-03-01"),
              config,
            ),
          );
        for (let round = 0; round < 3; round++) {
          const results = await Promise.allSettled([
            report(a, `west-${round}`, "west"),
            report(b, `north-${round}`, "north"),
          ]);
          expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
          const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
          expect(refused.reason).toBeInstanceOf(ValidationError);
          // Drop the held one so the next round starts free.
          const held = (await new ProjectBook(a).list()).find((p) => p.stage !== "dropped")!;
          await new ProjectBook(a).write({ op: "stage", who: "t" }, (all) =>
            moveStage(projectIn(all, held.id), "dropped", by("2024-03-02"), config),
          );
        }
        const projects = await a.projects();
        expect(projects).toHaveLength(3);
        // Different projects at once both land, each with its own change record.
        await Promise.all([
          new ProjectBook(a).write({ op: "add", who: "w" }, (all) =>
            registerProject(
              draft({ id: "small-a", amount: { millions: 50, currency: "CNY" } }),
              all,
              firms,
              by("2024-04-01"),
              config,
            ),
          ),
          new ProjectBook(b).write({ op: "add", who: "n" }, (all) =>
            registerProject(
              draft({ id: "small-b", amount: { millions: 60, currency: "CNY" } }),
              all,
              firms,
              by("2024-04-01"),
              config,
            ),
          ),
        ]);
        const ids = [...(await a.projectChanges("small-a")), ...(await a.projectChanges("small-b"))].map(
          (c) => c.id,
        );
        expect(new Set(ids).size).toBe(2);
      } finally {
        await b.close();
        await a.close();
      }
    });

    it("copies its pipeline whole into another store, and a map import leaves the pipeline as it was", async () => {
      const from = await make.fresh();
      try {
        const b = new ProjectBook(from);
        const p = await b.write({ op: "add", who: "west" }, (all) =>
          registerProject(draft({ id: "copied" }), all, firms, by("2024-01-15"), config),
        );
        await b.write({ op: "stage", who: "west" }, (all) =>
          moveStage(projectIn(all, p.id), "contacted", by("2024-01-16"), config),
        );
        await new PipelineSettings(from).setGoals([{ year: 2024, fortuneGlobal500: 2 }], "bureau");
        const copy = await from.readPipeline();
        expect(copy.projects.map((x) => [x.project.id, x.version, x.updatedBy])).toEqual([
          ["copied", 2, "west"],
        ]);
        expect(copy.changes).toHaveLength(2);
        expect(copy.settings.map((s) => s.key)).toEqual(["goals"]);

        await from.replaceDataset(loadSeed(DEMO_SEED), { who: "t", why: "import" });
        expect(await from.readPipeline()).toEqual(copy);

        // Replaced whole: what the target held before is gone, the copy's numbering goes on.
        await from.replacePipeline({ projects: [], changes: [], settings: [] });
        expect(await from.readPipeline()).toEqual({ projects: [], changes: [], settings: [] });
        await from.replacePipeline(copy);
        expect(await from.readPipeline()).toEqual(copy);
        await b.write({ op: "prereport", who: "west" }, (all) => ({
          ...projectIn(all, "copied"),
          preReportedAt: "2024-01-20",
        }));
        const after = await from.projectChanges("copied");
        expect(after.map((c) => c.op)).toEqual(["add", "stage", "prereport"]);
        expect(after[2]!.id).toBeGreaterThan(Math.max(...copy.changes.map((c) => c.id)));
      } finally {
        await from.close();
      }
    });
  });
}
