// The fishbone SVG is well-formed XML, escapes every string, and says when gap analysis was not supplied.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildGraph, chainsOf } from "../../src/graph/index.ts";
import { fishboneInputOf } from "../../src/render/fishbone/fishbone-input.ts";
import { escapeXml, renderFishboneSvg } from "../../src/render/fishbone/fishbone-svg.ts";
import { smallChain, syntheticChain } from "./fishbone-fixtures.ts";
import { shippedSeed } from "./seed-chains.ts";

/** Every text node of the SVG, tspans joined, in document order. */
function texts(svg: string): string[] {
  const doc = new XMLParser({ ignoreAttributes: true, preserveOrder: true, trimValues: false }).parse(svg);
  const out: string[] = [];
  const walk = (nodes: Array<Record<string, unknown>>, inText: boolean, acc: string[]) => {
    for (const n of nodes)
      for (const [k, v] of Object.entries(n)) {
        if (k === "#text") acc.push(String(v));
        else if (k === "text") {
          const parts: string[] = [];
          walk(v as Array<Record<string, unknown>>, true, parts);
          out.push(parts.join(""));
        } else if (Array.isArray(v)) walk(v as Array<Record<string, unknown>>, inText, acc);
      }
  };
  walk(doc, false, []);
  return out;
}

describe("the fishbone SVG", () => {
  it("parses as XML, for the small chain, a SYNTHETIC 40-segment chain and every shipped chain", () => {
    expect(XMLValidator.validate(renderFishboneSvg(smallChain()))).toBe(true);
    expect(XMLValidator.validate(renderFishboneSvg(syntheticChain(40, 300)))).toBe(true);
    const ds = shippedSeed();
    const g = buildGraph(ds);
    for (const c of chainsOf(g))
      expect(XMLValidator.validate(renderFishboneSvg(fishboneInputOf(g, c.id, { date: "2026-12-01" })))).toBe(
        true,
      );
  });

  it('renders a firm named <script>&" as text, not markup', () => {
    const svg = renderFishboneSvg(smallChain());
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;script&gt;&amp;&quot;");
    expect(texts(svg).some((t) => t.includes('<script>&"'))).toBe(true);
  });

  it("escapes the title, the source line and the chain name too", () => {
    const hostile = smallChain({
      title: "A & B <b>",
      source: "来源 </svg> \u0001",
      chain: { id: "x", name: { zh: "链'&\"" } },
    });
    const svg = renderFishboneSvg(hostile);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(texts(svg)).toEqual(expect.arrayContaining(["链'&\"", "来源 </svg>"]));
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });

  it("carries the title, the date, the legend and the data-source line", () => {
    const t = texts(renderFishboneSvg(smallChain()));
    expect(t).toEqual(
      expect.arrayContaining([
        "示例市示例产业链鱼骨图",
        "制图日期：2026-12-01",
        "图例",
        "数据来源：测试用示例数据（非真实）。",
      ]),
    );
    expect(t).toEqual(
      expect.arrayContaining([
        "缺链：无本地企业",
        "弱链：本地企业少或规模小",
        "外部依赖：本地企业从市外采购",
        "单一来源：本地企业所需供应只来自一家供应商",
      ]),
    );
  });

  it("says in the legend when gap analysis was not supplied, and lists only missing and covered", () => {
    const t = texts(renderFishboneSvg(smallChain({ gapAnalysis: false })));
    expect(t.some((x) => x.startsWith("注：未提供缺口分析"))).toBe(true);
    expect(t).not.toContain("弱链：本地企业少或规模小");
  });

  it("bolds chain masters and marks them with ★", () => {
    const svg = renderFishboneSvg(smallChain());
    expect(svg).toMatch(/<tspan[^>]*font-weight="bold"[^>]*>★链主集团<\/tspan>/);
  });

  it("speaks English with --lang en", () => {
    const t = texts(renderFishboneSvg(smallChain({ lang: "en", title: "Demo chain — fishbone map" })));
    expect(t).toEqual(
      expect.arrayContaining(["Upstream", "Midstream", "Downstream", "Demo chain", "Legend"]),
    );
  });
});
