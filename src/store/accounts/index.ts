// Accounts kept in the embedded store's file: users, sessions, API tokens, report comments and sign-offs.
import type Database from "better-sqlite3";
import { ApiTokens } from "./api-tokens.ts";
import { ReportNotebook } from "./report-notes.ts";
import { Sessions } from "./sessions.ts";
import { Users } from "./users.ts";

export { type ApiToken, ApiTokens } from "./api-tokens.ts";
export { lastChangeOf } from "./entity-changes.ts";
export { type ReportComment, ReportNotebook, type ReportNotes, type ReportSignoff } from "./report-notes.ts";
export { type SessionHandle, Sessions } from "./sessions.ts";
export * from "./user-model.ts";
export { newPassword, Users } from "./users.ts";

export interface Accounts {
  users: Users;
  sessions: Sessions;
  tokens: ApiTokens;
  notes: ReportNotebook;
}

export function openAccounts(db: Database.Database): Accounts {
  return {
    users: new Users(db),
    sessions: new Sessions(db),
    tokens: new ApiTokens(db),
    notes: new ReportNotebook(db),
  };
}
