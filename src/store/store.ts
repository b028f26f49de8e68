// The Store interface: the two implementations (embedded SQLite, Neo4j) pass one contract suite.
import type { Dataset, EntityKind } from "../model/index.ts";
import type { Project } from "../model/project.ts";
import type { SubgraphKeys } from "./chain-subgraph.ts";

/** Who makes a write and why: recorded with every change. */
export interface ChangeMeta {
  who: string;
  why: string;
}

/** The kinds a store keys entities by (feeds are keyed `from>to`). */
export type StoredKind = EntityKind | "feeds";

export interface ChangeItem {
  kind: StoredKind | "region";
  id: string;
  action: "added" | "changed" | "removed";
}

export interface ChangeSet {
  id: number;
  at: string;
  who: string;
  why: string;
  op: string;
  added: number;
  changed: number;
  removed: number;
}

/** What a write changed; an import's items stay in the store (a province's are a million: read them with changeItems). */
export interface ChangeSummary {
  changeId: number | undefined;
  added: number;
  changed: number;
  removed: number;
}

/** What an edit of a few entities changed, with its items (the kept graph is patched from them). */
export interface WriteSummary extends ChangeSummary {
  items: ChangeItem[];
}

export interface FirmHit {
  id: string;
  name: { zh: string; en?: string | undefined };
  local: boolean;
  products: string[];
}

export interface WriteOptions {
  /** Called every few hundred rows written, inside the transaction. */
  onProgress?: (written: number, total: number) => void;
  /** The change set's operation name (default "import"). */
  op?: string;
  /**
   * replaceDataset: the matching keys the per-chain commands will cut subgraphs with; a store with a
   * subgraph index builds it for them from the dataset in hand, in the same transaction (optional hint).
   */
  subgraphKeys?: ReadonlyArray<SubgraphKeys>;
  /**
   * Checked inside the write transaction before anything is written; throwing aborts the write and the
   * error reaches the caller as thrown (the HTTP API checks If-Match here).
   */
  precondition?: (current: StoreSnapshot) => void;
  /**
   * writeEntities: the review queue's part of the write, in the same transaction — the questions an import asks
   * (each asked once: an item whose key was asked before is not added) or a decision on one pending item.
   */
  review?: { enqueue?: ReadonlyArray<NewReviewItem>; decide?: ReviewDecision };
}

export type ReviewStatus = "pending" | "accepted" | "rejected";

/** An uncertain match an import found, kept until a person accepts or rejects it. */
export interface ReviewItem {
  id: number;
  at: string;
  file: string;
  row: number;
  name: string;
  /** The firm the row may be. */
  candidate: string;
  score: number;
  reason: string;
  status: ReviewStatus;
  decidedAt?: string | undefined;
  decidedBy?: string | undefined;
  /** The firm id the decision led to (the candidate on accept, the new firm on reject). */
  result?: string | undefined;
  /** What the importer needs to act on a decision (the row's firm draft and its source). */
  payload: unknown;
}

export interface NewReviewItem
  extends Pick<ReviewItem, "file" | "row" | "name" | "candidate" | "score" | "reason" | "payload"> {
  /** Identifies the question, so importing the same file again does not ask it twice. */
  key: string;
}

/** A decision on a pending item: the write fails (and writes nothing) when the item is not pending. */
export interface ReviewDecision {
  id: number;
  status: Exclude<ReviewStatus, "pending">;
  who: string;
  result: string;
}

/** Who records a project's change, and the note kept with it. */
export interface ProjectNote {
  op: string;
  who: string;
  note?: string | undefined;
}

/** One recorded change of a project: who, when, and the project as the change left it. */
export interface ProjectChange {
  id: number;
  project: string;
  op: string;
  at: string;
  who: string;
  note?: string | undefined;
  after: Project;
}

/** A pipeline setting as stored (its JSON value, parsed by the caller's schema) with who set it and when. */
export interface PipelineSetting {
  json: unknown;
  updatedAt: string;
  updatedBy: string;
}

