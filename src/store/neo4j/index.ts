// The Neo4j store and how to open it.
export { type Neo4jCredentials, type Neo4jOptions, Neo4jStore, STAGE_ABOVE } from "./neo4j-store.ts";
export { credentialsFromEnv, isNeo4jUrl, openNeo4j } from "./open-neo4j.ts";
