// The pipeline's tables in the embedded store: projects written whole with who/when rows, settings kept and read back.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PipelineConfig } from "../../src/model/pipeline-config.ts";
import { moveStage, registerProject } from "../../src/pipeline/index.ts";
import { EmbeddedStore } from "../../src/store/index.ts";
import { PipelineSettings, ProjectBook } from "../../src/store/projects/index.ts";
import { tempDir } from "../helpers/seed-files.ts";
import { by, config, draft, firms } from "./pipeline-fixtures.ts";

function book() {
  const file = join(tempDir(), "atlas.db");
  return { file, store: new EmbeddedStore(file) };
}

describe("project book", () => {
  it("keeps a project and every change with who made it, and survives reopening", async () => {
    const { file, store } = book();
    const b = new ProjectBook(store);
    const p = b.write({ op: "add", who: "west-team" }, (all) =>
      registerProject(draft({ id: "kept" }), all, firms, by("2024-01-15"), config),
    );
    b.write({ op: "stage", who: "west-lead", note: "first call" }, () =>
      moveStage(p, "contacted", by("2024-01-20"), config),
    );
    await store.close();
    const again = new EmbeddedStore(file);
    const b2 = new ProjectBook(again);
    expect(b2.get("kept").stage).toBe("contacted");
    expect(b2.changes("kept").map((c) => [c.op, c.who, c.note, c.after.stage])).toEqual([
      ["add", "west-team", undefined, "lead"],
      ["stage", "west-lead", "first call", "contacted"],
    ]);
    expect(b2.changes("kept")[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await again.close();
  });

  it("writes nothing when the rule refuses (the second report of a held investor)", async () => {
    const { store } = book();
    const b = new ProjectBook(store);
    b.write({ op: "add", who: "west" }, (all) =>
      registerProject(draft({ id: "first" }), all, firms, by("2024-01-15"), config),
    );
    expect(() =>
      b.write({ op: "add", who: "north" }, (all) =>
        registerProject(
          draft({ id: "second", owner: "north", region: "north" }),
          all,
          firms,
          by("2024-01-16"),
          config,
        ),
      ),
    ).toThrow(/west holds exclusive talks until 2024-02-15/);
    expect(b.list().map((p) => p.id)).toEqual(["first"]);
    expect(b.changes("second")).toEqual([]);
    expect(() => b.get("second")).toThrow(/no project "second"/);
    await store.close();
  });

  it("keeps the bureau's configuration and goals, with who set them", async () => {
    const { store } = book();
    const s = new PipelineSettings(store);
    expect(s.config()).toEqual(config);
    expect(s.goals()).toEqual([]);
    s.setConfig(PipelineConfig.parse({ usdToCny: 7.2 }), "bureau");
    s.setGoals([{ year: 2024, fortuneGlobal500: 20 }], "bureau");
    expect(s.config().usdToCny).toBe(7.2);
    expect(s.goals()).toEqual([{ year: 2024, fortuneGlobal500: 20 }]);
    expect(s.stamp("goals")?.updatedBy).toBe("bureau");
    await store.close();
  });
});
