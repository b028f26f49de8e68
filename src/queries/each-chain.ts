// Every chain's subgraph in turn, for a whole-city answer on a store read by chain (queries/read-by-chain.ts): the
// CLI's `gaps --all` and the server's gap summary read a province this way and never hold it whole.

import type { Dataset } from "../model/index.ts";
import type { SubgraphKeys } from "../store/chain-subgraph.ts";
import type { Store, SubgraphOptions } from "../store/store.ts";

/**
 * Every chain's subgraph in chain order, one held at a time beside the next two being read (the store's reads
 * overlap each other and the caller's analysis). `onChain` hears each one done.
 */
export async function* eachChainSubgraph(
  store: Pick<Store, "loadDataset" | "loadChainSubgraph">,
  keys: SubgraphKeys,
  opts: SubgraphOptions,
  onChain?: (done: number, total: number) => void,
): AsyncGenerator<{ chain: string; dataset: Dataset }> {
  const read = store.loadChainSubgraph?.bind(store);
  if (!read) throw new Error("eachChainSubgraph: the store reads no chain subgraphs");
  const chains = (await store.loadDataset({ omit: ["firms", "ties", "sources"] })).chains.map((c) => c.id);
  const pending: Array<Promise<Dataset>> = [];
  let asked = 0;
  const ask = () => {
    while (asked < chains.length && pending.length < 2) {
      const p = read(chains[asked++]!, keys, opts);
      // Awaited in turn; a failure while an earlier chain is analysed is not left unhandled meanwhile.
      p.catch(() => undefined);
      pending.push(p);
    }
  };
  for (let i = 0; i < chains.length; i++) {
    ask();
    const dataset = await pending.shift()!;
    ask();
    yield { chain: chains[i]!, dataset };
    onChain?.(i + 1, chains.length);
  }
}
