// The map's pure pieces against brute-force references: exact neighbours through onnxruntime, 2-D neighbours, HDBSCAN
// clusters, trustworthiness, placement weights, language centring, cluster names, the renderer's grid and key steps.
import { describe, expect, it } from 'vitest'
import { densityClusters } from '../../src/main/engine/map/clusters'
import { clusterTerms, contentWords } from '../../src/main/engine/map/labels'
import { LanguageCentring } from '../../src/main/engine/map/language-centring'
import { SimilarityEngine, type VectorSet } from '../../src/main/engine/map/neighbours'
import { membershipWeights, placeOnLayout } from '../../src/main/engine/map/placement'
import { planeNeighbours } from '../../src/main/engine/map/plane'
import { layoutQuality } from '../../src/main/engine/map/quality'
import { umapLayout } from '../../src/main/engine/map/umap-layout'
import { folderGroups } from '../../src/shared/map-groups'
import { rootNames } from '../../src/shared/root-names'
import { PointGrid, stepToward } from '../../src/renderer/src/lib/map-geometry'
import { rng } from '../helpers/rng'

/** `count` unit vectors of `dim` dimensions around `groups` random centres. */
function clusteredVectors(count: number, dim: number, groups: number, seed: number, spread = 0.6): { set: VectorSet; group: number[] } {
  const random = rng(seed)
  const centres = Array.from({ length: groups }, () => Array.from({ length: dim }, () => random() - 0.5))
  const values = new Float32Array(count * dim)
  const group: number[] = []
  for (let i = 0; i < count; i++) {
    const g = i % groups
    group.push(g)
    let norm = 0
    for (let d = 0; d < dim; d++) {
      const v = centres[g]![d]! + (random() - 0.5) * spread
      values[i * dim + d] = v
      norm += v * v
    }
    for (let d = 0; d < dim; d++) values[i * dim + d]! /= Math.sqrt(norm)
  }
  return { set: { values, count, dim }, group }
}

function dot(a: VectorSet, i: number, b: VectorSet, j: number): number {
  let sum = 0
  for (let d = 0; d < a.dim; d++) sum += a.values[i * a.dim + d]! * b.values[j * b.dim + d]!
  return sum
}

describe('exact neighbours through onnxruntime', () => {
  it('match brute force across several row blocks, never listing a note as its own neighbour', async () => {
    const engine = await SimilarityEngine.create()
    // 2,100 x 2,100 similarities: several blocks of rows (~1,900 rows per block at this size).
    const { set } = clusteredVectors(2100, 24, 7, 1)
    const found = await engine.neighbours(set, set, 5, { sameSet: true })
    for (const i of [0, 1, 999, 1900, 2099]) {
      const expected = Array.from({ length: set.count }, (_, j) => j)
        .filter((j) => j !== i)
        .sort((a, b) => dot(set, i, set, b) - dot(set, i, set, a))
        .slice(0, 5)
      expect([...found.indices.subarray(i * 5, i * 5 + 5)]).toEqual(expected)
      expect(found.similarities[i * 5]).toBeCloseTo(dot(set, i, set, expected[0]!), 4)
    }
    const rows: number[] = []
    await engine.similarityRows(set, set, (start, count, similarities) => {
      if (start <= 1950 && 1950 < start + count) rows.push(similarities[(1950 - start) * set.count + 7]!)
    })
    expect(rows[0]).toBeCloseTo(dot(set, 1950, set, 7), 4)
    await engine.dispose()
  })
})

