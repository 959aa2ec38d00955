/** A seeded PRNG (mulberry32, as the demo seed uses) with the draws the generator needs: the same seed, the same data. */
export class ScaleRng {
  private a: number;

  constructor(seed: number) {
    this.a = seed >>> 0;
  }

  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(entries: readonly (readonly [T, number, ...unknown[]])[]): T {
    let r = this.next() * entries.reduce((sum, e) => sum + e[1], 0);
    for (const e of entries) {
      r -= e[1];
      if (r < 0) return e[0];
    }
    return entries[entries.length - 1][0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
}

/** Deterministic ids: a kind in the first field, a counter in the last, so two runs write the same rows. */
export function scaleId(kind: number, n: number): string {
  return `5ca1${kind.toString(16).padStart(4, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Splits `total` into `parts` shares proportional to `weights` (largest remainder), each at least `min`. */
export function apportion(total: number, weights: number[], min = 0): number[] {
  const free = total - min * weights.length;
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (free * w) / sum);
  const shares = raw.map((r) => Math.floor(r));
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  const left = free - shares.reduce((s, v) => s + v, 0);
  for (let k = 0; k < left; k++) shares[order[k][1]]++;
  return shares.map((s) => s + min);
}
