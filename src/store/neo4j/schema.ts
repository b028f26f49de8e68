// Uniqueness constraints and indexes, created on connect; every statement is idempotent (IF NOT EXISTS).
import { NODE_LABELS } from "./graph-shape.ts";

const UNIQUE_IDS = [...Object.values(NODE_LABELS), "ChangeSet"].map(
  (label) =>
    `CREATE CONSTRAINT atlas_${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
);

/** The statements `Neo4jStore.connect` runs, each in its own schema transaction. */
export const SCHEMA_STATEMENTS: ReadonlyArray<string> = [
  ...UNIQUE_IDS,
  "CREATE CONSTRAINT atlas_meta_key IF NOT EXISTS FOR (n:AtlasMeta) REQUIRE n.key IS UNIQUE",
  "CREATE CONSTRAINT atlas_supplies_id IF NOT EXISTS FOR ()-[r:SUPPLIES]-() REQUIRE r.id IS UNIQUE",
  "CREATE INDEX atlas_feeds_id IF NOT EXISTS FOR ()-[r:FEEDS]-() ON (r.id)",
  "CREATE CONSTRAINT atlas_industrycode_id IF NOT EXISTS FOR (n:IndustryCode) REQUIRE n.id IS UNIQUE",
  "CREATE INDEX atlas_supplies_segment IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.fileSegment)",
  "CREATE INDEX atlas_text_evidence IF NOT EXISTS FOR ()-[r:TEXT_EVIDENCE]-() ON (r.version)",
  "CREATE INDEX atlas_change_item IF NOT EXISTS FOR (n:ChangeItem) ON (n.change)",
  "CREATE INDEX atlas_segment_chain IF NOT EXISTS FOR (n:Segment) ON (n.chain)",
  "CREATE INDEX atlas_firm_local IF NOT EXISTS FOR (n:Firm) ON (n.local)",
  // A text index serves CONTAINS on the firm search text (Chinese substrings of any length).
  "CREATE TEXT INDEX atlas_firm_search IF NOT EXISTS FOR (n:Firm) ON (n.search)",
];
