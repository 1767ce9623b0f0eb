// Seeded pseudo-random numbers (mulberry32) so generated test models are byte-for-byte reproducible.

/** A deterministic generator of uniform numbers in [0, 1). */
export class SeededRandom {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** Next uniform number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** `count` floats uniform in [-scale, scale). */
  floats(count: number, scale: number): Float32Array {
    const out = new Float32Array(count)
    for (let i = 0; i < count; i++) out[i] = (this.next() * 2 - 1) * scale
    return out
  }

  /** `count` signed bytes uniform in [-127, 127]. */
  int8s(count: number): Int8Array {
    const out = new Int8Array(count)
    for (let i = 0; i < count; i++) out[i] = Math.floor(this.next() * 255) - 127
    return out
  }

  /** `count` floats uniform in [center - spread, center + spread). */
  around(count: number, center: number, spread: number): Float32Array {
    const out = new Float32Array(count)
    for (let i = 0; i < count; i++) out[i] = center + (this.next() * 2 - 1) * spread
    return out
  }
}
