// Hidalgo–Hausmann relatedness on a region × product count matrix, as Harvard Growth Lab's ecomplexity computes it.

/** Balassa RCA: (x_cp / Σ_p x_cp) / (Σ_c x_cp / Σ_cp x_cp); NaN where a row or column has no data. */
export function rca(x: ReadonlyArray<ReadonlyArray<number>>): number[][] {
  const rows = x.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = x[0]?.map((_v, p) => x.reduce((a, r) => a + r[p]!, 0)) ?? [];
  const total = rows.reduce((a, b) => a + b, 0);
  return x.map((r, c) =>
    r.map((v, p) => (rows[c]! > 0 && cols[p]! > 0 ? v / rows[c]! / (cols[p]! / total) : Number.NaN)),
  );
}

/** M_cp = 1 when RCA ≥ 1. */
export function presence(r: ReadonlyArray<ReadonlyArray<number>>): number[][] {
  return r.map((row) => row.map((v) => (v >= 1 ? 1 : 0)));
}

/** φ(p, p') = Σ_c M_cp M_cp' / max(k_p, k_p'), k_p the ubiquity; 0 when neither is present anywhere. */
export function proximity(m: ReadonlyArray<ReadonlyArray<number>>): number[][] {
  const n = m[0]?.length ?? 0;
  const k = Array.from({ length: n }, (_v, p) => m.reduce((a, r) => a + r[p]!, 0));
  return Array.from({ length: n }, (_v, p) =>
    Array.from({ length: n }, (_w, q) => {
      const both = m.reduce((a, r) => a + r[p]! * r[q]!, 0);
      const d = Math.max(k[p]!, k[q]!);
      return d > 0 ? both / d : 0;
    }),
  );
}

/**
 * ω_cp = Σ_p' M_cp' φ(p, p') / Σ_p' φ(p, p') over every p' including p itself (py-ecomplexity's calc_density:
 * density = M @ (φᵀ / Σ φ)); NaN without any proximity.
 */
export function density(
  m: ReadonlyArray<ReadonlyArray<number>>,
  phi: ReadonlyArray<ReadonlyArray<number>>,
): number[][] {
  return m.map((row) =>
    row.map((_v, p) => {
      let num = 0;
      let den = 0;
      phi[p]!.forEach((f, q) => {
        num += row[q]! * f;
        den += f;
      });
      return den > 0 ? num / den : Number.NaN;
    }),
  );
}
