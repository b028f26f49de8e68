// The pipeline's projects as the outputs draw them (projects in talks on the fishbone and in the report), and a
// key that changes when they do: project writes are not change sets, so the dataset version alone would miss them.
import { createHash } from "node:crypto";
import type { Project } from "../../model/project.ts";
import { ProjectBook } from "../../store/projects/index.ts";
import type { AtlasState } from "../atlas-state.ts";

const books = new WeakMap<AtlasState, ProjectBook>();

/** Every project in the store, and a short digest of them for cache keys ("" when there are none). */
export function pipelineProjects(state: AtlasState): { projects: Project[]; key: string } {
  let book = books.get(state);
  if (!book) {
    book = new ProjectBook(state.store);
    books.set(state, book);
  }
  const projects = book.list();
  const key =
    projects.length === 0
      ? ""
      : createHash("sha1").update(JSON.stringify(projects)).digest("hex").slice(0, 16);
  return { projects, key };
}
