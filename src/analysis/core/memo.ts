// Memoisation of derived data per graph or index object: computed once, dropped with its owner.

/** The value cached under `key`, made by `make` on first use. */
export function cached<K extends object, V>(cache: WeakMap<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** The value cached under `key` in a string-keyed map, made by `make` on first use. */
export function cachedBy<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}