describe('2-D neighbours and clusters', () => {
  it('the grid finds the same neighbours as brute force', () => {
    const random = rng(3)
    const xy = Float32Array.from({ length: 1200 }, () => random() * 10)
    const found = planeNeighbours(xy, 6)
    for (const i of [0, 17, 599]) {
      const d = (j: number) => Math.hypot(xy[j * 2]! - xy[i * 2]!, xy[j * 2 + 1]! - xy[i * 2 + 1]!)
      const expected = Array.from({ length: 600 }, (_, j) => j)
        .filter((j) => j !== i)
        .sort((a, b) => d(a) - d(b))
        .slice(0, 6)
      expect([...found.indices.subarray(i * 6, i * 6 + 6)].map(d)).toEqual(expected.map(d))
    }
  })

  it('HDBSCAN finds separate blobs and leaves a far point out', () => {
    const random = rng(5)
    const centres = [
      [0, 0],
      [10, 0],
      [0, 10]
    ]
    const points: number[] = []
    for (let i = 0; i < 150; i++) {
      const [cx, cy] = centres[i % 3]!
      points.push(cx! + (random() - 0.5) * 2, cy! + (random() - 0.5) * 2)
    }
    points.push(40, 40)
    const labels = densityClusters(Float32Array.from(points), { minClusterSize: 10, minSamples: 5, selection: 'eom' })
    expect(new Set([...labels.subarray(0, 150)].filter((l) => l >= 0)).size).toBe(3)
    for (let i = 0; i < 150; i++) if (labels[i]! >= 0) expect(labels[i]).toBe(labels[i % 3])
    expect(labels[150]).toBe(-1)
    expect([...labels.subarray(0, 150)].filter((l) => l < 0).length).toBeLessThan(15)
  })
})

describe('layout quality', () => {
  it('trustworthiness matches the definition computed naively, and a good layout beats a shuffled one', async () => {
    const engine = await SimilarityEngine.create()
    const { set } = clusteredVectors(240, 16, 6, 9, 0.9)
    const neighbours = await engine.neighbours(set, set, 15, { sameSet: true })
    const xy = await umapLayout(set.count, neighbours, 42)
    const quality = await layoutQuality(engine, set, xy, 10, new Int32Array([0, 6, 1, 7]))
    expect(quality.trustworthiness).toBeCloseTo(naiveTrustworthiness(set, xy, 10), 10)
    expect(quality.trustworthiness).toBeGreaterThan(0.9)
    const random = rng(2)
    const shuffled = Float32Array.from(xy, () => random())
    const worse = await layoutQuality(engine, set, shuffled, 10, new Int32Array(0))
    expect(worse.trustworthiness).toBeLessThan(quality.trustworthiness - 0.2)
    expect(worse.neighbourPreservation).toBeLessThan(quality.neighbourPreservation)
    // Notes of one group (0 and 6 share a centre) sit closer than most others.
    expect(quality.pairsOnMap[0]).toBeGreaterThan(0.7)
    expect(quality.pairsByMeaning[0]).toBeGreaterThan(0.7)
    // The same input gives the same layout.
    expect(await umapLayout(set.count, neighbours, 42)).toEqual(xy)
    await engine.dispose()
  })

  function naiveTrustworthiness(set: VectorSet, xy: Float32Array, k: number): number {
    const n = set.count
    let penalty = 0
    for (let i = 0; i < n; i++) {
      const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i)
      const byMeaning = [...others].sort((a, b) => dot(set, i, set, b) - dot(set, i, set, a))
      const onMap = [...others].sort((a, b) => Math.hypot(xy[a * 2]! - xy[i * 2]!, xy[a * 2 + 1]! - xy[i * 2 + 1]!) - Math.hypot(xy[b * 2]! - xy[i * 2]!, xy[b * 2 + 1]! - xy[i * 2 + 1]!))
      const top = new Set(byMeaning.slice(0, k))
      for (const j of onMap.slice(0, k)) if (!top.has(j)) penalty += byMeaning.indexOf(j) + 1 - k
    }
    return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty
  }
})

