// Starts the API (and the web app when built); on first start creates `admin`. The graph is read from the embedded
// store, or from Neo4j with `store` (projects and pipeline settings are kept with the graph; accounts stay in the
// embedded file --db names).
import type { AddressInfo } from "node:net";
import { StoreError } from "../errors.ts";
import { openAccounts } from "../store/accounts/index.ts";
import { EmbeddedStore } from "../store/embedded-store.ts";
import { openStore, storeFile } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { type AppOptions, createApp } from "./app.ts";
import { AtlasState } from "./atlas-state.ts";
import { warmGraphLayout } from "./routes/graph.ts";

export interface ServeOptions extends AppOptions {
  db?: string;
  /** A Neo4j address (neo4j://, bolt://, neo4j+s://) the graph is served from; defaults to $CHAIN_ATLAS_STORE. */
  store?: string | undefined;
  port?: number;
  host?: string;
  /** Where the one-time admin password is printed (default stdout). */
  announce?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  state: AtlasState;
  close(): Promise<void>;
}

export async function serve(opts: ServeOptions = {}): Promise<RunningServer> {
  const url = opts.store ?? process.env.CHAIN_ATLAS_STORE;
  const onCreate = (message: string) => process.stderr.write(`chain-atlas: ${message}\n`);
  // The graph store first: a Neo4j that cannot be reached stops the start before any file is made.
  const graph: Store | undefined = url
    ? await openStore({ store: url, seedIfEmpty: true, onCreate })
    : undefined;
  let store: EmbeddedStore;
  try {
    store = graph
      ? new EmbeddedStore(storeFile(opts), { create: true })
      : ((await openStore({ db: opts.db, create: true, seedIfEmpty: true, onCreate })) as EmbeddedStore);
  } catch (e) {
    await graph?.close();
    throw e;
  }
  if (!(store instanceof EmbeddedStore))
    throw new StoreError("the server keeps its accounts in an embedded store");
  const accounts = openAccounts(store.db);
  const say = opts.announce ?? ((line: string) => process.stdout.write(`${line}\n`));
  const password = await accounts.users.ensureAdmin();
  if (password)
    say(
      `first start: created user admin with the one-time password ${password}\n  (shown once; change it with: chain-atlas user reset admin)`,
    );
  // Projects kept in the local file by an older chain-atlas (which kept them beside the accounts) are not the graph
  // store's: say so once, and how to copy them, rather than serve a pipeline that looks emptied.
  if (graph) {
    const local = (await store.projects()).length;
    if (local > 0 && (await graph.projects()).length === 0)
      process.stderr.write(
        `chain-atlas: ${storeFile(opts)} holds ${local} project(s) the graph store does not; projects are now kept with the graph (copy them with chain-atlas --db ${storeFile(opts)} push --to URL --pipeline-only)\n`,
      );
  }
  const state = new AtlasState(store, accounts, {}, graph);
  const app = createApp(state, opts);
  const server = app.listen(opts.port ?? 3000, opts.host ?? "127.0.0.1");
  await new Promise<void>((ok, fail) => {
    server.once("listening", ok);
    server.once("error", (e) =>
      fail(new StoreError(`cannot listen on ${opts.host ?? "127.0.0.1"}:${opts.port ?? 3000}: ${e.message}`)),
    );
  });
  // Slow clients cannot hold a connection open forever; keep-alive for load (the bench) stays on.
  server.headersTimeout = 20_000;
  // Idle keep-alive connections stay longer than a client's pool keeps them (no reset on reuse).
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 60_000;
  warmGraphLayout(state);
  const a = server.address() as AddressInfo;
  const host = a.family === "IPv6" ? `[${a.address}]` : a.address;
  return {
    url: `http://${host}:${a.port}`,
    state,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => {
          void Promise.allSettled([store.close(), graph?.close()]).then(() => ok());
        });
      }),
  };
}
