// The API's shapes as the web app reads them (the server returns the CLI's --json; see the contract).
export interface LName {
  zh: string;
  en?: string;
  aliases?: string[];
}
export interface ChainSummary {
  id: string;
  name: LName;
  stages: Record<string, number>;
  segments: number;
  localFirms: number;
  candidateFirms: number;
  supplyTies: number;
  leads: Array<{ id: string; name: string; post: string }>;
  masters: Array<{ id: string; name: string }>;
}
export interface FirmRef {
  id: string;
  name: LName;
  master: boolean;
}
export interface Finding {
  segment: { id: string; name: LName; stage: string; parent?: string };
  kind: string;
  severity: number;
  factors: Record<string, number>;
  localFirms: FirmRef[];
  externalSuppliers: FirmRef[];
  demandFirms?: FirmRef[];
  explanation: { zh: string; en: string };
}
export interface ChainGaps {
  chain: { id: string; name: LName };
  figures: {
    coverage: number;
    localSupplyShare: number;
    gapsByKind: Record<string, number>;
    observedTies?: number;
  };
  findings: Finding[];
}
export interface TargetRow {
  firm: { id: string; name: LName; country: string; tags: string[]; revenueMillions?: number };
  score: number;
  terms: Record<string, number>;
  gaps: string[];
  evidence: Array<{
    segment: string;
    grade: string;
    basis: string;
    confidence: number;
    via: string;
    detail: string;
  }>;
  explanation: { zh: string; en: string };
  aim?: string;
}
export interface GraphNode {
  key: string;
  kind: "segment" | "firm";
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  status?: string;
  local?: boolean;
  tags?: string[];
  region?: string;
  chain?: string;
  stage?: string;
}
export interface GraphEdge {
  key: string;
  source: string;
  target: string;
  kind: "FEEDS" | "IN_SEGMENT" | "SUPPLIES";
}
export interface Change {
  id: number | string;
  at: string;
  who: string;
  why?: string;
  op?: string;
  added?: number;
  changed?: number;
  removed?: number;
}
export interface Source {
  id: string;
  title: string;
  url?: string;
  publisher?: string;
  published?: string;
  read: string;
}
export interface List<T> {
  items: T[];
  total: number;
}
