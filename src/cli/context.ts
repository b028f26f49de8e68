// What every command gets: the global options and a way to open the store once.
import type { Command } from "commander";
import type { AtlasGraph } from "../graph/index.ts";
import type { Dataset } from "../model/index.ts";
import type { Store } from "../store/index.ts";

export interface GlobalOptions {
  db?: string;
  json?: boolean;
  lang?: string;
}

export class CliContext {
  private store: Store | undefined;
  // One command reads the store once: the dataset and its graph are kept for the command's run.
  private loaded: Dataset | undefined;
  private built: AtlasGraph | undefined;
  constructor(private readonly program: Command) {}

  get options(): GlobalOptions {
    return this.program.opts<GlobalOptions>();
  }

  /** The language of tables and messages: zh (default) or en. */
  get lang(): "zh" | "en" {
    return this.options.lang === "en" ? "en" : "zh";
  }

  get json(): boolean {
    return this.options.json === true;
  }

  /**
   * Opens the store once. Read-only commands open an existing store only; `start` ("fill") and `import`
   * ("create") may create it, and say where on stderr.
   */
  async openStore(mode: "read" | "create" | "fill" = "read"): Promise<Store> {
    // Loaded on first use: `--version` and `--help` start without SQLite, YAML or the graph library.
    const { openStore } = await import("../store/index.ts");
    this.store ??= await openStore({
      db: this.options.db,
      create: mode !== "read",
      seedIfEmpty: mode === "fill",
      onCreate: (message) => process.stderr.write(`chain-atlas: ${message}\n`),
    });
    return this.store;
  }

  async dataset(): Promise<Dataset> {
    this.loaded ??= await (await this.openStore()).loadDataset();
    return this.loaded;
  }

  async graph(): Promise<AtlasGraph> {
    const { buildGraph } = await import("../graph/index.ts");
    this.built ??= buildGraph(await this.dataset());
    return this.built;
  }

  async close(): Promise<void> {
    await this.store?.close();
    this.store = undefined;
  }
}
