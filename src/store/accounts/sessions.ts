// Sign-in sessions: a random cookie value (only its SHA-256 is stored) and the session's CSRF token.
import { createHash, randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import { ensureAccountTables } from "./account-tables.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export interface SessionHandle {
  /** The cookie value (shown to the browser only). */
  token: string;
  csrf: string;
  expiresAt: string;
}

export class Sessions {
  constructor(
    private readonly db: Database.Database,
    private readonly ttlMs = 12 * 3600 * 1000,
  ) {
    ensureAccountTables(db);
  }

  open(username: string): SessionHandle {
    const token = randomBytes(32).toString("base64url");
    const csrf = randomBytes(24).toString("base64url");
    const now = Date.now();
    const expiresAt = new Date(now + this.ttlMs).toISOString();
    this.db.prepare("delete from account_session where expires_at < ?").run(new Date(now).toISOString());
    this.db
      .prepare(
        "insert into account_session (id, username, csrf, created_at, expires_at) values (?, ?, ?, ?, ?)",
      )
      .run(sha256(token), username, csrf, new Date(now).toISOString(), expiresAt);
    return { token, csrf, expiresAt };
  }

  /** The session's user and CSRF token, when the cookie value names a live session. */
  find(token: string): { username: string; csrf: string } | undefined {
    return this.db
      .prepare("select username, csrf from account_session where id = ? and expires_at > ?")
      .get(sha256(token), new Date().toISOString()) as { username: string; csrf: string } | undefined;
  }

  close(token: string): void {
    this.db.prepare("delete from account_session where id = ?").run(sha256(token));
  }
}
