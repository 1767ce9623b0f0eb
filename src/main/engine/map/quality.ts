// How faithful the map is to the vectors: trustworthiness (Venna & Kaski 2001), neighbour preservation, and how close
// given pairs of notes (e.g. translations of each other) sit compared with other notes.
import type { BlockHook, SimilarityEngine, VectorSet } from './neighbours'
import { planeNeighbours } from './plane'
import type { SpaceQuality } from './worker-protocol'

/**
 * Trustworthiness at k: 1 - 2 / (n k (2n - 3k - 1)) * sum over notes i of sum over map neighbours j that are not among
 * i's k nearest by meaning of (rank of j by meaning from i - k). `pairs` holds note indices a0, b0, a1, b1, ...
 */
export async function layoutQuality(
  engine: SimilarityEngine,
  vectors: VectorSet,
  xy: Float32Array,
  k: number,
  pairs: Int32Array,
  onBlock?: BlockHook
): Promise<SpaceQuality> {
  const n = vectors.count
  const kk = Math.min(k, Math.floor((n - 1) / 2))
  const byMeaning = await engine.neighbours(vectors, vectors, kk, { sameSet: true })
  const onMap = planeNeighbours(xy, kk)
  let kept = 0
  /** Per note, its map neighbours that are not among its neighbours by meaning. */
  const intruders: number[][] = []
  for (let i = 0; i < n; i++) {
    const meaning = new Set(byMeaning.indices.subarray(i * kk, (i + 1) * kk))
    const outside: number[] = []
    for (const j of onMap.indices.subarray(i * kk, (i + 1) * kk)) {
      if (meaning.has(j)) kept++
      else outside.push(j)
    }
    intruders.push(outside)
  }
  const pairsOf = pairLookup(pairs)
  const pairsByMeaning = new Float64Array(pairs.length / 2)
  let penalty = 0
  await engine.similarityRows(
    vectors,
    vectors,
    (start, rows, similarities) => {
      for (let r = 0; r < rows; r++) {
        const i = start + r
        const row = similarities.subarray(r * n, (r + 1) * n)
        for (const j of intruders[i]!) penalty += rankFrom(row, i, j) - kk
        for (const [pair, other] of pairsOf.get(i) ?? []) pairsByMeaning[pair]! += shareFarther(i, other, (m) => -row[m]!, n) / 2
      }
    },
    onBlock
  )
  const trustworthiness = kk === 0 ? 1 : 1 - (2 / (n * kk * (2 * n - 3 * kk - 1))) * penalty
  const pairsOnMap = new Float64Array(pairs.length / 2)
  for (let p = 0; p < pairs.length / 2; p++) {
    const a = pairs[p * 2]!
    const b = pairs[p * 2 + 1]!
    for (const [from, to] of [
      [a, b],
      [b, a]
    ] as const) {
      pairsOnMap[p]! += shareFarther(from, to, (m) => Math.hypot(xy[m * 2]! - xy[from * 2]!, xy[m * 2 + 1]! - xy[from * 2 + 1]!), n) / 2
    }
  }
  return { k: kk, trustworthiness, neighbourPreservation: n === 0 || kk === 0 ? 1 : kept / (n * kk), pairsOnMap, pairsByMeaning }
}

/** 1 + how many notes other than i are more similar to i than j is. */
function rankFrom(row: Float32Array, i: number, j: number): number {
  const similarity = row[j]!
  let rank = 1
  for (let m = 0; m < row.length; m++) if (m !== i && m !== j && row[m]! > similarity) rank++
  return rank
}

/** The share of the `count` notes m (other than `from` and `to`) farther from `from` than `to` is (ties count half); `distance` may be any monotone distance. */
function shareFarther(from: number, to: number, distance: (m: number) => number, count: number): number {
  if (count <= 2) return 1
  const target = distance(to)
  let farther = 0
  for (let m = 0; m < count; m++) {
    if (m === from || m === to) continue
    const d = distance(m)
    if (d > target) farther++
    else if (d === target) farther += 0.5
  }
  return farther / (count - 2)
}

/** note -> [pair index, the other note] for both notes of every pair. */
function pairLookup(pairs: Int32Array): Map<number, [number, number][]> {
  const lookup = new Map<number, [number, number][]>()
  for (let p = 0; p < pairs.length / 2; p++) {
    const a = pairs[p * 2]!
    const b = pairs[p * 2 + 1]!
    lookup.set(a, [...(lookup.get(a) ?? []), [p, b]])
    lookup.set(b, [...(lookup.get(b) ?? []), [p, a]])
  }
  return lookup
}