/** The whole pipeline of a store as push and pull copy it: projects, their change records, the settings. */
export interface PipelineCopy {
  projects: Array<{ project: Project; version: number; updatedAt: string; updatedBy: string }>;
  changes: ProjectChange[];
  settings: Array<{ key: string } & PipelineSetting>;
}

/** What an import's rows offer to match firms by: their names (as given) and credit codes. */
export interface MatchAsk {
  names: ReadonlyArray<string>;
  creditCodes: ReadonlyArray<string>;
}

/** What a precondition can read of the store as it is inside the transaction. */
export interface StoreSnapshot {
  /** The stored JSON of one entity, or undefined when there is none. */
  json(kind: StoredKind, id: string): string | undefined;
  /** Id of the newest change set (0 when there is none). */
  lastChangeId: number;
}

/** One entity an edit writes: its stored JSON, or none to remove it. */
export interface EntityChange {
  kind: StoredKind;
  id: string;
  /** The entity as JSON (`JSON.stringify` of it); undefined removes the entity. */
  json?: string;
}

export interface LoadOptions {
  /** Kinds not to read (left empty in the dataset). */
  omit?: ReadonlyArray<StoredKind>;
}

/** The kinds a store can stream: the lists that grow with the province. */
export type StreamedKind = "firms" | "ties" | "sources";

export interface SubgraphOptions {
  /** False when the analysis ranks no candidates (default true). */
  candidates?: boolean;
  /**
   * With `candidates: false`: these firms too, whole, with every tie they are at either end of and the firms at its
   * other end — what the chain's gaps read of a firm once it lands in the chain (what-if). An unknown id brings
   * nothing.
   */
  firms?: ReadonlyArray<string>;
  /**
   * Given, a store that keeps the keys' text evidence (SubgraphKeys.textSegments' details) may hand over, once
   * and before it returns, every pair it keeps for the chain's own segments: the caller then need not match the
   * subgraph's text again. Not called by a store that keeps none, or none of this shape.
   */
  textEvidence?: (rows: ReadonlyArray<readonly [firm: string, segment: string, detail: string]>) => void;
  /**
   * The ranking the subgraph is read for, when it keeps only the best `top` candidates (targets --top N): the
   * store may then leave out what cannot reach them. Two kinds of firm, both brought in by industry codes alone
   * (no link to the chain's segments or their neighbours, no text evidence for its segments, not a chain master, a
   * master's group or at either end of a tie read): a local one (never a candidate); and one outside the city whose
   * fits then come from its codes alone (candidate-fit.ts), so that among those with the same codes (of the
   * chain's) and the same lists scores are equal and ties go by id: only the first `top` by id of each such class,
   * and only those passing the filters, can rank. And ties no gap or fit of the chain counts: those not filed
   * under its segments or filed there into a firm outside the city, but for the chain masters' and their groups'.
   */
  ranking?: {
    top: number;
    /** Only firms on one of these lists rank (empty: any). */
    lists?: ReadonlyArray<string>;
    /** Only firms in these countries rank (empty: any). */
    countries?: ReadonlyArray<string>;
    /**
     * When the score rises strictly with this value of a firm's best list (0 when on none; targets with a tier
     * weight): firms of equal codes then rank by it, best first, and by id — one class per set of codes.
     */
    listOrder?: Readonly<Record<string, number>>;
  };
  /**
   * With `ranking`: a store may first read the candidates outside the city in brief — stand-in firms that score
   * exactly as the whole ones (country, lists, codes, industry, segment links; each name the firm's id, each
   * product name empty) — and call `pick` once, before it returns, with that draft subgraph (no sources) and the
   * ids of the firms in it that are in brief. It then reads whole the firms `pick` returns, keeps in brief those
   * the analysis reads beside the candidates (tie ends, masters and their groups: their links and ties count in
   * the gaps, their names in no row) and leaves out the other firms in brief. `pick` must return every firm the
   * ranking keeps (its top rows): a firm's score does not depend on the other candidates, so the ranking of the
   * picked firms alone on what is returned (rankTargetsOf's `only`) gives the same rows, with whole firms. Not
   * called by a store that keeps no briefs; a caller that passes it ranks only what it picked.
   */
  pick?: (draft: Dataset, inBrief: ReadonlySet<string>) => Iterable<string>;
  /**
   * With `ranking` and `pick`: a store that keeps candidate packs (what the ranking scores of every candidate of a
   * chain, built by `build` and kept until the data changes) ranks on the chain's pack instead of reading its
   * candidates. With no pack for the newest change (of this `version`), the first ranking builds it: the store reads
   * every candidate in brief (none left out by `ranking`), calls `build` once with that draft, keeps what it returns,
   * and goes on as for `pick` with the ids `pick` below returns on it. With one, it reads no candidate: it calls
   * `pick` once with a draft holding the skeleton, the local firms, the ties a ranking counts with both ends and the
   * masters and their groups (those outside the city in brief) and the pack, reads whole the firms it returns, and
   * hands over (`textEvidence`) only their text evidence. The caller then ranks only what was picked (as for `pick`).
   */
  pack?: {
    version: string;
    build: (draft: Dataset) => string;
    pick: (draft: Dataset, pack: string) => Iterable<string>;
  };
}

