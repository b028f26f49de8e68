// The bureau's pipeline settings kept in the store: the rules' configuration and the yearly goals, with who/when.
import { StoreError } from "../../errors.ts";
import { PipelineConfig } from "../../model/pipeline-config.ts";
import { type ProgressGoal, ProgressGoals } from "../../model/progress-goal.ts";
import type { Store } from "../store.ts";

export interface SettingStamp {
  updatedAt: string;
  updatedBy: string;
}

export class PipelineSettings {
  constructor(private readonly store: Store) {}

  /** The stored configuration over the defaults (the defaults alone when none is stored). */
  async config(): Promise<PipelineConfig> {
    const r = await this.store.pipelineSetting("config");
    const parsed = PipelineConfig.safeParse(r?.json ?? {});
    if (!parsed.success)
      throw new StoreError(
        `the stored pipeline configuration is invalid: ${parsed.error.issues[0]?.message}`,
      );
    return parsed.data;
  }

  setConfig(config: PipelineConfig, who: string): Promise<void> {
    return this.store.setPipelineSetting("config", config, who);
  }

  async goals(): Promise<ProgressGoal[]> {
    const r = await this.store.pipelineSetting("goals");
    const parsed = ProgressGoals.safeParse({ goals: r?.json ?? [] });
    if (!parsed.success)
      throw new StoreError(`the stored goals are invalid: ${parsed.error.issues[0]?.message}`);
    return parsed.data.goals;
  }

  setGoals(goals: ReadonlyArray<ProgressGoal>, who: string): Promise<void> {
    return this.store.setPipelineSetting("goals", goals, who);
  }

  /** Who last changed a setting, and when. */
  async stamp(key: "config" | "goals"): Promise<SettingStamp | undefined> {
    const r = await this.store.pipelineSetting(key);
    return r && { updatedAt: r.updatedAt, updatedBy: r.updatedBy };
  }
}
