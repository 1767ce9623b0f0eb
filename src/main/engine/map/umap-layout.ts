// 2-D layout from a cosine neighbour graph with umap-js, seeded, one optimisation round at a time.
import { UMAP } from 'umap-js'
import type { Neighbours } from './neighbours'

/**
 * UMAP settings, chosen by trustworthiness@10 and translation pairs on the dev corpora with the bundled lite pack
 * (tldr zh+es+de+mixed, 1,047 notes): 20 neighbours per note (trustworthiness 0.917 vs 0.909 with umap's default 15),
 * and three times umap's negative sampling and repulsion (0.87 -> 0.91), which keeps unrelated notes apart.
 */
export const UMAP_NEIGHBOURS = 20
const MIN_DIST = 0.1
const NEGATIVE_SAMPLE_RATE = 15
const REPULSION_STRENGTH = 3

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same layout. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Called after every optimisation round; awaiting it lets other messages (and searches) in. */
export type EpochHook = (done: number, total: number) => Promise<void> | void

/** Random draws between two calls of the pause point: umap-js draws for every negative sample, so it is called often. */
const DRAWS_PER_PAUSE_POINT = 4096

/**
 * Positions for `count` points whose `neighbours` (cosine similarities, best first) were found beforehand. Fewer than
 * four points are laid out on a small circle (UMAP needs a neighbourhood). Returns x0, y0, x1, y1, ... scaled so the
 * layout spans about [-1, 1]. `pausePoint` is called every few thousand random draws, inside the optimisation rounds
 * (where the caller may wait; the draws, hence the layout, stay the same).
 */
export async function umapLayout(count: number, neighbours: Neighbours, seed: number, onEpoch?: EpochHook, pausePoint?: () => void): Promise<Float32Array> {
  if (count < 4) return normalise(circle(count))
  const k = Math.min(UMAP_NEIGHBOURS, count - 1, neighbours.k)
  const knnIndices: number[][] = []
  const knnDistances: number[][] = []
  for (let i = 0; i < count; i++) {
    // umap expects each point's own row first (distance 0), then its neighbours.
    const indices = [i]
    const distances = [0]
    for (let j = 0; j < k - 1; j++) {
      const index = neighbours.indices[i * neighbours.k + j]!
      // A missing neighbour points back at the point itself, which umap gives no weight.
      indices.push(index < 0 ? i : index)
      distances.push(index < 0 ? 2 : Math.max(0, 1 - neighbours.similarities[i * neighbours.k + j]!))
    }
    knnIndices.push(indices)
    knnDistances.push(distances)
  }
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: k,
    minDist: MIN_DIST,
    negativeSampleRate: NEGATIVE_SAMPLE_RATE,
    repulsionStrength: REPULSION_STRENGTH,
    random: withPausePoint(seededRandom(seed), pausePoint)
  })
  umap.setPrecomputedKNN(knnIndices, knnDistances)
  // With the neighbours given, umap-js only reads how many points there are.
  const epochs = umap.initializeFit(Array.from({ length: count }, (_, i) => [i]))
  for (let epoch = 0; epoch < epochs; epoch++) {
    umap.step()
    await onEpoch?.(epoch + 1, epochs)
  }
  const embedding = umap.getEmbedding()
  const xy = new Float32Array(count * 2)
  embedding.forEach(([x, y], i) => {
    xy[i * 2] = x!
    xy[i * 2 + 1] = y!
  })
  return normalise(xy)
}

function withPausePoint(random: () => number, pausePoint: (() => void) | undefined): () => number {
  if (!pausePoint) return random
  let draws = 0
  return () => {
    if (++draws % DRAWS_PER_PAUSE_POINT === 0) pausePoint()
    return random()
  }
}

function circle(count: number): Float32Array {
  const xy = new Float32Array(count * 2)
  for (let i = 0; i < count; i++) {
    const angle = (2 * Math.PI * i) / Math.max(1, count)
    xy[i * 2] = count === 1 ? 0 : Math.cos(angle)
    xy[i * 2 + 1] = count === 1 ? 0 : Math.sin(angle)
  }
  return xy
}

/** Centres the layout on its median and scales it so the 1st-99th percentile range spans 2 units (outliers may stick out). */
function normalise(xy: Float32Array): Float32Array {
  const count = xy.length / 2
  if (count === 0) return xy
  const xs = Float32Array.from({ length: count }, (_, i) => xy[i * 2]!).sort()
  const ys = Float32Array.from({ length: count }, (_, i) => xy[i * 2 + 1]!).sort()
  const at = (sorted: Float32Array, q: number) => sorted[Math.min(count - 1, Math.max(0, Math.round(q * (count - 1))))]!
  const cx = at(xs, 0.5)
  const cy = at(ys, 0.5)
  const span = Math.max(at(xs, 0.99) - at(xs, 0.01), at(ys, 0.99) - at(ys, 0.01), 1e-6)
  const scale = 2 / span
  const out = new Float32Array(xy.length)
  for (let i = 0; i < count; i++) {
    out[i * 2] = (xy[i * 2]! - cx) * scale
    out[i * 2 + 1] = (xy[i * 2 + 1]! - cy) * scale
  }
  return out
}
