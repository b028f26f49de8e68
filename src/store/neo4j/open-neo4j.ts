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

/**
 * Splits `neo4j://user:pass@host:7687` into the address without credentials (the one messages show) and the
 * user and password it names (percent-decoded); an address without them is returned as is.
 */
export function splitCredentials(url: string): { url: string; user?: string; password?: string } {
  const m = /^([a-z0-9+]+:\/\/)([^@/\s]*)@(.*)$/i.exec(url);
  if (!m) return { url };
  const [user, ...rest] = m[2]!.split(":");
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return {
    url: `${m[1]}${m[3]}`,
    user: user ? decode(user) : undefined,
    password: rest.length > 0 ? decode(rest.join(":")) : undefined,
  };
}

/**
 * Opens the Neo4j store at `url` (credentials in the address win over the environment); a malformed address is
 * an option error naming the accepted forms.
 */
export function openNeo4j(url: string, env: NodeJS.ProcessEnv = process.env): Promise<Neo4jStore> {
  const split = splitCredentials(url);
  if (!isNeo4jUrl(split.url))
    throw new OptionError(
      `--store ${JSON.stringify(split.url)}: expected a Neo4j address such as neo4j://host:7687, bolt://host:7687, neo4j+s://host or neo4j://user:password@host:7687 (use --db for a file)`,
    );
  const fromEnv = credentialsFromEnv(env);
  return Neo4jStore.connect(split.url, {
    ...fromEnv,
    user: split.user ?? fromEnv.user,
    password: split.password ?? fromEnv.password,
  });
}
