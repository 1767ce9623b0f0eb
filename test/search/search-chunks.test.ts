// searchChunks and relatedNotes on a real LanceDB store: modes, fusion, grouping, paging, filters, highlights, degrade without a model.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { relatedNotes, searchChunks } from '../../src/main/engine/search/search-chunks'
import { DIM, axisVector, noteRows, tempDataDir } from '../store/rows'

let cleanup: () => Promise<void>
let dir: string
let store: ChunkStore

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDataDir())
  store = await ChunkStore.open(dir, { modelId: 'test', dimension: DIM })
})

afterEach(async () => {
  await store.close()
  await cleanup()
})

/** A unit vector with cosine `cos` to axis 0, the rest along `other`. */
function towardsAxis0(cos: number, other: number): Float32Array {
  const v = new Float32Array(DIM)
  v[0] = cos
  v[other] = Math.sqrt(1 - cos * cos)
  return v
}

describe('searchChunks', () => {
  it('groups chunks by note and pages over notes with a total and relative scores', async () => {
    const files = Array.from({ length: 25 }, (_, i) => {
      const path = `/notes/n${String(i).padStart(2, '0')}.md`
      // Note i mentions "alpha" i+1 times in its first chunk, so BM25 ranks later notes higher.
      return { path, rows: noteRows({ path, texts: [`${'alpha '.repeat(i + 1)}filler text`, 'alpha again here', 'nothing'] }) }
    })
    await store.replaceFiles(files)
    const pages = []
    for (const offset of [0, 10, 20]) pages.push(await searchChunks(store, { query: 'alpha', mode: 'keyword', limit: 10, offset }))
    expect(pages.map((p) => [p.hits.length, p.total, p.offset])).toEqual([[10, 25, 0], [10, 25, 10], [5, 25, 20]])
    const paths = pages.flatMap((p) => p.hits.map((h) => h.path))
    expect(new Set(paths).size).toBe(25)
    const scores = pages.flatMap((p) => p.hits.map((h) => h.score))
    expect(scores[0]).toBe(1)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    expect(scores.at(-1)).toBeGreaterThanOrEqual(0)
    expect(scores.at(-1)).toBeLessThan(scores[0]!)
    const first = pages[0]!.hits[0]!
    expect(first.reasons).toEqual(['keyword'])
    expect(first.morePassages).toHaveLength(1)
    expect(first.passage.text).toContain('alpha alpha')
    expect(first.morePassages[0]!.text).toBe('alpha again here')
    expect(first.passage.highlights.every((r) => first.passage.text.slice(r.start, r.end) === 'alpha')).toBe(true)
    expect([first.passage.lineStart, first.passage.lineEnd, first.ext]).toEqual([1, 9, 'md'])
  })

  it('highlights the spelling the notes use of a misspelt query word', async () => {
    await store.replaceFile('/n/g.md', noteRows({ path: '/n/g.md', texts: ['Gandhi called his doctrine satyagraha.'] }))
    await store.replaceFile('/n/o.md', noteRows({ path: '/n/o.md', texts: ['A doctrine of another kind.'] }))
    const result = await searchChunks(store, { query: "Ghandi's doctrine", mode: 'keyword' })
    expect(result.hits[0]!.path).toBe('/n/g.md')
    const p = result.hits[0]!.passage
    expect(p.highlights.map((r) => p.text.slice(r.start, r.end))).toEqual(['Gandhi', 'doctrine'])
  })

  it('finds Chinese and Japanese notes by keyword and highlights the matched words', async () => {
    await store.replaceFile('/n/zh.md', noteRows({ path: '/n/zh.md', texts: ['这是一个关于全文检索的笔记。今天天气很好。'] }))
    await store.replaceFile('/n/ja.md', noteRows({ path: '/n/ja.md', texts: ['東京は日本の首都です。検索エンジンを作る。'] }))
    const zh = await searchChunks(store, { query: '全文检索', mode: 'keyword' })
    expect(zh.hits.map((h) => h.path)).toEqual(['/n/zh.md'])
    const p = zh.hits[0]!.passage
    expect(p.highlights.map((r) => p.text.slice(r.start, r.end))).toEqual(['全文检索'])
    const ja = await searchChunks(store, { query: '日本の首都', mode: 'keyword' })
    expect(ja.hits.map((h) => h.path)).toEqual(['/n/ja.md'])
    const q = ja.hits[0]!.passage
    expect(q.highlights.map((r) => q.text.slice(r.start, r.end))).toEqual(['日本', '首都'])
  })

  it('semantic mode ranks by vector, marks the best sentence, and asks the scorer only when no term matches', async () => {
    await store.replaceFile('/n/near.md', noteRows({ path: '/n/near.md', texts: ['First sentence here. 第二句话在这里。 Third one.'], axes: [0] }))
    await store.replaceFile('/n/far.md', noteRows({ path: '/n/far.md', texts: ['Unrelated words.'], axes: [5] }))
    const asked: string[][] = []
    const result = await searchChunks(
      store,
      { query: 'meaning only', queryVector: axisVector(0), mode: 'semantic' },
      { scoreSentences: async (s) => (asked.push(s), s.map((x) => (x.includes('第二') ? 1 : 0))) }
    )
    expect(result.mode).toBe('semantic')
    expect(result.semanticAvailable).toBe(true)
    expect(result.hits.map((h) => [h.path, h.reasons])).toEqual([['/n/near.md', ['semantic']], ['/n/far.md', ['semantic']]])
    const p = result.hits[0]!.passage
    expect(p.highlights.map((r) => [p.text.slice(r.start, r.end), r.kind])).toEqual([['第二句话在这里。', 'sentence']])
    expect(asked[0]).toEqual(['First sentence here.', '第二句话在这里。', 'Third one.'])
    const byTerms = await searchChunks(store, { query: 'third', queryVector: axisVector(0), mode: 'semantic' })
    const q = byTerms.hits[0]!.passage
    expect(q.highlights.map((r) => [q.text.slice(r.start, r.end), r.kind])).toEqual([['Third one.', 'sentence'], ['Third', 'term']])
  })

  it('semantic mode keeps the order of similarity and scores notes by it, not by rank alone', async () => {
    const cosines = [0.9, 0.88, 0.3, 0.25, 0.2, 0.15, 0.1]
    await store.replaceFiles(
      cosines.map((cos, i) => {
        const path = `/n/s${i}.md`
        const rows = noteRows({ path, texts: [`note ${i}`] })
        rows[0]!.vector = towardsAxis0(cos, 1 + (i % (DIM - 1)))
        return { path, rows }
      })
    )
    const result = await searchChunks(store, { query: 'meaning only', queryVector: axisVector(0), mode: 'semantic' })
    expect(result.hits.map((h) => h.path)).toEqual(cosines.map((_, i) => `/n/s${i}.md`))
    const scores = result.hits.map((h) => h.score)
    expect(scores[0]).toBe(1)
    expect(scores[1]).toBeGreaterThan(0.9) // nearly as close as the best
    expect(scores[2]).toBeLessThan(0.5) // far less close: a rank-only score would read 0.97
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })

  it('hybrid keeps the note closest in meaning on top among many partial keyword matches', async () => {
    const query = 'alpha beta gamma delta'
    const files = [
      { path: '/n/semantic-zh.md', rows: noteRows({ path: '/n/semantic-zh.md', texts: ['完全不同的语言写的笔记'] }), vectors: [axisVector(0, 1, 0)] },
      { path: '/n/full.md', rows: noteRows({ path: '/n/full.md', texts: ['alpha beta gamma delta all here'] }), vectors: [towardsAxis0(0.1, 3)] },
      ...Array.from({ length: 12 }, (_, i) => ({
        path: `/n/partial${i}.md`, rows: noteRows({ path: `/n/partial${i}.md`, texts: [`alpha ${'word '.repeat(i)}`] }), vectors: [towardsAxis0(0.05, 4)]
      })),
      ...Array.from({ length: 6 }, (_, i) => ({
        path: `/n/near${i}.md`, rows: noteRows({ path: `/n/near${i}.md`, texts: ['no shared words at all'] }), vectors: [towardsAxis0(0.8 - i * 0.01, 5)]
      }))
    ]
    for (const f of files) f.rows.forEach((r, i) => (r.vector = f.vectors[i]))
    await store.replaceFiles(files)
    const result = await searchChunks(store, { query, queryVector: axisVector(0, 1, 0), mode: 'hybrid', limit: 10 })
    const order = result.hits.map((h) => h.path)
    expect(order.slice(0, 2).sort()).toEqual(['/n/full.md', '/n/semantic-zh.md'])
    const firstPartial = order.findIndex((p) => p.includes('partial'))
    expect(order.slice(2, firstPartial).every((p) => p.includes('near'))).toBe(true)
    expect(result.hits.find((h) => h.path === '/n/semantic-zh.md')!.reasons).toEqual(['semantic'])
    expect(result.hits.find((h) => h.path === '/n/full.md')!.reasons).toContain('keyword')
    // Keyword mode alone ranks the full match first and never lists the note without shared words.
    const keyword = await searchChunks(store, { query, mode: 'keyword' })
    expect(keyword.hits[0]!.path).toBe('/n/full.md')
    expect(keyword.hits.map((h) => h.path)).not.toContain('/n/semantic-zh.md')
  })

  it('hybrid keeps a same-language keyword hit that lacks a query word beside the top note by meaning', async () => {
    // The keyword hit covers 3 of 4 query terms and is far in meaning; the semantic leg's top note shares no word. Each leads
    // its leg by about two deviations, so both head the list.
    const files = [
      { path: '/n/meaning.md', rows: noteRows({ path: '/n/meaning.md', texts: ['nothing in common'] }), vector: axisVector(0, 1, 0) },
      { path: '/n/words.md', rows: noteRows({ path: '/n/words.md', texts: ['alpha beta gamma here'] }), vector: towardsAxis0(0.1, 3) },
      ...Array.from({ length: 3 }, (_, i) => ({
        path: `/n/near${i}.md`, rows: noteRows({ path: `/n/near${i}.md`, texts: ['unrelated text'] }), vector: towardsAxis0(0.6 - i * 0.1, 5)
      }))
    ]
    for (const f of files) f.rows[0]!.vector = f.vector
    await store.replaceFiles(files)
    const result = await searchChunks(store, { query: 'alpha beta gamma delta', queryVector: axisVector(0, 1, 0), mode: 'hybrid', limit: 10 })
    expect(result.hits.slice(0, 2).map((h) => h.path).sort()).toEqual(['/n/meaning.md', '/n/words.md'])
  })

  it('applies the same filters to both legs', async () => {
    await store.replaceFile("/a/it's.md", noteRows({ path: "/a/it's.md", root: '/a', texts: ['alpha'], axes: [0], mtime: 10 }))
    await store.replaceFile('/b/x.txt', noteRows({ path: '/b/x.txt', root: '/b', texts: ['alpha'], axes: [0], mtime: 20 }))
    const run = (filters: object) =>
      searchChunks(store, { query: 'alpha', queryVector: axisVector(0), filters }).then((r) => r.hits.map((h) => [h.path, h.reasons]))
    expect(await run({ roots: ['/b'] })).toEqual([['/b/x.txt', ['keyword', 'semantic']]])
    expect(await run({ pathPrefix: "/a/it'" })).toEqual([["/a/it's.md", ['keyword', 'semantic']]])
    expect(await run({ extensions: ['md'], modifiedBefore: 10 })).toEqual([])
    expect(await run({ modifiedAfter: 15 })).toEqual([['/b/x.txt', ['keyword', 'semantic']]])
  })

  it('runs hybrid and semantic as keyword search when there is no model', async () => {
    const keyword = await ChunkStore.open(dir, { modelId: null })
    try {
      await keyword.replaceFile('/n/a.md', noteRows({ path: '/n/a.md', texts: ['keyword fallback works'] }, false))
      for (const mode of ['hybrid', 'semantic'] as const) {
        const result = await searchChunks(keyword, { query: 'fallback', mode })
        expect([result.mode, result.semanticAvailable, result.hits.map((h) => h.path)]).toEqual(['keyword', false, ['/n/a.md']])
      }
      const none = await searchChunks(store, { query: 'fallback', mode: 'semantic' })
      expect([none.mode, none.semanticAvailable]).toEqual(['keyword', false])
      expect(await relatedNotes(keyword, '/n/a.md')).toEqual([])
      await keyword.replaceFile('/n/b.md', noteRows({ path: '/n/b.md', texts: ['fallback again'] }, false))
      await keyword.replaceFile('/n/c.md', noteRows({ path: '/n/c.md', texts: ['unrelated'] }, false))
      const related = await relatedNotes(keyword, '/n/a.md')
      expect(related.map((h) => [h.path, h.reasons])).toEqual([['/n/b.md', ['keyword']]])
    } finally {
      await keyword.close()
    }
  })

  it('returns an empty page for a blank query and clamps odd paging values', async () => {
    const result = await searchChunks(store, { query: '   ', queryVector: axisVector(0) })
    expect([result.hits, result.total]).toEqual([[], 0])
    await store.replaceFile('/n/a.md', noteRows({ path: '/n/a.md', texts: ['word'] }))
    const odd = await searchChunks(store, { query: 'word', limit: Number.NaN, offset: -3 })
    expect([odd.hits.length, odd.offset]).toEqual([1, 0])
  })
})

describe('relatedNotes', () => {
  it('finds notes near the mean of a note\'s chunks, excluding the note itself', async () => {
    await store.replaceFile('/n/self.md', noteRows({ path: '/n/self.md', texts: ['a', 'b'], axes: [0, 1] }))
    await store.replaceFile('/n/close.md', noteRows({ path: '/n/close.md', texts: ['c', 'd'], axes: [1, 6] }))
    await store.replaceFile('/n/far.md', noteRows({ path: '/n/far.md', texts: ['e'], axes: [5] }))
    const related = await relatedNotes(store, '/n/self.md', { limit: 5 })
    expect(related.map((h) => h.path)).toEqual(['/n/close.md', '/n/far.md'])
    expect(related[0]!.score).toBe(1)
    expect(related[0]!.passage.text).toBe('c')
    expect(related[0]!.reasons).toEqual(['semantic'])
    expect(await relatedNotes(store, '/n/unknown.md')).toEqual([])
  })
})
