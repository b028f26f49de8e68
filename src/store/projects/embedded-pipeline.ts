// The investment pipeline in the embedded store: its tables beside the map's in the SQLite file — one row per
// project (its JSON), one per recorded change, one per setting — and the statements over them.
import type Database from "better-sqlite3";
import { Project } from "../../model/project.ts";
import type { PipelineCopy, PipelineSetting, ProjectChange, ProjectNote } from "../store.ts";
import { parseStoredProject } from "./project-book.ts";

const SCHEMA = `
create table if not exists project (id text primary key, json text not null, version integer not null,
  updated_at text not null, updated_by text not null);
create table if not exists project_change (id integer primary key, project text not null, op text not null,
  at text not null, who text not null, note text, json text not null);
create index if not exists project_change_by_project on project_change(project);
create table if not exists pipeline_setting (key text primary key, json text not null,
  updated_at text not null, updated_by text not null);
`;

/** Creates the pipeline's tables when they do not exist yet. */
export function pipelineSchema(db: Database.Database): void {
  db.exec(SCHEMA);
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

export function listProjects(db: Database.Database): Project[] {
  const rows = db.prepare("select id, json from project order by id").all() as Array<{
    id: string;
    json: string;
  }>;
  return rows.map((r) => parseStoredProject(r.json, `project ${r.id}`));
}

export function getProject(db: Database.Database, id: string): Project | undefined {
  const json = db.prepare("select json from project where id = ?").pluck().get(id) as string | undefined;
  return json === undefined ? undefined : parseStoredProject(json, `project ${id}`);
}

/** Reads every project, lets `change` compute one, writes it with its change row: one immediate transaction. */
export function writeProject(
  db: Database.Database,
  note: ProjectNote,
  change: (all: Project[]) => Project,
): Project {
  const run = db.transaction((): Project => {
    const next = Project.parse(change(listProjects(db)));
    const at = new Date().toISOString();
    const json = JSON.stringify(next);
    db.prepare(
      `insert into project (id, json, version, updated_at, updated_by) values (?, ?, 1, ?, ?)
       on conflict(id) do update set json = excluded.json, version = version + 1,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(next.id, json, at, note.who);
    db.prepare("insert into project_change (project, op, at, who, note, json) values (?, ?, ?, ?, ?, ?)").run(
      next.id,
      note.op,
      at,
      note.who,
      note.note ?? null,
      json,
    );
    return next;
  });
  return run.immediate();
}

const toChange = (r: ChangeRow): ProjectChange => ({
  id: r.id,
  project: r.project,
  op: r.op,
  at: r.at,
  who: r.who,
  note: r.note ?? undefined,
  after: parseStoredProject(r.json, `change #${r.id}`),
});

export function projectChanges(db: Database.Database, id: string): ProjectChange[] {
  const rows = db
    .prepare("select * from project_change where project = ? order by id")
    .all(id) as ChangeRow[];
  return rows.map(toChange);
}

export function readSetting(db: Database.Database, key: string): PipelineSetting | undefined {
  const r = db.prepare("select json, updated_at, updated_by from pipeline_setting where key = ?").get(key) as
    | { json: string; updated_at: string; updated_by: string }
    | undefined;
  return r && { json: JSON.parse(r.json), updatedAt: r.updated_at, updatedBy: r.updated_by };
}

export function writeSetting(db: Database.Database, key: string, json: unknown, who: string): void {
  db.prepare(
    `insert into pipeline_setting (key, json, updated_at, updated_by) values (?, ?, ?, ?)
     on conflict(key) do update set json = excluded.json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(key, JSON.stringify(json), new Date().toISOString(), who);
}

export function readPipeline(db: Database.Database): PipelineCopy {
  const projects = (
    db.prepare("select id, json, version, updated_at, updated_by from project order by id").all() as Array<{
      id: string;
      json: string;
      version: number;
      updated_at: string;
      updated_by: string;
    }>
  ).map((r) => ({
    project: parseStoredProject(r.json, `project ${r.id}`),
    version: r.version,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }));
  const changes = (db.prepare("select * from project_change order by id").all() as ChangeRow[]).map(toChange);
  const settings = (
    db.prepare("select key, json, updated_at, updated_by from pipeline_setting order by key").all() as Array<{
      key: string;
      json: string;
      updated_at: string;
      updated_by: string;
    }>
  ).map((r) => ({ key: r.key, json: JSON.parse(r.json), updatedAt: r.updated_at, updatedBy: r.updated_by }));
  return { projects, changes, settings };
}

/** Replaces every project, change record and setting with the copy's, in one transaction. */
export function replacePipeline(db: Database.Database, copy: PipelineCopy): void {
  db.transaction(() => {
    db.exec("delete from project; delete from project_change; delete from pipeline_setting;");
    const p = db.prepare(
      "insert into project (id, json, version, updated_at, updated_by) values (?, ?, ?, ?, ?)",
    );
    for (const x of copy.projects)
      p.run(x.project.id, JSON.stringify(Project.parse(x.project)), x.version, x.updatedAt, x.updatedBy);
    const c = db.prepare(
      "insert into project_change (id, project, op, at, who, note, json) values (?, ?, ?, ?, ?, ?, ?)",
    );
    for (const x of copy.changes)
      c.run(x.id, x.project, x.op, x.at, x.who, x.note ?? null, JSON.stringify(x.after));
    const s = db.prepare(
      "insert into pipeline_setting (key, json, updated_at, updated_by) values (?, ?, ?, ?)",
    );
    for (const x of copy.settings) s.run(x.key, JSON.stringify(x.json), x.updatedAt, x.updatedBy);
  }).immediate();
}
