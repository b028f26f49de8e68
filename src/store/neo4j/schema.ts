// Uniqueness constraints and indexes, created on connect when missing; every statement is idempotent (IF NOT EXISTS).
import { ENTITY_LABELS, NODE_LABELS, stagedLabel } from "./graph-shape.ts";

const UNIQUE_IDS = [...Object.values(NODE_LABELS), "ChangeSet", "ReviewItem", "Project", "ProjectChange"].map(
  (label) =>
    `CREATE CONSTRAINT atlas_${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
);

// A staged write's copies are found by id while it joins them (not unique: two writes may stage at once).
const STAGED_IDS = ENTITY_LABELS.map(
  (label) =>
    `CREATE INDEX atlas_${stagedLabel(label).toLowerCase()}_id IF NOT EXISTS FOR (n:${stagedLabel(label)}) ON (n.id)`,
);

/**
 * Schema an older chain-atlas made that this one drops: a tie's id was a relationship uniqueness constraint,
 * which a staged write's copy of the same tie would break; ids of ties are kept unique by the writes instead
 * (replaceDataset refuses duplicates, writeEntities replaces a tie in place) and indexed by atlas_supplies_rel_id.
 */
export const DROPPED_SCHEMA: ReadonlyArray<string> = ["atlas_supplies_id"];

/** The statements `Neo4jStore.connect` runs when their constraint or index is missing, each in its own transaction. */
export const SCHEMA_STATEMENTS: ReadonlyArray<string> = [
  ...UNIQUE_IDS,
  "CREATE CONSTRAINT atlas_meta_key IF NOT EXISTS FOR (n:AtlasMeta) REQUIRE n.key IS UNIQUE",
  // One question per key: an import asked again does not ask twice (review-queue.ts).
  "CREATE CONSTRAINT atlas_reviewitem_key IF NOT EXISTS FOR (n:ReviewItem) REQUIRE n.key IS UNIQUE",
  // The investment pipeline (pipeline.ts): a project's changes found by its id, a setting by its key.
  "CREATE INDEX atlas_projectchange_project IF NOT EXISTS FOR (n:ProjectChange) ON (n.project)",
  "CREATE CONSTRAINT atlas_pipelinesetting_key IF NOT EXISTS FOR (n:PipelineSetting) REQUIRE n.key IS UNIQUE",
  "CREATE INDEX atlas_supplies_rel_id IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.id)",
  "CREATE INDEX atlas_feeds_id IF NOT EXISTS FOR ()-[r:FEEDS]-() ON (r.id)",
  "CREATE CONSTRAINT atlas_industrycode_id IF NOT EXISTS FOR (n:IndustryCode) REQUIRE n.id IS UNIQUE",
  "CREATE INDEX atlas_supplies_segment IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.fileSegment)",
  "CREATE INDEX atlas_text_evidence IF NOT EXISTS FOR ()-[r:TEXT_EVIDENCE]-() ON (r.version)",
  "CREATE INDEX atlas_change_item IF NOT EXISTS FOR (n:ChangeItem) ON (n.change)",
  // Who last changed one entity (a stale write's 409).
  "CREATE INDEX atlas_change_item_entity IF NOT EXISTS FOR (n:ChangeItem) ON (n.id)",
  "CREATE INDEX atlas_change_item_stage IF NOT EXISTS FOR (n:ChangeItem) ON (n.stage)",
  "CREATE INDEX atlas_changeset_stage IF NOT EXISTS FOR (n:ChangeSet) ON (n.stage)",
  "CREATE INDEX atlas_segment_chain IF NOT EXISTS FOR (n:Segment) ON (n.chain)",
  "CREATE INDEX atlas_firm_local IF NOT EXISTS FOR (n:Firm) ON (n.local)",
  // streamEntities reads the long lists a page at a time in dataset order.
  "CREATE INDEX atlas_firm_seq IF NOT EXISTS FOR (n:Firm) ON (n.seq)",
  "CREATE INDEX atlas_source_seq IF NOT EXISTS FOR (n:Source) ON (n.seq)",
  "CREATE INDEX atlas_supplies_seq IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.seq)",
  // A text index serves CONTAINS on the firm search text (Chinese substrings of any length).
  "CREATE TEXT INDEX atlas_firm_search IF NOT EXISTS FOR (n:Firm) ON (n.search)",
  // Who cites a source, and which sources share a page, asked when one write is checked (Store.namedBy, sourcesAt).
  "CREATE TEXT INDEX atlas_firm_cites IF NOT EXISTS FOR (n:Firm) ON (n.cites)",
  "CREATE TEXT INDEX atlas_supplies_cites IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.cites)",
  "CREATE INDEX atlas_source_url IF NOT EXISTS FOR (n:Source) ON (n.urlKey)",
  // The firms an import's rows could be (name-tokens.ts): tokens found exactly, so the whitespace analyzer.
  "CREATE FULLTEXT INDEX atlas_firm_names IF NOT EXISTS FOR (n:Firm) ON EACH [n.names] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
  "CREATE INDEX atlas_supplies_tie_segment IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.segment)",
  ...STAGED_IDS,
  "CREATE INDEX atlas_staged_stage IF NOT EXISTS FOR (n:AtlasStaged) ON (n.stage)",
];

/** The name a schema statement creates. */
export const schemaName = (statement: string): string =>
  /(?:CONSTRAINT|INDEX) (\w+) IF NOT EXISTS/.exec(statement)![1]!;
