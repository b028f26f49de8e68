// Projects kept in the embedded store: one row per project (its JSON), every change recorded with who and when.
import type Database from "better-sqlite3";
import { NotFoundError, StoreError } from "../../errors.ts";
import { Project } from "../../model/project.ts";
import { EmbeddedStore } from "../embedded-store.ts";
import type { Store } from "../store.ts";
import { ensureProjectTables } from "./project-tables.ts";

export interface ProjectChange {
  id: number;
  project: string;
  op: string;
  at: string;
  who: string;
  note?: string | undefined;
  /** The project as the change left it. */
  after: Project;
}

export interface ChangeNote {
  op: string;
  who: string;
  note?: string | undefined;
}

interface ChangeRow {
  id: number;
  project: string;
  op: string;
  at: string;
  who: string;
  note: string | null;
  json: string;
}

function parseStored(json: string, where: string): Project {
  const r = Project.safeParse(JSON.parse(json));
  if (!r.success)
    throw new StoreError(
      `${where} holds a project that no longer fits the schema: ${r.error.issues[0]?.message}`,
    );
  return r.data;
}

/** The store's projects, read and written in their own tables on the embedded store's `db` handle. */
export class ProjectBook {
  private readonly db: Database.Database;

  constructor(store: Store) {
    if (!(store instanceof EmbeddedStore))
      throw new StoreError("projects are kept in the embedded store only (for now)");
    this.db = store.db;
    ensureProjectTables(this.db);
  }

  list(): Project[] {
    const rows = this.db.prepare("select id, json from project order by id").all() as Array<{
      id: string;
      json: string;
    }>;
    return rows.map((r) => parseStored(r.json, `project ${r.id}`));
  }

  get(id: string): Project {
    const json = this.db.prepare("select json from project where id = ?").pluck().get(id) as
      | string
      | undefined;
    if (json === undefined)
      throw new NotFoundError(`no project ${JSON.stringify(id)}; see chain-atlas project list`);
    return parseStored(json, `project ${id}`);
  }

  /**
   * Reads every project, lets `change` compute the new or changed one, and writes it with a change row — all in
   * one immediate transaction, so two counties reporting at once cannot both pass the first-report check.
   */
  write(meta: ChangeNote, change: (all: Project[]) => Project): Project {
    const run = this.db.transaction((): Project => {
      const next = Project.parse(change(this.list()));
      const at = new Date().toISOString();
      const json = JSON.stringify(next);
      this.db
        .prepare(
          `insert into project (id, json, version, updated_at, updated_by) values (?, ?, 1, ?, ?)
           on conflict(id) do update set json = excluded.json, version = version + 1,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        )
        .run(next.id, json, at, meta.who);
      this.db
        .prepare("insert into project_change (project, op, at, who, note, json) values (?, ?, ?, ?, ?, ?)")
        .run(next.id, meta.op, at, meta.who, meta.note ?? null, json);
      return next;
    });
    return run.immediate();
  }

  /** A project's recorded changes, oldest first. */
  changes(id: string): ProjectChange[] {
    const rows = this.db
      .prepare("select * from project_change where project = ? order by id")
      .all(id) as ChangeRow[];
    return rows.map((r) => ({
      id: r.id,
      project: r.project,
      op: r.op,
      at: r.at,
      who: r.who,
      note: r.note ?? undefined,
      after: parseStored(r.json, `change #${r.id}`),
    }));
  }
}
