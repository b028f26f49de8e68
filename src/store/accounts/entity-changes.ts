// The last change set that touched one entity: who changed it and when (for a 409 on a stale write).
import type Database from "better-sqlite3";

export function lastChangeOf(
  db: Database.Database,
  kind: string,
  id: string,
): { who: string; at: string; why: string } | undefined {
  return db
    .prepare(
      `select s.who, s.at, s.why from change_item i join change_set s on s.id = i.change_id
       where i.kind = ? and i.entity_id = ? order by s.id desc limit 1`,
    )
    .get(kind, id) as { who: string; at: string; why: string } | undefined;
}
