// Counting the lines of a large file without parsing it: what is left of a file past the row limit.
import { createReadStream } from "node:fs";
import type { TextEncoding } from "./detect-encoding.ts";

/** Line breaks in a file, counted on the raw bytes (UTF-16 counts its two-byte line feeds). */
export async function countLines(
  file: string,
  encoding: TextEncoding,
  onBytes: (n: number) => void,
): Promise<number> {
  const wide = encoding === "utf-16le" || encoding === "utf-16be";
  const lf = encoding === "utf-16be" ? 1 : 0;
  let lines = 0;
  let read = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1))
      if (!wide || (read + i) % 2 === lf) lines++;
    read += chunk.length;
    onBytes(read);
  }
  return lines;
}
