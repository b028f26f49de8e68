// The pipeline's tables, kept beside the map's in the embedded store's SQLite file.
import type Database from "better-sqlite3";

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
export function ensureProjectTables(db: Database.Database): void {
  db.exec(SCHEMA);
}
