// Looks up the chain, segment or firm an option names; an unknown one is a NotFoundError (exit 3) with a hint.
import { NotFoundError } from "../../errors.ts";
import type { AnalysisIndex } from "./analysis-index.ts";

const listed = (ids: Iterable<string>) => {
  const all = [...ids];
  return all.length === 0 ? "none" : all.slice(0, 12).join(", ") + (all.length > 12 ? ", …" : "");
};

/** The chain's segment indexes; throws for an unknown chain id. */
export function requireChain(ix: AnalysisIndex, chain: string): number[] {
  const segs = ix.chainSegments.get(chain);
  if (!segs)
    throw new NotFoundError(
      `--chain: unknown chain ${JSON.stringify(chain)}; expected one of: ${listed(ix.chainSegments.keys())}`,
    );
  return segs;
}

/** A segment index; when `chain` is given the segment must belong to it. */
export function requireSegment(ix: AnalysisIndex, segment: string, chain?: string): number {
  const seg = ix.segmentIndex.get(segment);
  if (seg === undefined || (chain !== undefined && ix.segments[seg]!.chain !== chain)) {
    const pool =
      chain === undefined
        ? ix.segmentIndex.keys()
        : (ix.chainSegments.get(chain) ?? []).map((s) => ix.segments[s]!.id);
    throw new NotFoundError(
      `--segment: unknown segment ${JSON.stringify(segment)}${chain === undefined ? "" : ` in chain ${JSON.stringify(chain)}`}; expected one of: ${listed(pool)}`,
    );
  }
  return seg;
}

/** A firm index; throws for an unknown firm id. */
export function requireFirm(ix: AnalysisIndex, firm: string): number {
  const f = ix.firmIndex.get(firm);
  if (f === undefined)
    throw new NotFoundError(
      `--firm: unknown firm ${JSON.stringify(firm)}; expected a firm id (try \`chain-atlas find <name>\`)`,
    );
  return f;
}
