// The argv of a cold process writing a SYNTHETIC seed (write-seed.ts), for the bench and safety scripts: the
// seed is written by its own process so its memory and time are measured apart from the caller's.
import { join } from "node:path";

export function writeSeedArgs(dir: string, firms: number, ties: number, chains?: number): string[] {
  return [
    "--import",
    "tsx",
    join(import.meta.dirname, "write-seed.ts"),
    dir,
    String(firms),
    String(ties),
    ...(chains === undefined ? [] : [String(chains)]),
  ];
}
