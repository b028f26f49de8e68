// Users with argon2id password hashes; the first start creates `admin` with a one-time password.
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type Database from "better-sqlite3";
import { NotFoundError, ValidationError } from "../../errors.ts";
import { ensureAccountTables } from "./account-tables.ts";
import type { NewUser, Role, User, UserPatch } from "./user-model.ts";

interface UserRow {
  username: string;
  hash: string;
  role: Role;
  chains: string | null;
  county: string | null;
}

const toUser = (r: UserRow): User => ({
  username: r.username,
  role: r.role,
  ...(r.chains ? { chains: JSON.parse(r.chains) as string[] } : {}),
  ...(r.county ? { county: r.county } : {}),
});

// A hash to verify against when the user does not exist, so a wrong name costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export class Users {
  private readonly byName: Database.Statement;

  constructor(private readonly db: Database.Database) {
    ensureAccountTables(db);
    this.byName = db.prepare("select * from account_user where username = ?");
  }

  count(): number {
    return this.db.prepare("select count(*) from account_user").pluck().get() as number;
  }

  list(): User[] {
    return (this.db.prepare("select * from account_user order by username").all() as UserRow[]).map(toUser);
  }

  get(username: string): User | undefined {
    const r = this.byName.get(username) as UserRow | undefined;
    return r ? toUser(r) : undefined;
  }

  require(username: string): User {
    const u = this.get(username);
    if (!u) throw new NotFoundError(`no user ${JSON.stringify(username)}`);
    return u;
  }

  async add(u: NewUser): Promise<User> {
    if (this.get(u.username))
      throw new ValidationError(
        [
          {
            path: "username",
            rule: "unique",
            message: `found ${JSON.stringify(u.username)}; the user exists`,
          },
        ],
        "user",
      );
    this.db
      .prepare(
        "insert into account_user (username, hash, role, chains, county, created_at) values (?, ?, ?, ?, ?, ?)",
      )
      .run(
        u.username,
        await hash(u.password),
        u.role,
        u.chains ? JSON.stringify(u.chains) : null,
        u.county ?? null,
        new Date().toISOString(),
      );
    return this.require(u.username);
  }

  async update(username: string, p: UserPatch): Promise<User> {
    const cur = this.require(username);
    const pwHash = p.password ? await hash(p.password) : undefined;
    const chains = p.chains ?? cur.chains;
    const county = p.county === null ? undefined : (p.county ?? cur.county);
    this.db
      .prepare(
        "update account_user set role = ?, chains = ?, county = ?, hash = coalesce(?, hash) where username = ?",
      )
      .run(
        p.role ?? cur.role,
        chains ? JSON.stringify(chains) : null,
        county ?? null,
        pwHash ?? null,
        username,
      );
    if (pwHash) this.db.prepare("delete from account_session where username = ?").run(username);
    return this.require(username);
  }

  remove(username: string): void {
    this.require(username);
    this.db.prepare("delete from account_user where username = ?").run(username);
  }

  /** The user when the password is right, else undefined (constant work either way). */
  async check(username: string, password: string): Promise<User | undefined> {
    const r = this.db.prepare("select * from account_user where username = ?").get(username) as
      | UserRow
      | undefined;
    if (!r) {
      dummyHash ??= hash(randomBytes(16).toString("hex"));
      await verify(await dummyHash, password).catch(() => false);
      return undefined;
    }
    return (await verify(r.hash, password).catch(() => false)) ? toUser(r) : undefined;
  }

  /** On a store with no users: creates `admin` with a random password and returns it (shown once). */
  async ensureAdmin(): Promise<string | undefined> {
    if (this.count() > 0) return undefined;
    const password = newPassword();
    await this.add({ username: "admin", password, role: "admin" });
    return password;
  }
}

/** A random password that is easy to type: 16 characters from an unambiguous alphabet. */
export function newPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join("");
}
