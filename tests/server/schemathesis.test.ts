// Schemathesis fuzzes every operation of the live server from /api/openapi.json: zero 5xx, server alive after.
// Needs .venv-fuzz (scripts/setup-fuzz.sh, which .ci/run calls); without it this test fails, it does not skip.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ALL_ROUTES } from "../../src/server/routes/index.ts";

const SCRIPT = join(import.meta.dirname, "..", "..", "scripts", "fuzz-api.sh");

it("finds no 5xx in any operation, and the server is alive after", { timeout: 900_000 }, () => {
  const r = spawnSync("bash", [SCRIPT], {
    encoding: "utf8",
    timeout: 880_000,
    env: { ...process.env, FUZZ_EXAMPLES: "10" },
  });
  const out = `${r.stdout}\n${r.stderr}`;
  expect(r.status, out.slice(-4000)).toBe(0);
  expect(out).toContain(`Selected: ${ALL_ROUTES.length}/${ALL_ROUTES.length}`);
  expect(out).toContain(`Tested: ${ALL_ROUTES.length}`);
  expect(out).toMatch(/No issues found/);
  expect(out).toContain("server alive after the run");
  expect(out).not.toContain("the server logged errors");
});
