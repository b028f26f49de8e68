// Starts the API (and the web app when built) on the embedded store; on first start creates `admin`.
import type { AddressInfo } from "node:net";
import { StoreError } from "../errors.ts";
import { openAccounts } from "../store/accounts/index.ts";
import { EmbeddedStore } from "../store/embedded-store.ts";
import { openStore } from "../store/open-store.ts";
import { type AppOptions, createApp } from "./app.ts";
import { AtlasState } from "./atlas-state.ts";
import { warmGraphLayout } from "./routes/graph.ts";

export interface ServeOptions extends AppOptions {
  db?: string;
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
  const store = await openStore({
    db: opts.db,
    create: true,
    seedIfEmpty: true,
    onCreate: (message) => process.stderr.write(`chain-atlas: ${message}\n`),
  });
  if (!(store instanceof EmbeddedStore)) throw new StoreError("the server runs on the embedded store only");
  const accounts = openAccounts(store.db);
  const say = opts.announce ?? ((line: string) => process.stdout.write(`${line}\n`));
  const password = await accounts.users.ensureAdmin();
  if (password)
    say(
      `first start: created user admin with the one-time password ${password}\n  (shown once; change it with: chain-atlas user reset admin)`,
    );
  const state = new AtlasState(store, accounts);
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
          void store.close().then(ok, ok);
        });
      }),
  };
}
