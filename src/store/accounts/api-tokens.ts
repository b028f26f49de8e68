// API tokens for scripts: shown once at creation, stored as SHA-256 (they carry 256 random bits).
import { createHash, randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import { NotFoundError } from "../../errors.ts";
import { ensureAccountTables } from "./account-tables.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export interface ApiToken {
  id: number;
  name: string;
  username: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A token's last use is written at most this often (reads under load do not each write). */
export const LAST_USED_EVERY_MS = 60_000;

export class ApiTokens {
  private readonly byHash: Database.Statement;
  private readonly markUsed: Database.Statement;
  /** When each token's last use was last written (by id). */
  private readonly written = new Map<number, number>();

  constructor(
    private readonly db: Database.Database,
    /** How often a token's last use is written at most (ms). */
    private readonly lastUsedEveryMs = LAST_USED_EVERY_MS,
  ) {
    ensureAccountTables(db);
    this.byHash = db.prepare(
      "select id, username, last_used_at as lastUsedAt from account_token where hash = ?",
    );
    this.markUsed = db.prepare("update account_token set last_used_at = ? where id = ?");
  }

  create(username: string, name: string): { token: string; info: ApiToken } {
    const token = `cat_${randomBytes(32).toString("base64url")}`;
    const { lastInsertRowid } = this.db
      .prepare("insert into account_token (username, name, hash, created_at) values (?, ?, ?, ?)")
      .run(username, name, sha256(token), new Date().toISOString());
    return { token, info: this.get(Number(lastInsertRowid))! };
  }

  private get(id: number): ApiToken | undefined {
    return this.db
      .prepare(
        "select id, name, username, created_at as createdAt, last_used_at as lastUsedAt from account_token where id = ?",
      )
      .get(id) as ApiToken | undefined;
  }

  list(username?: string): ApiToken[] {
    const sql =
      "select id, name, username, created_at as createdAt, last_used_at as lastUsedAt from account_token";
    return (
      username === undefined
        ? this.db.prepare(`${sql} order by id`).all()
        : this.db.prepare(`${sql} where username = ? order by id`).all(username)
    ) as ApiToken[];
  }

  /** Revokes a token; a user may revoke only his or her own unless `anyUser`. */
  remove(id: number, username: string, anyUser: boolean): void {
    const t = this.get(id);
    if (!t || (!anyUser && t.username !== username)) throw new NotFoundError(`no API token ${id}`);
    this.db.prepare("delete from account_token where id = ?").run(id);
    this.written.delete(id);
  }

  /**
   * The user a bearer token belongs to; records the use (`lastUsedAt`), written at most once per
   * `lastUsedEveryMs` per token.
   */
  find(token: string, now: Date = new Date()): string | undefined {
    const row = this.byHash.get(sha256(token)) as
      | { id: number; username: string; lastUsedAt: string | null }
      | undefined;
    if (!row) return undefined;
    const t = now.getTime();
    const last = this.written.get(row.id) ?? (row.lastUsedAt ? Date.parse(row.lastUsedAt) : Number.NaN);
    if (!(t - last < this.lastUsedEveryMs)) {
      this.markUsed.run(now.toISOString(), row.id);
      this.written.set(row.id, t);
    }
    return row.username;
  }
}
