// Projects and pipeline settings through their schemas at the trust boundary: every problem named by field path.
import type { z } from "zod";
import { type InputIssue, type SchemaIssue, schemaMessage, ValidationError } from "../errors.ts";
import { PipelineConfig } from "../model/pipeline-config.ts";
import { Project } from "../model/project.ts";

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path
    .filter((k): k is string | number => typeof k !== "symbol")
    .map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`))
    .join("");
}

/** Parses with `schema` or throws a ValidationError naming `what` and every problem. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues: InputIssue[] = r.error.issues.map((i) => ({
    path: pathOf(i.path) || "(top)",
    message: schemaMessage(i as SchemaIssue),
    rule: "schema",
  }));
  throw new ValidationError(issues, what);
}

export const parseProject = (value: unknown, what = "project"): Project => parseWith(Project, value, what);

export const parsePipelineConfig = (value: unknown = {}, what = "pipeline configuration"): PipelineConfig =>
  parseWith(PipelineConfig, value ?? {}, what);

/** A refused pipeline operation, as one input issue. */
export function refuse(path: string, rule: string, message: string, what = "project"): never {
  throw new ValidationError([{ path, rule, message }], what);
}
