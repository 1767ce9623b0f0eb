// Places new points onto an existing layout as UMAP's transform starts them: the membership-weighted mean of their
// nearest notes by meaning (fuzzy weights from the distances, as in the layout's own graph); the cluster by weighted vote.
import type { Neighbours } from './neighbours'

/** Nearest layout notes a new point is placed among. */
export const PLACEMENT_NEIGHBOURS = 10

export interface Placed {
  xy: Float32Array
  cluster: Int32Array
}

/**
 * Positions (and clusters) for the rows of `neighbours` (their nearest layout notes, best first). Weights follow UMAP's
 * smooth-kNN: w = exp(-(d - rho) / sigma) with rho the nearest distance and sigma set so the weights sum to log2(k).
 * Only neighbours in the nearest one's region count (within twice the spread of the neighbours around it), so a note
 * between two distant groups lands in the closer group rather than in the empty space between them.
 */
export function placeOnLayout(neighbours: Neighbours, layoutXY: Float32Array, layoutClusters: Int32Array): Placed {
  const rows = neighbours.indices.length / neighbours.k
  const xy = new Float32Array(rows * 2)
  const cluster = new Int32Array(rows).fill(-1)
  for (let r = 0; r < rows; r++) {
    const ids: number[] = []
    const distances: number[] = []
    for (let j = 0; j < neighbours.k; j++) {
      const id = neighbours.indices[r * neighbours.k + j]!
      if (id < 0) continue
      ids.push(id)
      distances.push(Math.max(0, 1 - neighbours.similarities[r * neighbours.k + j]!))
    }
    if (ids.length === 0) continue
    const weights = membershipWeights(distances)
    const inRegion = nearRegion(ids, layoutXY)
    let sx = 0
    let sy = 0
    let total = 0
    const votes = new Map<number, number>()
    ids.forEach((id, j) => {
      votes.set(layoutClusters[id]!, (votes.get(layoutClusters[id]!) ?? 0) + weights[j]!)
      if (!inRegion[j]) return
      sx += layoutXY[id * 2]! * weights[j]!
      sy += layoutXY[id * 2 + 1]! * weights[j]!
      total += weights[j]!
    })
    xy[r * 2] = sx / total
    xy[r * 2 + 1] = sy / total
    cluster[r] = [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0]
  }
  return { xy, cluster }
}

/** UMAP's fuzzy membership of each neighbour (distances ascending): sums to log2(k) by binary search on sigma. */
export function membershipWeights(distances: readonly number[]): number[] {
  const rho = distances[0]!
  const target = Math.log2(Math.max(2, distances.length))
  let lo = 0
  let hi = Infinity
  let sigma = 1
  const sum = (s: number) => distances.reduce((acc, d) => acc + Math.exp(-Math.max(0, d - rho) / s), 0)
  for (let iteration = 0; iteration < 64; iteration++) {
    const value = sum(sigma)
    if (Math.abs(value - target) < 1e-5) break
    if (value > target) {
      hi = sigma
      sigma = (lo + hi) / 2
    } else {
      lo = sigma
      sigma = hi === Infinity ? sigma * 2 : (lo + hi) / 2
    }
  }
  return distances.map((d) => Math.exp(-Math.max(0, d - rho) / Math.max(sigma, 1e-12)))
}

/** Which neighbours lie in the nearest one's region: within twice the median distance of all of them to it. */
function nearRegion(ids: number[], layoutXY: Float32Array): boolean[] {
  const x0 = layoutXY[ids[0]! * 2]!
  const y0 = layoutXY[ids[0]! * 2 + 1]!
  const spread = ids.map((id) => Math.hypot(layoutXY[id * 2]! - x0, layoutXY[id * 2 + 1]! - y0))
  const median = [...spread].sort((a, b) => a - b)[Math.floor(spread.length / 2)]!
  return spread.map((d) => d <= 2 * median + 1e-9)
}
