// How each list a firm can be on is called, in Chinese and English.
import type { LocalizedName } from "./common.ts";
import type { ListName } from "./firm.ts";

export const LIST_LABELS: Record<ListName, Required<LocalizedName>> = {
  "fortune-global-500": { zh: "世界500强", en: "Fortune Global 500" },
  "china-500": { zh: "中国500强", en: "China 500" },
  "china-private-500": { zh: "民营500强", en: "China private 500" },
  "little-giant": { zh: "专精特新小巨人", en: "little giant" },
  "single-champion": { zh: "单项冠军", en: "single-item champion" },
  "hidden-champion": { zh: "隐形冠军", en: "hidden champion" },
  listed: { zh: "上市公司", en: "listed" },
  multinational: { zh: "跨国公司", en: "multinational" },
  hq: { zh: "总部企业", en: "HQ" },
  "foreign-rd-centre": { zh: "外资研发中心", en: "foreign R&D centre" },
};