/** A firm, tie or source with its place in its list (`seq` grows in list order; a new one goes last). */
export interface Placed {
  seq: number;
  entity: unknown;
}

/**
 * An entity others name: a source (cited by a firm's facts or products, or by a tie), a firm (a firm's parent, a
 * tie's supplier or customer), a segment (a firm's link, a tie's segment) or a region (where a firm is).
 */
export interface NamedTarget {
  kind: "sources" | "firms" | "segments" | "regions";
  id: string;
}

/** The firms and ties that name a target, each list in list order. */
export interface Namers {
  firms: Placed[];
  ties: Placed[];
}

export interface Store {
  readonly kind: "embedded" | "neo4j";
  /** True when nothing has been imported yet. */
  isEmpty(): Promise<boolean>;
  /** The whole dataset (without the kinds in `omit`, left empty); throws if the store is empty. */
  loadDataset(opts?: LoadOptions): Promise<Dataset>;
  /**
   * The entities of one long list in dataset order, parsed a few at a time (export streams a province with
   * it). Optional: without it a caller reads the list from loadDataset.
   */
  streamEntities?(kind: StreamedKind): AsyncIterable<unknown>;
  /**
   * One entity of a long list by its id, as loadDataset holds it (undefined when there is none): what the API reads
   * to show or check one firm on a store read by chain. Optional: without it a caller reads the list.
   */
  readEntity?(kind: StreamedKind, id: string): Promise<unknown | undefined>;
  /**
   * One page of a long list in list order (`offset` entities skipped, at most `limit` given) and the list's length:
   * the API's unfiltered list without streaming a province's list past. Optional.
   */
  pageEntities?(
    kind: StreamedKind,
    offset: number,
    limit: number,
  ): Promise<{ items: unknown[]; total: number }>;
  /**
   * Firms, ties or sources by id, with their places, in list order (unknown ids left out): what one write is checked
   * against without reading the list. Optional, as the three below.
   */
  readPlaced?(kind: StreamedKind, ids: ReadonlyArray<string>): Promise<Placed[]>;
  /**
   * The first `limit` firms and the first `limit` ties (each in list order) that name the target; undefined when the
   * store cannot tell without reading every firm and tie (data written by an older chain-atlas: import it again).
   */
  namedBy?(target: NamedTarget, limit: number): Promise<Namers | undefined>;
  /**
   * The sources at this address (compared as normaliseUrl does), in list order; undefined as for namedBy.
   */
  sourcesAt?(url: string): Promise<Placed[] | undefined>;
  /**
   * The firms an import's entity resolution could match to the ask (dataset-namers.ts firmMatches), in list order:
   * what an import reads instead of every firm. Undefined as for namedBy. Optional.
   */
  matchCandidates?(ask: MatchAsk): Promise<Placed[] | undefined>;
  /** The firm ids equal to one of the bases or to a base with a numeric suffix ("acme-2"), in list order. Optional. */
  firmIdsLike?(bases: ReadonlyArray<string>): Promise<string[]>;
  /** The review queue, oldest first (of one status, when given). */
  reviewItems(status?: ReviewStatus): Promise<ReviewItem[]>;
  /** One item of the review queue. */
  reviewItem(id: number): Promise<ReviewItem | undefined>;
  /** The investment pipeline's projects, by id. */
  projects(): Promise<Project[]>;
  /** One project, undefined when there is none with this id. */
  project(id: string): Promise<Project | undefined>;
  /**
   * Reads every project, lets `change` compute the new or changed one, and writes it with its change record, in one
   * write transaction that holds the pipeline's lock: two counties reporting at once cannot both pass the
   * first-report check. What `change` throws aborts the write and reaches the caller; the result is checked by
   * the Project schema.
   */
  writeProject(note: ProjectNote, change: (all: Project[]) => Project): Promise<Project>;
  /** A project's recorded changes, oldest first. */
  projectChanges(id: string): Promise<ProjectChange[]>;
  /** One pipeline setting (the rules' configuration, the goals), undefined when none is stored. */
  pipelineSetting(key: string): Promise<PipelineSetting | undefined>;
  setPipelineSetting(key: string, json: unknown, who: string): Promise<void>;
  /** The whole pipeline, for push and pull. */
  readPipeline(): Promise<PipelineCopy>;
  /** Replaces the whole pipeline with a copy, in one transaction (push and pull). */
  replacePipeline(copy: PipelineCopy): Promise<void>;
  /** Replaces the whole dataset in one transaction (an import); records the difference, if any (none: no change id). */
  replaceDataset(ds: Dataset, meta: ChangeMeta, opts?: WriteOptions): Promise<ChangeSummary>;
  /**
   * Writes only these entities (an edit through the API) in one transaction with its change set, instead of
   * the whole dataset; a new entity goes after the others of its kind. Optional: without it a caller
   * replaces the whole dataset. An entity written as it is stored, or removed when absent, changes nothing.
   */
  writeEntities?(
    changes: ReadonlyArray<EntityChange>,
    meta: ChangeMeta,
    opts?: Omit<WriteOptions, "onProgress">,
  ): Promise<WriteSummary>;
  /** What replaceDataset(ds) would change, without writing (import --dry-run). */
  previewReplace(ds: Dataset): Promise<ChangeItem[]>;
  /** The change history, newest first. */
  history(limit?: number): Promise<ChangeSet[]>;
  /** One change set, undefined when there is none with this id (optional: else read from `history`). */
  changeSet?(changeId: number): Promise<ChangeSet | undefined>;
  /** Who last changed one entity, when and why (undefined when no change names it): a stale write's 409 says it. */
  lastChangeOf?(kind: StoredKind, id: string): Promise<{ who: string; at: string; why: string } | undefined>;
  /** The entities one change touched. */
  changeItems(changeId: number): Promise<ChangeItem[]>;

  /** Firms whose names, aliases or products contain the query (Chinese substring search). */
  findFirms(query: string, limit?: number): Promise<FirmHit[]>;
  /**
   * The subgraph one chain's analysis needs (optional: a store without it is read whole): every chain,
   * segment and feed, the local firms of the chain's segments and of their FEEDS neighbours (and of
   * keys.localSegments), the supply ties
   * filed under its segments or touching chain masters (with the firms at both ends), every chain master, and
   * only the candidates whose evidence (links, codes, text per `keys`) touches its segments. The analysis
   * answers the same on it as on the whole dataset. Throws NotFoundError for an unknown chain.
   * `candidates: false` (an analysis that ranks no candidates, such as gaps): the store may leave out the
   * firms that only evidence (codes, text) brings in.
   */
  loadChainSubgraph?(chainId: string, keys: SubgraphKeys, opts?: SubgraphOptions): Promise<Dataset>;
  /** Builds what loadChainSubgraph reads for these keys ahead of time (import calls it); optional. */
  prepareChainSubgraphs?(keys: SubgraphKeys): Promise<void>;
  close(): Promise<void>;
}
