// The pipeline's projects as the outputs draw them (projects in talks on the fishbone and in the report), and a
// key that changes when they do: project writes are not change sets, so the dataset version alone would miss them.
import { createHash } from "node:crypto";
import type { Project } from "../../model/project.ts";
import type { AtlasState } from "../atlas-state.ts";

/** Every project in the store the map is kept in, and a short digest of them for cache keys ("" when none). */
export async function pipelineProjects(state: AtlasState): Promise<{ projects: Project[]; key: string }> {
  const projects = await state.graphStore.projects();
  const key =
    projects.length === 0
      ? ""
      : createHash("sha1").update(JSON.stringify(projects)).digest("hex").slice(0, 16);
  return { projects, key };
}
