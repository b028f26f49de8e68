// How a chain-master designation reads: its level and the body that named it (县级链主型企业（桐乡经济开发区）).
import type { MasterLevel } from "../../model/index.ts";

type Lang = "zh" | "en";

const LEVEL: Record<Lang, Record<MasterLevel, string>> = {
  zh: {
    city: "市级链主企业",
    county: "县级链主型企业",
    zone: "园区级链主型企业",
    assumed: "链主（演示假设，无公开认定）",
  },
  en: {
    city: "city-level chain master",
    county: "county-level chain master",
    zone: "zone-level chain master",
    assumed: "chain master (demo assumption, no public designation)",
  },
};

/** The designation as printed: level, then the issuing body in brackets; a master of unknown level says so. */
export function masterDesignation(
  m: { level?: MasterLevel | undefined; issuer?: string | undefined },
  lang: Lang,
): string {
  const level = m.level
    ? LEVEL[lang][m.level]
    : lang === "en"
      ? "chain master (level not stated)"
      : "链主企业（级别未注明）";
  if (!m.issuer || m.level === "assumed") return level;
  return lang === "en" ? `${level} (${m.issuer})` : `${level}（${m.issuer}）`;
}
