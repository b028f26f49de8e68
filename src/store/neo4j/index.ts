// The Neo4j store and how to open it.
export { type Neo4jCredentials, Neo4jStore } from "./neo4j-store.ts";
export { credentialsFromEnv, isNeo4jUrl, openNeo4j } from "./open-neo4j.ts";
