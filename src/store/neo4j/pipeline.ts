// The investment pipeline kept in Neo4j beside the map: one (:Project) node per project (its JSON, version, who and
// when), one (:ProjectChange) per recorded change, numbered in order, and one (:PipelineSetting) per setting. A
// project write first takes the pipeline's lock (its counter in (:AtlasMeta {key: 'pipeline'})), so writers queue
// and two counties reporting at once cannot both pass the first-report check.
import neo4j from "neo4j-driver";
import { Project } from "../../model/project.ts";
import { parseStoredProject } from "../projects/project-book.ts";
import type { PipelineCopy, PipelineSetting, ProjectChange, ProjectNote } from "../store.ts";
import type { Tx } from "./write-dataset.ts";

const CHANGE_FIELDS =
  "c.id AS id, c.project AS project, c.op AS op, c.at AS at, c.who AS who, c.note AS note, c.json AS json";

function toChange(rec: neo4j.Record): ProjectChange {
  const id = Number(rec.get("id"));
  return {
    id,
    project: rec.get("project") as string,
    op: rec.get("op") as string,
    at: rec.get("at") as string,
    who: rec.get("who") as string,
    note: (rec.get("note") as string | null) ?? undefined,
    after: parseStoredProject(rec.get("json") as string, `change #${id}`),
  };
}

export async function listProjects(tx: Tx): Promise<Project[]> {
  const r = await tx.run("MATCH (p:Project) RETURN p.id AS id, p.json AS json ORDER BY id");
  return r.records.map((x) => parseStoredProject(x.get("json") as string, `project ${x.get("id")}`));
}

export async function getProject(tx: Tx, id: string): Promise<Project | undefined> {
  const r = await tx.run("MATCH (p:Project {id: $id}) RETURN p.json AS json", { id });
  const json = r.records[0]?.get("json") as string | undefined;
  return json === undefined ? undefined : parseStoredProject(json, `project ${id}`);
}

/** Takes the pipeline's lock, reads every project, writes the one `change` computes with its change record. */
export async function writeProject(
  tx: Tx,
  note: ProjectNote,
  change: (all: Project[]) => Project,
): Promise<Project> {
  const locked = await tx.run(
    "MERGE (m:AtlasMeta {key: 'pipeline'}) ON CREATE SET m.last = 0 SET m.lockedAt = timestamp() RETURN m.last AS last",
  );
  const last = Number(locked.records[0]!.get("last"));
  const next = Project.parse(change(await listProjects(tx)));
  const at = new Date().toISOString();
  const json = JSON.stringify(next);
  await tx.run(
    `MERGE (p:Project {id: $id})
     ON CREATE SET p.version = 0
     SET p.json = $json, p.version = p.version + 1, p.updatedAt = $at, p.updatedBy = $who
     CREATE (c:ProjectChange {id: $change, project: $id, op: $op, at: $at, who: $who, note: $note, json: $json})
     WITH c MATCH (m:AtlasMeta {key: 'pipeline'}) SET m.last = $change`,
    {
      id: next.id,
      json,
      at,
      who: note.who,
      op: note.op,
      note: note.note ?? null,
      change: neo4j.int(last + 1),
    },
  );
  return next;
}

export async function projectChanges(tx: Tx, id: string): Promise<ProjectChange[]> {
  const r = await tx.run(`MATCH (c:ProjectChange {project: $id}) RETURN ${CHANGE_FIELDS} ORDER BY id`, {
    id,
  });
  return r.records.map(toChange);
}

export async function readSetting(tx: Tx, key: string): Promise<PipelineSetting | undefined> {
  const r = await tx.run(
    "MATCH (s:PipelineSetting {key: $key}) RETURN s.json AS json, s.updatedAt AS at, s.updatedBy AS who",
    { key },
  );
  const rec = r.records[0];
  return (
    rec && {
      json: JSON.parse(rec.get("json") as string),
      updatedAt: rec.get("at") as string,
      updatedBy: rec.get("who") as string,
    }
  );
}

export async function writeSetting(tx: Tx, key: string, json: unknown, who: string): Promise<void> {
  await tx.run(
    "MERGE (s:PipelineSetting {key: $key}) SET s.json = $json, s.updatedAt = $at, s.updatedBy = $who",
    {
      key,
      json: JSON.stringify(json),
      at: new Date().toISOString(),
      who,
    },
  );
}

export async function readPipeline(tx: Tx): Promise<PipelineCopy> {
  const ps = await tx.run(
    "MATCH (p:Project) RETURN p.id AS id, p.json AS json, p.version AS version, p.updatedAt AS at, p.updatedBy AS who ORDER BY id",
  );
  const cs = await tx.run(`MATCH (c:ProjectChange) RETURN ${CHANGE_FIELDS} ORDER BY id`);
  const ss = await tx.run(
    "MATCH (s:PipelineSetting) RETURN s.key AS key, s.json AS json, s.updatedAt AS at, s.updatedBy AS who ORDER BY key",
  );
  return {
    projects: ps.records.map((x) => ({
      project: parseStoredProject(x.get("json") as string, `project ${x.get("id")}`),
      version: Number(x.get("version")),
      updatedAt: x.get("at") as string,
      updatedBy: x.get("who") as string,
    })),
    changes: cs.records.map(toChange),
    settings: ss.records.map((x) => ({
      key: x.get("key") as string,
      json: JSON.parse(x.get("json") as string),
      updatedAt: x.get("at") as string,
      updatedBy: x.get("who") as string,
    })),
  };
}

/** Replaces every project, change record and setting with the copy's (in the caller's transaction). */
export async function replacePipeline(tx: Tx, copy: PipelineCopy): Promise<void> {
  await tx.run("MERGE (m:AtlasMeta {key: 'pipeline'}) ON CREATE SET m.last = 0 SET m.lockedAt = timestamp()");
  for (const label of ["Project", "ProjectChange", "PipelineSetting"])
    await tx.run(`MATCH (n:${label}) DETACH DELETE n`);
  await tx.run(
    "UNWIND $rows AS x CREATE (p:Project) SET p.id = x.id, p.json = x.json, p.version = x.version, p.updatedAt = x.at, p.updatedBy = x.who",
    {
      rows: copy.projects.map((x) => ({
        id: x.project.id,
        json: JSON.stringify(Project.parse(x.project)),
        version: neo4j.int(x.version),
        at: x.updatedAt,
        who: x.updatedBy,
      })),
    },
  );
  await tx.run(
    "UNWIND $rows AS x CREATE (c:ProjectChange) SET c.id = x.id, c.project = x.project, c.op = x.op, c.at = x.at, c.who = x.who, c.note = x.note, c.json = x.json",
    {
      rows: copy.changes.map((x) => ({
        id: neo4j.int(x.id),
        project: x.project,
        op: x.op,
        at: x.at,
        who: x.who,
        note: x.note ?? null,
        json: JSON.stringify(x.after),
      })),
    },
  );
  await tx.run(
    "UNWIND $rows AS x CREATE (s:PipelineSetting) SET s.key = x.key, s.json = x.json, s.updatedAt = x.at, s.updatedBy = x.who",
    {
      rows: copy.settings.map((x) => ({
        key: x.key,
        json: JSON.stringify(x.json),
        at: x.updatedAt,
        who: x.updatedBy,
      })),
    },
  );
  const last = copy.changes.reduce((m, c) => Math.max(m, c.id), 0);
  await tx.run("MATCH (m:AtlasMeta {key: 'pipeline'}) SET m.last = $last", { last: neo4j.int(last) });
}
