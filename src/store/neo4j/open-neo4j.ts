// Which addresses name a Neo4j store, and the credentials to open one with (NEO4J_USER / NEO4J_PASSWORD).
import { OptionError } from "../../errors.ts";
import { type Neo4jCredentials, Neo4jStore } from "./neo4j-store.ts";

const SCHEMES = /^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^/\s]+\/?$/;

/** True for neo4j://, bolt://, neo4j+s:// (and +ssc) addresses. */
export function isNeo4jUrl(url: string): boolean {
  return SCHEMES.test(url);
}

/** Credentials from the environment: NEO4J_USER (default neo4j), NEO4J_PASSWORD, NEO4J_DATABASE. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): Neo4jCredentials {
  return {
    user: env.NEO4J_USER ?? "neo4j",
    password: env.NEO4J_PASSWORD ?? "",
    database: env.NEO4J_DATABASE || undefined,
  };
}

/** Opens the Neo4j store at `url`; a malformed address is an option error naming the accepted forms. */
export function openNeo4j(url: string, env: NodeJS.ProcessEnv = process.env): Promise<Neo4jStore> {
  if (!isNeo4jUrl(url))
    throw new OptionError(
      `--store ${JSON.stringify(url)}: expected a Neo4j address such as neo4j://host:7687, bolt://host:7687 or neo4j+s://host (use --db for a file)`,
    );
  return Neo4jStore.connect(url, credentialsFromEnv(env));
}
