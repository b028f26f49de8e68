// The vocabulary of gap analysis: kinds of gap, the factors of severity, a finding per segment.
import type { LocalizedName, Stage } from "../../model/index.ts";

/**
 * missing: no local firm · weak: too few / too small local firms for local demand ·
 * external: local firms buy it from outside the city · single-source: one supplier serves local demand ·
 * covered: none of these.
 */
export type GapKind = "missing" | "weak" | "external" | "single-source" | "covered";
export const GAP_KINDS: ReadonlyArray<GapKind> = ["missing", "weak", "external", "single-source", "covered"];

/** Kinds from worst to best: what a parent segment shows when its sub-segments differ. */
export const GAP_KINDS_WORST_FIRST: ReadonlyArray<GapKind> = [
  "missing",
  "external",
  "single-source",
  "weak",
  "covered",
];

/** The worse of two kinds. */
export const worseKind = (a: GapKind, b: GapKind): GapKind =>
  GAP_KINDS_WORST_FIRST.indexOf(a) <= GAP_KINDS_WORST_FIRST.indexOf(b) ? a : b;

/** The sub-segments of a parent segment, rolled up. */
export interface ChildKinds {
  /** The worst kind among the parent itself and its sub-segments: what the parent is drawn as. */
  worst: GapKind;
  /** Sub-segments per kind. */
  counts: Record<GapKind, number>;
  /** True when the sub-segments are not all of one kind. */
  mixed: boolean;
}

/** Each factor in [0, 1]; severity is their weighted combination. */
export interface GapFactors {
  /** Local demand: downstream local firms that need this segment, chain masters weighted up. */
  demand: number;
  /** 1 − local supply share of the segment's product, from supply ties. */
  deficiency: number;
  /** HHI of the segment's suppliers to local firms (single source = 1). */
  concentration: number;
  /** Betweenness of the segment in the chain's FEEDS flow, normalised. */
  position: number;
  /** The bureau's strategic weight, normalised. */
  strategic: number;
}

export interface FirmRef {
  id: string;
  name: LocalizedName;
  master: boolean;
}

export interface GapFinding {
  segment: { id: string; name: LocalizedName; stage: Stage; parent?: string | undefined };
  kind: GapKind;
  severity: number;
  factors: GapFactors;
  localFirms: FirmRef[];
  /** Suppliers outside the city that serve local firms in this segment. */
  externalSuppliers: FirmRef[];
  /** Local firms that need this segment: in segments it feeds, or buying it through a tie. */
  demandFirms?: FirmRef[];
  /** Supply ties into local firms observed for this segment. */
  ties?: number;
  explanation: { zh: string; en: string };
  /** Only for a parent segment: its sub-segments' kinds (the parent's own kind counts its whole subtree). */
  children?: ChildKinds;
}

export interface ChainFigures {
  /** Share of segments with at least one local firm. */
  coverage: number;
  /** Share of observed supply ties into local firms that come from local suppliers. */
  localSupplyShare: number;
  gapsByKind: Record<GapKind, number>;
  /** Supply ties into local firms behind `localSupplyShare` (0 means the share is unknown). */
  observedTies?: number;
  /** Of those, ties whose supplier is local. */
  localTies?: number;
  /** Segments with at least one observed tie into a local firm. */
  segmentsWithTies?: number;
}

export interface ChainGaps {
  chain: { id: string; name: LocalizedName };
  figures: ChainFigures;
  findings: GapFinding[];
}
