// The investment pipeline's persistence: projects with their change rows, and the bureau's settings.

export { PipelineSettings, type SettingStamp } from "./pipeline-settings.ts";
export { type ChangeNote, ProjectBook, type ProjectChange, projectIn } from "./project-book.ts";
