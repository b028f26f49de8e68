// What push and pull do with the investment pipeline: the source's projects, change records and settings replace the
// target's whole; a source without any leaves the target's as they are (nothing is dropped for want of a copy).
import type { Store } from "../store/store.ts";

export interface PipelineCopied {
  projects: number;
  changes: number;
  settings: number;
  /** True when the source held no pipeline and the target's was left as it was. */
  kept: boolean;
}

export async function copyPipeline(from: Store, to: Store): Promise<PipelineCopied> {
  const copy = await from.readPipeline();
  const empty = copy.projects.length === 0 && copy.changes.length === 0 && copy.settings.length === 0;
  if (!empty) await to.replacePipeline(copy);
  return {
    projects: copy.projects.length,
    changes: copy.changes.length,
    settings: copy.settings.length,
    kept: empty,
  };
}

/** One line for the command's output. */
export function pipelineLine(c: PipelineCopied, target: string): string {
  return c.kept
    ? `pipeline: none to copy; ${target}'s projects and settings kept as they were\n`
    : `pipeline: ${c.projects} project(s), ${c.changes} change record(s), ${c.settings} setting(s) copied\n`;
}
