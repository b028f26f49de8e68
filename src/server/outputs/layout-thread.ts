// Runs ForceAtlas2 on a worker thread, so a large map's layout (seconds) never stalls the API. The worker's code
// is a few lines of CommonJS handed to `new Worker(..., { eval: true })`: it loads graphology and the layout
// from the absolute paths this module resolves, so it works the same from the sources (tsx) and the bundle.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

const require = createRequire(import.meta.url);

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { DirectedGraph } = require(workerData.graphology);
const fa2 = require(workerData.forceAtlas2);
const g = new DirectedGraph();
const { keys, xy, edges, iterations } = workerData;
for (let i = 0; i < keys.length; i++) g.addNode(keys[i], { x: xy[2 * i], y: xy[2 * i + 1] });
for (let i = 0; i < edges.length; i += 2) {
  const s = keys[edges[i]], t = keys[edges[i + 1]];
  if (!g.hasEdge(s, t)) g.addEdge(s, t);
}
const settings = { ...fa2.inferSettings(g), barnesHutOptimize: g.order > 500 };
fa2.assign(g, { iterations, settings });
const out = new Float64Array(keys.length * 2);
for (let i = 0; i < keys.length; i++) { const a = g.getNodeAttributes(keys[i]); out[2 * i] = a.x; out[2 * i + 1] = a.y; }
parentPort.postMessage(out, [out.buffer]);
`;

export interface LayoutJob {
  keys: string[];
  /** Start positions, x and y per node in the order of `keys`. */
  xy: Float64Array;
  /** Edges as pairs of indexes into `keys`. */
  edges: Uint32Array;
  iterations: number;
}

/** The positions after `iterations` ForceAtlas2 steps (Barnes–Hut above 500 nodes), x and y per key. */
export function forceAtlas2OffThread(job: LayoutJob): Promise<Float64Array> {
  return new Promise((ok, fail) => {
    const w = new Worker(WORKER, {
      eval: true,
      workerData: {
        ...job,
        graphology: require.resolve("graphology"),
        forceAtlas2: require.resolve("graphology-layout-forceatlas2"),
      },
    });
    w.unref();
    let done = false;
    w.once("message", (out: Float64Array) => {
      done = true;
      ok(out);
      void w.terminate();
    });
    w.once("error", (e) => {
      done = true;
      fail(e);
    });
    w.once("exit", (code) => {
      if (!done) fail(new Error(`the layout worker exited with ${code}`));
    });
  });
}