describe('placing new notes', () => {
  it('weights neighbours like UMAP (sum log2 k) and lands inside the group of its nearest notes', () => {
    const weights = membershipWeights([0.1, 0.2, 0.3, 0.5])
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(2, 3)
    expect(weights[0]).toBe(1)
    const layout = Float32Array.from([0, 0, 0.1, 0, 0, 0.1, 5, 5, 5.1, 5])
    const clusters = Int32Array.from([0, 0, 0, 1, 1])
    // Nearest three in group 0, two far ones in group 1: the point must not land between the groups.
    const placed = placeOnLayout({ k: 5, indices: Int32Array.from([0, 1, 2, 3, 4]), similarities: Float32Array.from([0.9, 0.88, 0.86, 0.85, 0.84]) }, layout, clusters)
    expect(placed.cluster[0]).toBe(0)
    expect(Math.hypot(placed.xy[0]!, placed.xy[1]!)).toBeLessThan(0.2)
  })

  it('language centring is undone exactly and shrinks the mean of a language with few notes', () => {
    const { set } = clusteredVectors(30, 8, 2, 4)
    const langs = Array.from({ length: 30 }, (_, i) => (i === 29 ? 'ko' : i % 2 ? 'zh' : 'en'))
    const centring = LanguageCentring.fit(set, langs)
    const { centred, norms } = centring.apply(set, langs)
    const back = centring.restore(centred, norms, langs)
    for (let i = 0; i < set.values.length; i++) expect(back.values[i]).toBeCloseTo(set.values[i]!, 5)
    // The lone Korean note keeps most of itself (its mean is shrunk by 1 / 11).
    expect(dot(centred, 29, set, 29)).toBeGreaterThan(0.9)
  })
})

describe('cluster names', () => {
  it('takes content words of each language (ICU segmentation for CJK, katakana loanwords joined)', () => {
    expect(contentWords('The sourdough starter needs feeding')).toEqual(['sourdough', 'starter', 'needs', 'feeding'])
    expect(contentWords('天然酵母面包需要喂养')).toEqual(['天然', '酵母', '面包', '需要', '喂养'])
    expect(contentWords('クラスターのコンテナを起動する')).toContain('クラスター')
    expect(contentWords('version 2.0 of the_app')).toEqual(['version'])
  })

  it('names clusters by their distinctive words, in both languages of a mixed cluster', () => {
    const notes = [
      { text: 'sourdough starter flour', lang: 'en' },
      { text: 'sourdough starter water', lang: 'en' },
      { text: '酵母 面包 面粉', lang: 'zh' },
      { text: '酵母 面包 烤箱', lang: 'zh' },
      { text: 'garden tomato soil', lang: 'en' },
      { text: 'garden tomato seedlings', lang: 'en' },
      { text: 'garden soil compost', lang: 'en' }
    ]
    const terms = clusterTerms(notes, Int32Array.from([0, 0, 0, 0, 1, 1, 1]), 2)
    expect(terms[0]).toEqual(expect.arrayContaining(['sourdough', 'starter']))
    expect(terms[0]!.some((word) => /\p{Script=Han}/u.test(word))).toBe(true)
    expect(terms[1]).toEqual(expect.arrayContaining(['garden', 'tomato', 'soil']))
  })
})

describe('renderer geometry', () => {
  it('the grid finds the note under the pointer; arrow steps go to the nearest note that way', () => {
    const xs = Float32Array.from([0, 1, 2, 1, 1])
    const ys = Float32Array.from([0, 0, 0, 1, -1])
    const grid = new PointGrid(xs, ys)
    expect(grid.nearest(1.05, 0.02, 0.2, () => true)).toBe(1)
    expect(grid.nearest(1.5, 0.5, 0.2, () => true)).toBe(-1)
    expect(grid.nearest(1.05, 0.02, 0.2, (i) => i !== 1)).toBe(-1)
    expect(stepToward(1, 'right', xs, ys, () => true)).toBe(2)
    expect(stepToward(1, 'left', xs, ys, () => true)).toBe(0)
    expect(stepToward(1, 'down', xs, ys, () => true)).toBe(3)
    expect(stepToward(1, 'up', xs, ys, () => true)).toBe(4)
    expect(stepToward(2, 'right', xs, ys, () => true)).toBe(-1)
  })

  it('folder groups name several indexed folders apart even when their last names are the same', () => {
    const roots = ['/a/x/corpus', '/a/y/corpus', '/a/y/corpus']
    expect(rootNames(roots)).toEqual(new Map([['/a/x/corpus', 'x/corpus'], ['/a/y/corpus', 'y/corpus']]))
    expect(folderGroups(['/a/x/corpus/n.md', '/a/y/corpus/sub/m.md', '/a/y/corpus/o.md'], roots)).toEqual(['x/corpus', 'y/corpus/sub', 'y/corpus'])
    expect(folderGroups(['/r/n.md', '/r/sub/m.md'], ['/r', '/r'])).toEqual(['', 'sub'])
  })
})
