// The accounts' tables, kept beside the map's in the embedded store's SQLite file.
import type Database from "better-sqlite3";

const SCHEMA = `
create table if not exists account_user (username text primary key, hash text not null, role text not null,
  chains text, county text, created_at text not null);
create table if not exists account_session (id text primary key, username text not null references account_user(username) on delete cascade,
  csrf text not null, created_at text not null, expires_at text not null);
create table if not exists account_token (id integer primary key, username text not null references account_user(username) on delete cascade,
  name text not null, hash text not null unique, created_at text not null, last_used_at text);
create table if not exists report_comment (id integer primary key, chain text not null, who text not null, at text not null, text text not null);
create index if not exists report_comment_by_chain on report_comment(chain);
create table if not exists report_signoff (id integer primary key, chain text not null, who text not null, at text not null, note text);
create index if not exists report_signoff_by_chain on report_signoff(chain);
`;

/** Creates the accounts' tables when they do not exist yet. */
export function ensureAccountTables(db: Database.Database): void {
  db.exec(SCHEMA);
}
