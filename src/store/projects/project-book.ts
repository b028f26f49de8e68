// The store's projects as the pipeline's faces read and write them: by id (a missing one named), every change
// recorded with who and when — on whichever store holds the map (the embedded file or Neo4j).
import { NotFoundError, StoreError } from "../../errors.ts";
import { Project } from "../../model/project.ts";
import type { ProjectChange, ProjectNote, Store } from "../store.ts";

export type { ProjectChange, ProjectNote as ChangeNote };

export class ProjectBook {
  constructor(private readonly store: Store) {}

  list(): Promise<Project[]> {
    return this.store.projects();
  }

  async get(id: string): Promise<Project> {
    const p = await this.store.project(id);
    if (!p) throw new NotFoundError(`no project ${JSON.stringify(id)}; see chain-atlas project list`);
    return p;
  }

  /**
   * Reads every project, lets `change` compute the new or changed one, and writes it with a change record — in one
   * write transaction holding the pipeline's lock, so two counties reporting at once cannot both pass the
   * first-report check.
   */
  write(meta: ProjectNote, change: (all: Project[]) => Project): Promise<Project> {
    return this.store.writeProject(meta, change);
  }

  /** A project's recorded changes, oldest first. */
  changes(id: string): Promise<ProjectChange[]> {
    return this.store.projectChanges(id);
  }
}

/** The project with this id among `all` (what a write's change reads), or a NotFoundError naming it. */
export function projectIn(all: ReadonlyArray<Project>, id: string): Project {
  const p = all.find((q) => q.id === id);
  if (!p) throw new NotFoundError(`no project ${JSON.stringify(id)}; see chain-atlas project list`);
  return p;
}

/** A stored project's JSON through the schema (on either store); one that no longer fits is named by `where`. */
export function parseStoredProject(json: string, where: string): Project {
  const r = Project.safeParse(JSON.parse(json));
  if (!r.success)
    throw new StoreError(
      `${where} holds a project that no longer fits the schema: ${r.error.issues[0]?.message}`,
    );
  return r.data;
}
