// Where the Neo4j tests find their server: the one `npm run neo4j:start` runs, or $NEO4J_TEST_URL.
import { Neo4jStore } from "../../src/store/index.ts";

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
export function connectTestNeo4j(): Promise<Neo4jStore> {
  return Neo4jStore.connect(NEO4J_TEST_URL, NEO4J_TEST_CREDENTIALS);
}

/** The test server, emptied of every entity and all history. */
export async function emptyTestNeo4j(): Promise<Neo4jStore> {
  const store = await connectTestNeo4j();
  await store.dropAll();
  return store;
}
