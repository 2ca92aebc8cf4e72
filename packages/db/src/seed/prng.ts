// A tiny seeded pseudo-random generator (mulberry32), so the demo data is the
// same on every run and every machine. Math.random is never used by the seed.
//
// Only used to CHOOSE numbers (integers, per-mille factors); amounts are then
// computed from those integers with bigint arithmetic, never with floats.

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: 32-bit state, period 2^32; plenty for a few hundred thousand draws. */
export function mulberry32(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new RangeError(`bad range [${min}, ${max}]`);
      return min + Math.floor(next() * (max - min + 1));
    },
    pick(items) {
      if (items.length === 0) throw new RangeError("cannot pick from an empty list");
      return items[Math.floor(next() * items.length)]!;
    },
  };
}

/** A 32-bit seed from a text (FNV-1a), so each county/stream gets its own independent sequence. */
export function seedFromText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A generator for a named stream: prngFor("sales:GZ-CH:2025"). Independent of draw order elsewhere. */
export function prngFor(stream: string): Prng {
  return mulberry32(seedFromText(stream));
}
