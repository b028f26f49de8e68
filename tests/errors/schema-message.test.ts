// Schema problems reach users in the project's words, and seed problems come sorted by file and line.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { schemaMessage } from "../../src/errors.ts";
import { parseSeed } from "../../src/seed/index.ts";

const issueOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error("test setup: expected a failure");
  return r.error.issues[0]!;
};
const enc = (s: string) => new TextEncoder().encode(s);

describe("schemaMessage", () => {
  it.each([
    [z.string().min(1), "", "expected a non-empty text"],
    [z.string().min(4), "ab", "expected at least 4 characters"],
    [z.number().min(0), -1, "expected a number ≥ 0"],
    [z.number().max(1), 2, "expected a number ≤ 1"],
    [z.number(), "x", "expected a number"],
    [z.array(z.string()), "x", "expected a list"],
    [z.string().regex(/^\d{4}$/), "12", "expected text matching /^\\d{4}$/"],
    [
      z.strictObject({ a: z.string() }),
      { a: "x", b: 1 },
      'found unknown key "b"; expected only the documented ones',
    ],
  ])("rewrites zod's default text (%#)", (schema, value, words) => {
    const issue = issueOf(schema, value);
    expect(issue.message).not.toBe(words);
    expect(schemaMessage(issue as never)).toBe(words);
  });

  it("keeps a message the schema wrote itself", () => {
    expect(schemaMessage(issueOf(z.string().min(1, "expected a chain id"), "") as never)).toBe(
      "expected a chain id",
    );
  });
});

describe("seed problems", () => {
  it("come sorted by file, then line", () => {
    const { issues } = parseSeed([
      { path: "b.yaml", bytes: enc("firms:\n  - { id: x }\n  - { id: y }\n") },
      {
        path: "a.yaml",
        bytes: enc("region: { id: r, name: { zh: 嘉兴 }, province: 浙江, country: CN }\nbogus: 1\n"),
      },
    ]);
    const located = issues.filter((i) => i.file);
    const keys = located.map((i) => `${i.file}:${String(i.line ?? 0).padStart(4, "0")}`);
    expect(keys).toEqual([...keys].sort());
    expect(located[0]!.file).toBe("a.yaml");
    expect(issues.some((i) => /Invalid input|Too small|Unrecognized/.test(i.message))).toBe(false);
  });

  it("malformed YAML names its line", () => {
    const { issues } = parseSeed([{ path: "x.yaml", bytes: enc("firms:\n  - id: a\n    name: 'open\n") }]);
    const yaml = issues.find((i) => i.rule === "yaml");
    expect(yaml).toMatchObject({ file: "x.yaml" });
    expect(yaml!.line).toBeGreaterThanOrEqual(3);
  });
});
