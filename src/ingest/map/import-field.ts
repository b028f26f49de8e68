// The fields an import row can fill, and the headers (Chinese and English) each is usually printed under.
import { z } from "zod";

export const ImportField = z.enum([
  "name",
  "nameEn",
  "aliases",
  "creditCode",
  "country",
  "province",
  "city",
  "region",
  "address",
  "products",
  "industry",
  "industryCode",
  "rank",
  "year",
  "revenue",
  "employees",
  "supplier",
  "customer",
  "product",
  "share",
  "period",
]);
export type ImportField = z.infer<typeof ImportField>;

/** Header texts per field, compared after normalising (lowercase, no spaces, no units in brackets). */
export const HEADER_ALIASES: Record<ImportField, readonly string[]> = {
  name: [
    "企业名称",
    "公司名称",
    "单位名称",
    "企业全称",
    "名称",
    "企业",
    "公司",
    "company",
    "companyname",
    "name",
    "firm",
    "enterprise",
  ],
  nameEn: ["英文名称", "英文名", "englishname", "nameen"],
  aliases: ["简称", "企业简称", "曾用名", "别名", "alias", "aliases", "alsoknownas"],
  creditCode: [
    "统一社会信用代码",
    "社会信用代码",
    "信用代码",
    "creditcode",
    "uscc",
    "unifiedsocialcreditcode",
  ],
  country: ["国家", "国家地区", "国家/地区", "国别", "country", "countryregion"],
  province: ["省份", "所在省份", "省", "province", "state"],
  city: ["城市", "所在城市", "所在地", "总部", "总部所在地", "city", "hqlocation", "headquarters"],
  region: ["所属区县", "区县", "所在区县", "县市区", "所属县市区", "所属地区", "属地", "district", "county"],
  address: ["地址", "注册地址", "企业地址", "经营地址", "address"],
  products: ["主营产品", "主要产品", "主导产品", "产品", "主营业务", "products", "mainproducts", "product"],
  industry: ["所属行业", "行业", "行业名称", "industry"],
  industryCode: ["行业代码", "国民经济行业代码", "行业分类代码", "industrycode", "gbtcode"],
  rank: ["排名", "名次", "排序", "rank", "ranking"],
  year: ["年份", "年度", "year"],
  revenue: ["营业收入", "营收", "销售收入", "主营业务收入", "营业总收入", "revenue", "revenues", "sales"],
  employees: ["员工人数", "从业人员", "职工人数", "从业人数", "员工数", "employees", "headcount"],
  supplier: ["供应商", "供应商名称", "供货企业", "配套企业", "supplier"],
  customer: ["采购方", "采购企业", "链主企业", "客户", "需求企业", "customer", "buyer"],
  product: ["采购产品", "供应产品", "配套产品", "产品名称", "item"],
  share: ["采购占比", "占比", "份额", "share"],
  period: ["合同期", "供货期", "期限", "period"],
};

/** A header as compared with the aliases: width-folded, lowercase, without spaces, units or punctuation. */
export function headerKey(h: string): string {
  return h
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[(（[【].*?[)）\]】]/g, "")
    .replace(/[\s_\-:：.*#]/g, "");
}
