// Driver errors as one-line StoreErrors, and retries of a transaction on transient errors.
import neo4j from "neo4j-driver";
import { AtlasError, StoreError } from "../../errors.ts";

/** Where a store talks to, for messages. */
export interface Endpoint {
  url: string;
  user: string;
}

/** One line saying what went wrong with the server at `at`, and what to do about it. */
export function storeError(e: unknown, at: Endpoint, doing?: string): AtlasError {
  if (e instanceof AtlasError) return e;
  const err = e as { code?: string; message?: string };
  const first = String(err.message ?? e).split("\n")[0]!;
  if (
    err.code === "Neo.ClientError.Security.Unauthorized" ||
    err.code === "Neo.ClientError.Security.AuthenticationRateLimit"
  )
    return new StoreError(
      `Neo4j at ${at.url} refused user "${at.user}": wrong user or password (set NEO4J_USER and NEO4J_PASSWORD)`,
    );
  if (err.code === "ServiceUnavailable" || err.code === "SessionExpired") {
    const cause = /Caused by: (.*)$/.exec(first)?.[1] ?? first;
    return new StoreError(
      `cannot reach Neo4j at ${at.url}: ${cause} (is the server running? npm run neo4j:start)`,
    );
  }
  return new StoreError(`${doing ? `${doing}: ` : ""}Neo4j at ${at.url}: ${first}`);
}

const ATTEMPTS = 5;

/** Runs `work` again (with a short growing pause) while it fails with an error the driver marks transient. */
export async function withRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (attempt >= ATTEMPTS || !neo4j.isRetryableError(e as Error)) throw e;
      await new Promise((r) => setTimeout(r, 50 * 2 ** attempt + Math.random() * 50));
    }
  }
}
