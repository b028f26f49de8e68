// A SYNTHETIC dataset of any size for store tests: made-up firms in one made-up chain, no real facts.
import type { Dataset } from "../../src/model/index.ts";

/** `firms` synthetic firms, half local, each in one of 12 segments, with one tie each to the next firm. */
export function syntheticDataset(firms: number): Dataset {
  const segments = Array.from({ length: 12 }, (_, i) => ({
    id: `syn-seg-${i}`,
    chain: "syn-chain",
    name: { zh: `合成环节${i}`, en: `SYNTHETIC segment ${i}` },
    stage: (["upstream", "midstream", "downstream"] as const)[Math.floor(i / 4)]!,
    keywords: [],
    codes: [],
    weight: 1,
    sources: [],
  }));
  const src = ["syn-src"];
  return {
    region: {
      id: "syn-city",
      name: { zh: "合成市", en: "SYNTHETIC city" },
      province: "合成省",
      country: "CN",
    },
    regions: [
      { id: "syn-district", name: { zh: "合成区" }, kind: "district", parent: "syn-city", sources: [] },
    ],
    clusters: [],
    groups: [],
    officials: [],
    sources: [
      { id: "syn-src", title: "SYNTHETIC: generated for tests, not a real source", read: "2026-11-30" },
    ],
    chains: [
      { id: "syn-chain", name: { zh: "合成产业链", en: "SYNTHETIC chain" }, masters: [], sources: [] },
    ],
    segments,
    feeds: segments
      .slice(1)
      .map((s, i) => ({ from: segments[i]!.id, to: s.id, sources: [] }))
      .filter((f, i) => segments[i]!.stage !== "downstream" || f.to === ""),
    firms: Array.from({ length: firms }, (_, i) => ({
      id: `syn-firm-${i}`,
      name: { zh: `合成企业${i}`, en: `SYNTHETIC firm ${i}`, aliases: [] },
      location:
        i % 2 === 0 ? { country: "CN", region: "syn-district" } : { country: "CN", province: "合成省" },
      tags: [],
      products: [`合成产品${i % 50}`],
      codes: [],
      segments: [
        {
          segment: `syn-seg-${i % 12}`,
          grade: "strong" as const,
          basis: "observed" as const,
          confidence: 0.5,
          sources: src,
        },
      ],
      sources: src,
    })),
    ties: Array.from({ length: firms - 1 }, (_, i) => ({
      id: `syn-tie-${i}`,
      supplier: `syn-firm-${i + 1}`,
      customer: `syn-firm-${i}`,
      product: `合成产品${i % 50}`,
      basis: "observed" as const,
      confidence: 0.5,
      sources: src,
    })),
  };
}
