// The bureau's pipeline settings kept in the store: the rules' configuration and the yearly goals, with who/when.
import type Database from "better-sqlite3";
import { StoreError } from "../../errors.ts";
import { PipelineConfig } from "../../model/pipeline-config.ts";
import { type ProgressGoal, ProgressGoals } from "../../model/progress-goal.ts";
import { EmbeddedStore } from "../embedded-store.ts";
import type { Store } from "../store.ts";
import { ensureProjectTables } from "./project-tables.ts";

export interface SettingStamp {
  updatedAt: string;
  updatedBy: string;
}

export class PipelineSettings {
  private readonly db: Database.Database;

  constructor(store: Store) {
    if (!(store instanceof EmbeddedStore))
      throw new StoreError("pipeline settings are kept in the embedded store only (for now)");
    this.db = store.db;
    ensureProjectTables(this.db);
  }

  private read(key: string): { json: unknown; stamp: SettingStamp } | undefined {
    const r = this.db
      .prepare("select json, updated_at, updated_by from pipeline_setting where key = ?")
      .get(key) as { json: string; updated_at: string; updated_by: string } | undefined;
    return r && { json: JSON.parse(r.json), stamp: { updatedAt: r.updated_at, updatedBy: r.updated_by } };
  }

  private write(key: string, value: unknown, who: string): void {
    this.db
      .prepare(
        `insert into pipeline_setting (key, json, updated_at, updated_by) values (?, ?, ?, ?)
         on conflict(key) do update set json = excluded.json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(key, JSON.stringify(value), new Date().toISOString(), who);
  }

  /** The stored configuration over the defaults (the defaults alone when none is stored). */
  config(): PipelineConfig {
    const r = this.read("config");
    const parsed = PipelineConfig.safeParse(r?.json ?? {});
    if (!parsed.success)
      throw new StoreError(
        `the stored pipeline configuration is invalid: ${parsed.error.issues[0]?.message}`,
      );
    return parsed.data;
  }

  setConfig(config: PipelineConfig, who: string): void {
    this.write("config", config, who);
  }

  goals(): ProgressGoal[] {
    const parsed = ProgressGoals.safeParse({ goals: this.read("goals")?.json ?? [] });
    if (!parsed.success)
      throw new StoreError(`the stored goals are invalid: ${parsed.error.issues[0]?.message}`);
    return parsed.data.goals;
  }

  setGoals(goals: ReadonlyArray<ProgressGoal>, who: string): void {
    this.write("goals", goals, who);
  }

  /** Who last changed a setting, and when. */
  stamp(key: "config" | "goals"): SettingStamp | undefined {
    return this.read(key)?.stamp;
  }
}
