// Test data for the pipeline (SYNTHETIC: every firm, county and project here is made up).
import type { Firm } from "../../src/model/index.ts";
import { DEFAULT_PIPELINE_CONFIG, type PipelineConfig } from "../../src/model/pipeline-config.ts";
import type { Project } from "../../src/model/project.ts";
import { firmIndex, type NewProject, registerProject } from "../../src/pipeline/index.ts";

export const config: PipelineConfig = DEFAULT_PIPELINE_CONFIG;

const firm = (f: Partial<Firm> & Pick<Firm, "id" | "name" | "location">): Firm => ({
  tags: [],
  products: [],
  codes: [],
  segments: [],
  sources: [],
  assumed: true,
  ...f,
});

/** A foreign Global-500 group, a domestic group, and a local firm (all fictional). */
export const FIRMS: Firm[] = [
  firm({
    id: "beispiel-antriebe",
    name: { zh: "拜斯皮尔驱动", en: "Beispiel Antriebe AG", aliases: ["Beispiel Drives"] },
    location: { country: "DE" },
    tags: [{ list: "fortune-global-500", year: 2024, sources: [] }],
  }),
  firm({
    id: "shili-glass",
    name: { zh: "示例玻璃集团股份有限公司", aliases: [] },
    location: { country: "CN", province: "安徽省" },
  }),
  firm({
    id: "east-modules",
    name: { zh: "东区组件有限公司", aliases: [] },
    location: { country: "CN", province: "浙江省", city: "示例市", region: "east" },
  }),
];
export const firms = firmIndex(FIRMS);

let n = 0;
/** A report draft with defaults: a 2 bn yuan project of the domestic glass group, owned by `west`. */
export function draft(over: Partial<NewProject> = {}): NewProject {
  n++;
  return {
    id: `p-${n}`,
    investor: { firm: "shili-glass", name: "示例玻璃集团股份有限公司" },
    gaps: [{ segment: "pv-glass", aim: "fill" }],
    region: "west",
    owner: "west",
    amount: { millions: 2000, currency: "CNY" },
    assumed: true,
    ...over,
  };
}

export const by = (at: string, who = "tester") => ({ at, who });

/** Registers a draft against the given projects with the default configuration. */
export function report(d: NewProject, at: string, existing: Project[] = [], cfg = config): Project {
  return registerProject(d, existing, firms, by(at), cfg);
}
