// Builds the seeded test projects (tests/fixtures/pipeline, TEST DATA) through the pipeline's own rules.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { Firm } from "../../src/model/index.ts";
import type { PipelineConfig } from "../../src/model/pipeline-config.ts";
import { ProgressGoal } from "../../src/model/progress-goal.ts";
import type { Project, ProjectStage } from "../../src/model/project.ts";
import {
  firmIndex,
  moveStage,
  type NewProject,
  recordPreReport,
  registerProject,
  transferProject,
} from "../../src/pipeline/index.ts";

export const SEEDED_FILE = join(import.meta.dirname, "..", "fixtures", "pipeline", "seeded-projects.yaml");

interface Entry {
  id: string;
  draft: Omit<NewProject, "id">;
  reportedAt: string;
  preReportedAt?: string;
  moves: Array<[ProjectStage, string] | ["transfer", string, string]>;
}

export function seededProjects(config: PipelineConfig) {
  const raw = parse(readFileSync(SEEDED_FILE, "utf8")) as {
    firms: unknown[];
    goals: unknown[];
    projects: Entry[];
  };
  const firms = raw.firms.map((f) => Firm.parse(f));
  const index = firmIndex(firms);
  const projects: Project[] = [];
  for (const e of raw.projects) {
    const at = (s: string) => ({ at: String(s), who: "test" });
    let p = registerProject(
      { ...e.draft, id: e.id, assumed: true },
      projects,
      index,
      at(e.reportedAt),
      config,
    );
    if (e.preReportedAt) p = recordPreReport(p, String(e.preReportedAt));
    for (const m of e.moves)
      p =
        m[0] === "transfer"
          ? transferProject(p, m[1], at(m[2]!), config)
          : moveStage(p, m[0], at(m[1]), config);
    projects.push(p);
  }
  return { firms, index, projects, goals: raw.goals.map((g) => ProgressGoal.parse(g)) };
}
