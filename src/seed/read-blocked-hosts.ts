// Reads the blocklist of source hosts (one host a line, `#` starts a comment) that seeds are checked against.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The file name of the blocklist, looked up in the seed directory and then in its parent. */
export const BLOCKED_HOSTS_FILE = "blocked-hosts.txt";

/** The hosts of a blocklist file, lower case and without "www.". */
export function parseBlockedHosts(text: string): Set<string> {
  const hosts = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const host = raw
      .replace(/#.*$/, "")
      .trim()
      .toLowerCase()
      .replace(/^www\./, "");
    if (host) hosts.add(host);
  }
  return hosts;
}

/** The blocklist that applies to a seed directory: `<dir>/blocked-hosts.txt`, else `<dir>/../blocked-hosts.txt`, else none. */
export function readBlockedHosts(seedDir: string): Set<string> {
  for (const file of [join(seedDir, BLOCKED_HOSTS_FILE), join(dirname(seedDir), BLOCKED_HOSTS_FILE)])
    if (existsSync(file)) return parseBlockedHosts(readFileSync(file, "utf8"));
  return new Set();
}
