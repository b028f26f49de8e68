// Comments on and sign-offs of a chain's gap report, with who and when.
import type Database from "better-sqlite3";
import { ensureAccountTables } from "./account-tables.ts";

export interface ReportComment {
  id: number;
  who: string;
  at: string;
  text: string;
}

export interface ReportSignoff {
  who: string;
  at: string;
  note: string | null;
}

export interface ReportNotes {
  items: ReportComment[];
  signoff: ReportSignoff | null;
}

export class ReportNotebook {
  constructor(private readonly db: Database.Database) {
    ensureAccountTables(db);
  }

  of(chain: string): ReportNotes {
    const items = this.db
      .prepare("select id, who, at, text from report_comment where chain = ? order by id")
      .all(chain) as ReportComment[];
    const signoff =
      (this.db
        .prepare("select who, at, note from report_signoff where chain = ? order by id desc limit 1")
        .get(chain) as ReportSignoff | undefined) ?? null;
    return { items, signoff };
  }

  comment(chain: string, who: string, text: string): ReportComment {
    const at = new Date().toISOString();
    const { lastInsertRowid } = this.db
      .prepare("insert into report_comment (chain, who, at, text) values (?, ?, ?, ?)")
      .run(chain, who, at, text);
    return { id: Number(lastInsertRowid), who, at, text };
  }

  signOff(chain: string, who: string, note: string | undefined): ReportSignoff {
    const at = new Date().toISOString();
    this.db
      .prepare("insert into report_signoff (chain, who, at, note) values (?, ?, ?, ?)")
      .run(chain, who, at, note ?? null);
    return { who, at, note: note ?? null };
  }
}
