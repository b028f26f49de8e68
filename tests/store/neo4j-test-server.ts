// Where the Neo4j tests find their server: the one `npm run neo4j:start` runs, or $NEO4J_TEST_URL.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import neo4j, { type Driver } from "neo4j-driver";
import { type Neo4jOptions, Neo4jStore } from "../../src/store/neo4j/index.ts";

export const NEO4J_TEST_URL =
  process.env.NEO4J_TEST_URL ?? `bolt://127.0.0.1:${process.env.NEO4J_TEST_PORT ?? 7688}`;
export const NEO4J_TEST_CREDENTIALS = {
  user: process.env.NEO4J_TEST_USER ?? "neo4j",
  password: process.env.NEO4J_TEST_PASSWORD ?? "chain-atlas-test",
};

/** The env a child chain-atlas process needs to reach the test server. */
export const NEO4J_TEST_ENV = {
  NEO4J_USER: NEO4J_TEST_CREDENTIALS.user,
  NEO4J_PASSWORD: NEO4J_TEST_CREDENTIALS.password,
};

/** A connection to the test server; fails (never skips) when it is not running. */
export function connectTestNeo4j(options?: Neo4jOptions): Promise<Neo4jStore> {
  return Neo4jStore.connect(NEO4J_TEST_URL, NEO4J_TEST_CREDENTIALS, options);
}

/** A bare driver on the test server, for tests that look at the graph itself (plain numbers, not Integers). */
export function testDriver(): Driver {
  return neo4j.driver(
    NEO4J_TEST_URL,
    neo4j.auth.basic(NEO4J_TEST_CREDENTIALS.user, NEO4J_TEST_CREDENTIALS.password),
    { disableLosslessIntegers: true },
  );
}

/** The test server, emptied of every entity and all history. */
export async function emptyTestNeo4j(options?: Neo4jOptions): Promise<Neo4jStore> {
  const store = await connectTestNeo4j(options);
  await store.dropAll();
  return store;
}

/** `NEO4J_TEST_URL` with the test credentials inside it (neo4j://user:password@host:port). */
export const NEO4J_TEST_URL_WITH_CREDENTIALS = NEO4J_TEST_URL.replace(
  "://",
  `://${encodeURIComponent(NEO4J_TEST_CREDENTIALS.user)}:${encodeURIComponent(NEO4J_TEST_CREDENTIALS.password)}@`,
);

const LOCK = join(tmpdir(), `chain-atlas-neo4j-test-${NEO4J_TEST_URL.replace(/\W+/g, "_")}.lock`);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Holds the test server's one database for a test file (the files run in parallel processes, and each empties
 * the database): waits for the lock, takes it, and returns its release. A lock whose process died is taken over.
 */
export async function lockTestNeo4j(waitMs = 900_000): Promise<() => void> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, "pid"), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let holder = Number.NaN;
    try {
      holder = Number(readFileSync(join(LOCK, "pid"), "utf8"));
    } catch {
      // Just made, its pid not written yet.
    }
    if (Number.isInteger(holder) && holder > 0 && !alive(holder))
      rmSync(LOCK, { recursive: true, force: true });
    else if (Date.now() > until) throw new Error(`the test Neo4j stayed locked by ${LOCK} for ${waitMs} ms`);
    else await new Promise((r) => setTimeout(r, 250));
  }
}
