// A bounded cache of derived answers: least recently used first out, capped in entries and in bytes;
// identical misses that arrive while the answer is being computed share that one computation (single-flight).

export interface AnswerCacheOptions {
  /** At most this many answers kept (default 500). */
  maxEntries?: number;
  /** At most this many bytes of answers kept, by each answer's estimated size (default 64 MB). */
  maxBytes?: number;
}

export interface AnswerCacheStats {
  hits: number;
  misses: number;
  /** Requests that waited on a computation another request had started. */
  shared: number;
  evictions: number;
  entries: number;
  bytes: number;
}

interface Entry {
  value: unknown;
  bytes: number;
}

/** The size of an answer in bytes: its own figure when it has one, else an estimate from its JSON (1 KB when none). */
export function sizeOf(value: unknown): number {
  if (value instanceof Uint8Array) return value.byteLength;
  const own = (value as { byteLength?: unknown } | null)?.byteLength;
  if (typeof own === "number") return own;
  if (typeof value === "string") return value.length * 2;
  // A set or map (e.g. of finding keys): a rough 100 bytes an element.
  if (value instanceof Set || value instanceof Map) return 64 + value.size * 100;
  try {
    return (JSON.stringify(value) ?? "").length * 2;
  } catch {
    return 1024;
  }
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<unknown>>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  /** Bumped by `clear`: a computation started before it does not store its answer after it. */
  private generation = 0;
  private bytes = 0;
  private counts = { hits: 0, misses: 0, shared: 0, evictions: 0 };

  constructor(opts: AnswerCacheOptions = {}) {
    this.maxEntries = opts.maxEntries ?? 500;
    this.maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  }

  /** The kept answer under `key`, else the one being computed, else `make()` (kept when it succeeds). */
  get<V>(key: string, make: () => Promise<V> | V): Promise<V> {
    const hit = this.entries.get(key);
    if (hit) {
      this.counts.hits++;
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return Promise.resolve(hit.value as V);
    }
    const running = this.pending.get(key);
    if (running) {
      this.counts.shared++;
      return running as Promise<V>;
    }
    this.counts.misses++;
    const generation = this.generation;
    const run = (async () => {
      const value = await make();
      if (generation === this.generation) this.put(key, value);
      return value;
    })();
    this.pending.set(key, run);
    const done = () => {
      if (this.pending.get(key) === run) this.pending.delete(key);
    };
    run.then(done, done);
    return run;
  }

  private put(key: string, value: unknown): void {
    const bytes = sizeOf(value);
    // An answer bigger than the whole budget is served but not kept.
    if (bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const [oldest, e] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldest);
      this.bytes -= e.bytes;
      this.counts.evictions++;
    }
  }

  /** Drops every answer (a new dataset version); computations still running will not be kept. */
  clear(): void {
    this.entries.clear();
    this.pending.clear();
    this.bytes = 0;
    this.generation++;
  }

  get stats(): AnswerCacheStats {
    return { ...this.counts, entries: this.entries.size, bytes: this.bytes };
  }
}
