// ChunkStore on real LanceDB in temp folders: atomic replace, delete, rename, keyword-only mode, filters, CJK full-text.
import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { FTS_INDEX_OPTIONS, FULL_TEXT_SCAN_MAX_ROWS } from '../../src/main/engine/store/index-policy'
import { loadLanceDb } from '../../src/main/engine/store/lancedb'
import { tableNameFor } from '../../src/main/engine/store/schema'
import { filtersToWhere } from '../../src/main/engine/store/sql'
import { DIM, axisVector, noteRows, tempDataDir } from './rows'

let dir: string
let cleanup: () => Promise<void>
let store: ChunkStore

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDataDir())
  store = await ChunkStore.open(dir, { modelId: 'test/tiny-model', dimension: DIM })
})

afterEach(async () => {
  await store.close()
  await cleanup()
})

describe('ChunkStore writes', () => {
  it('names the table after schema version and model id', () => {
    expect(store.tableName).toBe(tableNameFor('test/tiny-model'))
    expect(store.tableName).toMatch(/^chunks_v16_test_tiny_model_[0-9a-f]{8}$/)
    expect(tableNameFor(null)).toBe('chunks_v16_keyword')
  })

  it('replacing a file twice leaves exactly the new rows, no duplicates', async () => {
    await store.replaceFile('/notes/a.md', noteRows({ path: '/notes/a.md', texts: ['one', 'two', 'three'] }))
    await store.replaceFile('/notes/b.md', noteRows({ path: '/notes/b.md', texts: ['other'] }))
    const second = noteRows({ path: '/notes/a.md', texts: ['one', 'changed'], contentHash: 'h2' })
    await store.replaceFile('/notes/a.md', second)
    await store.replaceFile('/notes/a.md', second)
    expect(await store.countRows()).toBe(3)
    const ids = await store.chunkIdsByPath(['/notes/a.md'])
    expect(ids.get('/notes/a.md')).toEqual(second.map((r) => r.id))
    // Reversed input order: listings still come back in note order.
    await store.replaceFile('/notes/a.md', [...second].reverse())
    expect((await store.listPaths()).find((p) => p.path === '/notes/a.md')!.chunkIds).toEqual(second.map((r) => r.id))
    expect((await store.chunkIdsByPath()).get('/notes/a.md')).toEqual(second.map((r) => r.id))
    expect((await store.rowsOf('/notes/a.md')).map((r) => r.text)).toEqual(['one', 'changed'])
    expect((await store.rowsOf('/notes/b.md')).map((r) => r.text)).toEqual(['other'])
  })

  it('replaces several files in one call and removes a file given no rows', async () => {
    await store.replaceFiles([
      { path: '/notes/a.md', rows: noteRows({ path: '/notes/a.md', texts: ['a1', 'a2'] }) },
      { path: '/notes/b.md', rows: noteRows({ path: '/notes/b.md', texts: ['b1'] }) }
    ])
    await store.replaceFiles([
      { path: '/notes/a.md', rows: [] },
      { path: '/notes/b.md', rows: noteRows({ path: '/notes/b.md', texts: ['b1', 'b2', 'b3'], contentHash: 'x' }) },
      { path: '/notes/c.md', rows: noteRows({ path: '/notes/c.md', texts: ['c1'] }) }
    ])
    const listed = await store.listPaths()
    expect(listed.map((p) => [p.path, p.chunkIds.length, p.contentHash]).sort()).toEqual([
      ['/notes/b.md', 3, 'x'],
      ['/notes/c.md', 1, 'h']
    ])
  })

  it('rejects rows whose path differs from the file, duplicate ids and wrong vector sizes', async () => {
    const rows = noteRows({ path: '/notes/a.md', texts: ['x'] })
    await expect(store.replaceFile('/notes/other.md', rows)).rejects.toThrow(/expected \/notes\/other.md/)
    await expect(store.replaceFile('/notes/a.md', [...rows, ...rows])).rejects.toThrow(/duplicate/)
    await expect(store.replaceFile('/notes/a.md', [{ ...rows[0]!, vector: new Float32Array(3) }])).rejects.toThrow(/8-d vector/)
    expect(await store.countRows()).toBe(0)
  })

  it('deleteFiles leaves no rows of those files', async () => {
    for (const p of ['/notes/a.md', '/notes/b.md', "/notes/it's.md"]) await store.replaceFile(p, noteRows({ path: p, texts: ['x', 'y'] }))
    await store.deleteFiles(['/notes/a.md', "/notes/it's.md"])
    expect(await store.countRows()).toBe(2)
    expect((await store.listPaths()).map((p) => p.path)).toEqual(['/notes/b.md'])
  })

  it('renamePath moves rows with their vectors and new ids, replacing rows already at the target', async () => {
    const rows = noteRows({ path: '/notes/old.md', texts: ['alpha', 'beta'], axes: [3, 5] })
    await store.replaceFile('/notes/old.md', rows)
    await store.replaceFile('/notes/new.md', noteRows({ path: '/notes/new.md', texts: ['stale'] }))
    const ids = await store.renamePath('/notes/old.md', {
      path: '/notes/new.md', root: '/notes', title: 'new', ext: 'md', lang: 'en', contentHash: 'h', mtime: 5, size: 7
    })
    expect(await store.countRows()).toBe(2)
    const moved = await store.rowsOf('/notes/new.md')
    expect(moved.map((r) => r.id)).toEqual(ids)
    expect(ids).not.toEqual(rows.map((r) => r.id))
    expect(moved.map((r) => r.text)).toEqual(['alpha', 'beta'])
    expect(moved.map((r) => [r.title, r.mtime, r.size, r.lang])).toEqual([['new', 5, 7, 'en'], ['new', 5, 7, 'en']])
    expect(Array.from(moved[0]!.vector!)).toEqual(Array.from(rows[0]!.vector!))
    expect(Array.from(moved[1]!.vector!)).toEqual(Array.from(rows[1]!.vector!))
    expect(await store.rowsOf('/notes/old.md')).toEqual([])
    expect(await store.renamePath('/notes/missing.md', { ...moved[0]!, path: '/notes/x.md' })).toEqual([])
  })

  it('touchFile updates mtime and size only', async () => {
    await store.replaceFile('/notes/a.md', noteRows({ path: '/notes/a.md', texts: ['x', 'y'] }))
    await store.touchFile('/notes/a.md', { mtime: 42.5, size: 9 })
    const [listed] = await store.listPaths()
    expect([listed!.mtime, listed!.size, listed!.contentHash]).toEqual([42.5, 9, 'h'])
  })

  it('serializes concurrent writes from one process', async () => {
    const writes = Array.from({ length: 12 }, (_, i) => {
      const path = `/notes/n${i % 4}.md`
      return store.replaceFile(path, noteRows({ path, texts: Array.from({ length: (i % 3) + 1 }, (_, j) => `t${i}-${j}`), contentHash: `v${i}` }))
    })
    await Promise.all(writes)
    // The last write per path wins: i = 8..11 -> 3, 1, 2, 3 chunks.
    const counts = Object.fromEntries((await store.listPaths()).map((p) => [p.path, p.chunkIds.length]))
    expect(counts).toEqual({ '/notes/n0.md': 3, '/notes/n1.md': 1, '/notes/n2.md': 2, '/notes/n3.md': 3 })
  })

  it('reuses vectors by embed key and averages a note', async () => {
    const rows = noteRows({ path: '/notes/a.md', texts: ['x', 'y'], axes: [0, 1] })
    await store.replaceFile('/notes/a.md', rows)
    const vectors = await store.vectorsByEmbedKey('/notes/a.md')
    expect([...vectors.keys()].sort()).toEqual(rows.map((r) => r.embedKey).sort())
    const mean = (await store.meanVectorOf('/notes/a.md'))!
    expect(Math.hypot(...mean)).toBeCloseTo(1, 5)
    expect(await store.meanVectorOf('/notes/none.md')).toBeNull()
  })

  it('spaces upkeeps by table size unless forced; writes stay searchable meanwhile', async () => {
    await store.close()
    store = await ChunkStore.open(dir, { modelId: 'spaced', dimension: DIM, upkeepSpacingMs: () => 3_600_000, maintenanceDelayMs: 0 })
    await store.replaceFile('/notes/a.md', noteRows({ path: '/notes/a.md', texts: ['first words'] }))
    await store.maintain({ force: true })
    await store.replaceFile('/notes/b.md', noteRows({ path: '/notes/b.md', texts: ['second words'] }))
    await store.maintain()
    expect((await store.indexState()).unindexedRows).toBe(1)
    expect((await store.keywordSearch('words', { limit: 5 })).map((h) => h.path).sort()).toEqual(['/notes/a.md', '/notes/b.md'])
    await store.maintain({ force: true })
    expect((await store.indexState()).unindexedRows).toBe(0)
  })

  it('scans up to FULL_TEXT_SCAN_MAX_ROWS rows outside the full-text index; beyond, words find indexed rows, meaning finds all, until a catch-up', async () => {
    await store.close()
    store = await ChunkStore.open(dir, { modelId: 'tail', dimension: DIM, upkeepSpacingMs: () => 3_600_000, maintenanceDelayMs: 3_600_000, maintenanceMaxDelayMs: 3_600_000 })
    await store.replaceFile('/notes/old.md', noteRows({ path: '/notes/old.md', texts: ['harbour lighthouse keeper'], axes: [1] }))
    await store.maintain({ force: true })
    const bulk = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ path: `/notes/bulk-${from + i}.md`, rows: noteRows({ path: `/notes/bulk-${from + i}.md`, texts: [`lighthouse log ${from + i}`], axes: [2] }) }))
    await store.replaceFiles(bulk(0, FULL_TEXT_SCAN_MAX_ROWS))
    expect((await store.indexState()).unindexedRows).toBe(FULL_TEXT_SCAN_MAX_ROWS)
    expect(await store.keywordSearch('lighthouse', { limit: 1000 })).toHaveLength(FULL_TEXT_SCAN_MAX_ROWS + 1)
    await store.catchUpKeywords() // nothing missed: no upkeep
    expect((await store.indexState()).unindexedRows).toBe(FULL_TEXT_SCAN_MAX_ROWS)
    await store.replaceFiles(bulk(FULL_TEXT_SCAN_MAX_ROWS, 1))
    // One row past the bound: only the indexed note is found by words (the bulk is not scanned), every row by meaning.
    expect((await store.keywordSearch('lighthouse', { limit: 1000 })).map((h) => h.path)).toEqual(['/notes/old.md'])
    expect(await store.vectorSearch(axisVector(2), { limit: 1000 })).toHaveLength(FULL_TEXT_SCAN_MAX_ROWS + 2)
    await store.maintain()
    expect((await store.indexState()).unindexedRows).toBe(FULL_TEXT_SCAN_MAX_ROWS + 1)
    await store.catchUpKeywords()
    expect((await store.indexState()).unindexedRows).toBe(0)
    expect(await store.keywordSearch('lighthouse', { limit: 1000 })).toHaveLength(FULL_TEXT_SCAN_MAX_ROWS + 2)
  })

  it('knows the notes\' languages at once after a write brings a new one, and keeps them across writes that do not', async () => {
    const note = (path: string, lang: string) => noteRows({ path, texts: [`text of ${path}`] }).map((row) => ({ ...row, lang }))
    expect(await store.languages()).toEqual([])
    await store.replaceFile('/notes/en.md', note('/notes/en.md', 'en'))
    expect(await store.languages()).toEqual(['en'])
    await store.replaceFile('/notes/zh.md', note('/notes/zh.md', 'zh-Hans'))
    expect(await store.languages()).toEqual(['en', 'zh'])
    await store.replaceFile('/notes/zh2.md', note('/notes/zh2.md', 'zh'))
    await store.replaceFile('/notes/zh3.md', note('/notes/zh3.md', 'zh'))
    // No new language: the last answer is given while the counts are read again; then the order follows them.
    expect(await store.languages()).toEqual(['en', 'zh'])
    await vi.waitFor(async () => expect(await store.languages()).toEqual(['zh', 'en']))
    await store.deleteFiles(['/notes/en.md'])
    await store.languages()
    await vi.waitFor(async () => expect(await store.languages()).toEqual(['zh']))
  })

  it('holds upkeep back while work runs apart from it, and starts such work only once an upkeep in progress ended', async () => {
    await store.close()
    store = await ChunkStore.open(dir, { modelId: 'held', dimension: DIM, upkeepSpacingMs: () => 0, maintenanceDelayMs: 3_600_000, maintenanceMaxDelayMs: 3_600_000 })
    await store.replaceFile('/notes/a.md', noteRows({ path: '/notes/a.md', texts: ['first words'] }))
    await store.maintain({ force: true })
    await store.replaceFile('/notes/b.md', noteRows({ path: '/notes/b.md', texts: ['second words'] }))
    await store.apartFromUpkeep(async () => {
      await store.maintain()
      expect((await store.indexState()).unindexedRows).toBe(1)
    })
    // The upkeep held back starts as the work ends; the next work waits for it.
    await store.apartFromUpkeep(async () => expect((await store.indexState()).unindexedRows).toBe(0))
  })

  it('keeps disk bounded: upkeep compacts and drops old versions', async () => {
    const path = '/notes/a.md'
    for (let i = 0; i < 15; i++) await store.replaceFile(path, noteRows({ path, texts: [`version ${i} `.repeat(200)], contentHash: `v${i}` }))
    const before = await store.diskBytes()
    const retained = await ChunkStore.open(dir, { modelId: 'other', dimension: DIM, versionRetentionMs: 0 })
    await retained.close()
    const short = await ChunkStore.open(dir, { modelId: 'test/tiny-model', dimension: DIM, versionRetentionMs: 0 })
    await store.close()
    store = short
    await store.replaceFile(path, noteRows({ path, texts: ['final'], contentHash: 'final' }))
    await store.maintain({ force: true })
    const after = await store.diskBytes()
    expect(after).toBeLessThan(before / 2)
    expect((await store.rowsOf(path)).map((r) => r.text)).toEqual(['final'])
  })
})

describe('ChunkStore reopen and keyword-only mode', () => {
  it('keeps rows across reopen and recreates a table whose dimension changed', async () => {
    await store.replaceFile('/notes/a.md', noteRows({ path: '/notes/a.md', texts: ['x'] }))
    await store.close()
    store = await ChunkStore.open(dir, { modelId: 'test/tiny-model', dimension: DIM })
    expect(await store.countRows()).toBe(1)
    expect(store.recreatedReason).toBeUndefined()
    await store.close()
    store = await ChunkStore.open(dir, { modelId: 'test/tiny-model', dimension: DIM * 2 })
    expect(store.recreatedReason).toMatch(/layout changed/)
    expect(await store.countRows()).toBe(0)
  })

  it('recreates a table whose files were damaged, reporting why', async () => {
    await store.replaceFile('/notes/a.md', noteRows({ path: '/notes/a.md', texts: ['x'] }))
    await store.close()
    const versions = join(dir, 'lancedb', `${store.tableName}.lance`, '_versions')
    for (const name of await readdir(versions)) await writeFile(join(versions, name), 'garbage')
    store = await ChunkStore.open(dir, { modelId: 'test/tiny-model', dimension: DIM })
    expect(store.recreatedReason).toMatch(/could not be read/)
    expect(await store.countRows()).toBe(0)
    await store.replaceFile('/notes/a.md', noteRows({ path: '/notes/a.md', texts: ['x'] }))
    expect(await store.countRows()).toBe(1)
  })

  it('stores and finds rows without vectors when there is no model, beside the model table', async () => {
    const keyword = await ChunkStore.open(dir, { modelId: null })
    try {
      expect(keyword.keywordOnly).toBe(true)
      await keyword.replaceFile('/notes/a.md', noteRows({ path: '/notes/a.md', texts: ['keyword only search works'] }, false))
      await expect(keyword.replaceFile('/notes/b.md', noteRows({ path: '/notes/b.md', texts: ['x'] }))).resolves.toBeUndefined()
      const hits = await keyword.keywordSearch('search', { limit: 5 })
      expect(hits.map((h) => h.path)).toEqual(['/notes/a.md'])
      expect(await keyword.vectorSearch(axisVector(0), { limit: 5 })).toEqual([])
      expect(await keyword.vectorsByEmbedKey('/notes/a.md')).toEqual(new Map())
      const renamed = await keyword.renamePath('/notes/a.md', { path: '/notes/c.md', root: '/notes', title: 'c', ext: 'md', lang: '', contentHash: 'h', mtime: 1, size: 1 })
      expect(renamed).toHaveLength(1)
      expect(await ChunkStore.listTables(dir)).toEqual(expect.arrayContaining([keyword.tableName, store.tableName]))
    } finally {
      await keyword.close()
    }
    await ChunkStore.dropTable(dir, 'chunks_v16_keyword')
    expect(await ChunkStore.listTables(dir)).toEqual([store.tableName])
  })
})

describe('ChunkStore search legs', () => {
  it('full-text search segments Chinese and Japanese (ICU), finds rows written after the index, and forgets deleted rows', async () => {
    await store.replaceFile('/notes/zh.md', noteRows({ path: '/notes/zh.md', texts: ['中文文本的全文检索是一个有趣的问题'] }))
    await store.replaceFile('/notes/ja.md', noteRows({ path: '/notes/ja.md', texts: ['東京は日本の首都です。全文検索エンジンを作る。'] }))
    await store.replaceFile('/notes/en.md', noteRows({ path: '/notes/en.md', texts: ['Running quickly through the search engines'] }))
    expect((await store.keywordSearch('检索', { limit: 5 })).map((h) => h.path)).toEqual(['/notes/zh.md'])
    expect((await store.keywordSearch('首都', { limit: 5 })).map((h) => h.path)).toEqual(['/notes/ja.md'])
    expect((await store.keywordSearch('検索エンジン', { limit: 5 })).map((h) => h.path)).toEqual(['/notes/ja.md'])
    expect((await store.keywordSearch('run', { limit: 5 })).map((h) => h.path)).toEqual(['/notes/en.md'])
    await store.replaceFile('/notes/zh2.md', noteRows({ path: '/notes/zh2.md', texts: ['另一个检索'] }))
    expect((await store.indexState()).unindexedRows).toBeGreaterThan(0)
    expect((await store.keywordSearch('检索', { limit: 5 })).map((h) => h.path).sort()).toEqual(['/notes/zh.md', '/notes/zh2.md'])
    await store.deleteFiles(['/notes/zh.md'])
    expect((await store.keywordSearch('检索', { limit: 5 })).map((h) => h.path)).toEqual(['/notes/zh2.md'])
    await store.maintain({ force: true })
    const state = await store.indexState()
    expect([state.fullText, state.unindexedRows]).toEqual([true, 0])
    expect((await store.keywordSearch('检索', { limit: 5 })).map((h) => h.path)).toEqual(['/notes/zh2.md'])
    expect(await store.indexTerms('全文检索 Running')).toEqual(['全文', '检索', 'run'])
  })

  it('needs ICU: a full-text index with the default tokenizer finds nothing for a Chinese word', async () => {
    const { connect, Index } = await loadLanceDb()
    const db = await connect(join(dir, 'plain'))
    const table = await db.createTable('t', [{ text: '中文文本的全文检索是一个有趣的问题' }, { text: 'english words' }])
    await table.createIndex('text', { config: Index.fts() })
    expect(await table.query().fullTextSearch('检索').toArray()).toEqual([])
    await table.createIndex('text', { config: Index.fts(FTS_INDEX_OPTIONS), replace: true })
    const found = await table.query().fullTextSearch('检索').select(['text']).toArray()
    expect(found.map((r: { text: string }) => r.text)).toEqual(['中文文本的全文检索是一个有趣的问题'])
    db.close()
  })

  it('ranks by content words only, and searches stop words only when no content word matches', async () => {
    const filler = ['What is not on the table is what it is', 'It is not the way it was and what it is', 'This is what they are not', 'The ink is not dry']
    const files = filler.map((text, i) => ({ path: `/notes/s${i}.md`, rows: noteRows({ path: `/notes/s${i}.md`, texts: [text] }) }))
    await store.replaceFiles(files)
    await store.replaceFile('/notes/dog.md', noteRows({ path: '/notes/dog.md', texts: ['A dog barking at night'] }))
    await store.replaceFile('/notes/cat.md', noteRows({ path: '/notes/cat.md', texts: ['Cats sleep all day'] }))
    expect((await store.keywordSearch('What is not the dog?', { limit: 10 })).map((h) => h.path)).toEqual(['/notes/dog.md'])
    const fillerPaths = files.map((f) => f.path).sort()
    // No content word matches anything (not even by edit distance): the stop words still lead somewhere.
    expect((await store.keywordSearch('Zebras are not what?', { limit: 10 })).map((h) => h.path).sort()).toEqual(fillerPaths)
    expect((await store.keywordSearch('what is not', { limit: 10 })).map((h) => h.path).sort()).toEqual(fillerPaths)
    expect(await store.indexTerms('What is not the dog?')).toEqual(['dog'])
    expect(await store.indexTerms('La casa de papel')).toEqual(['casa', 'papel'])
    // Words LanceDB's own (multilingual) stop-word filter would have dropped from the index are found.
    expect((await store.keywordSearch('dog', { limit: 10 })).map((h) => h.path)).toEqual(['/notes/dog.md'])
  })

  it('finds a misspelt word of 5+ letters by edit distance, below exact matches, and copes with accented words', async () => {
    await store.replaceFile('/notes/g.md', noteRows({ path: '/notes/g.md', texts: ["Gandhi's doctrine of Satyagraha"] }))
    await store.replaceFile('/notes/t.md', noteRows({ path: '/notes/t.md', texts: ['Thoreau wrote an essay on civil disobedience'] }))
    await store.replaceFile('/notes/w.md', noteRows({ path: '/notes/w.md', texts: ['Work called hard'] }))
    // Edit-distance matching expands a word over the index's vocabulary, i.e. over rows already folded into the index.
    await store.maintain({ force: true })
    expect((await store.keywordSearch("What was Ghandi's doctrine?", { limit: 5 })).map((h) => h.path)[0]).toBe('/notes/g.md')
    expect((await store.keywordSearch('Ghandi', { limit: 5 })).map((h) => h.path)).toEqual(['/notes/g.md'])
    expect((await store.keywordSearch('Thorreau', { limit: 5 })).map((h) => h.path)).toEqual(['/notes/t.md'])
    // Short words are not matched by edit distance ("wark" is not "work").
    expect(await store.keywordSearch('wark', { limit: 5 })).toEqual([])
    // One unknown word at a time goes to edit distance, also when it starts with a non-ASCII letter.
    for (const word of ['último', 'Émile', 'ñandúes']) await expect(store.keywordSearch(word, { limit: 5 })).resolves.toEqual([])
  })

  it('re-indexes a table whose full-text index was built with older tokenizer settings', async () => {
    await store.replaceFile('/notes/a.md', noteRows({ path: '/notes/a.md', texts: ['What is not here'] }))
    await store.close()
    const { connect, Index } = await loadLanceDb()
    const db = await connect(join(dir, 'lancedb'))
    const table = await db.openTable(tableNameFor('test/tiny-model'))
    for (const index of await table.listIndices()) await table.dropIndex(index.name)
    for (const column of ['text', 'title']) await table.createIndex(column, { config: Index.fts({ baseTokenizer: 'icu', withPosition: false }) })
    db.close()
    store = await ChunkStore.open(dir, { modelId: 'test/tiny-model', dimension: DIM })
    await store.flush()
    const state = await store.indexState()
    expect(state.indexNames.filter((n) => n.startsWith('t'))).toEqual(['text_fts_v2', 'title_fts_v2'])
    expect((await store.keywordSearch('not', { limit: 5 })).map((h) => h.path)).toEqual(['/notes/a.md'])
  })

  it('handles queries of stop words, punctuation and query-syntax characters', async () => {
    await store.replaceFile('/notes/a.md', noteRows({ path: '/notes/a.md', texts: ['C++ and "quoted" (text) AND more: a-b'] }))
    for (const query of ['the', '...', '"quoted', '"quoted text"', 'title:more', 'AND OR NOT', 'a-b (text', 'C++ *', '   ']) {
      await expect(store.keywordSearch(query, { limit: 5 })).resolves.toBeInstanceOf(Array)
    }
    expect((await store.keywordSearch('"quoted', { limit: 5 })).map((h) => h.path)).toEqual(['/notes/a.md'])
    expect((await store.keywordSearch('"more text"', { limit: 5 })).map((h) => h.path)).toEqual(['/notes/a.md'])
  })

  it('applies root, path prefix, extension and date filters in both legs, with quotes and odd Unicode in paths', async () => {
    const notes = [
      { path: "/notes/it's/ÄÖ 日本 é\u0301.md", root: '/notes', mtime: 1000, axes: [0] },
      { path: '/notes/plain/b.txt', root: '/notes', mtime: 2000, axes: [0] },
      { path: "/other/O'Brien\\x.md", root: '/other', mtime: 3000, axes: [0] },
      { path: '/notes/plain/c.MD'.toLowerCase(), root: '/notes', mtime: 4000, axes: [0] }
    ]
    for (const n of notes) await store.replaceFile(n.path, noteRows({ ...n, texts: ['shared keyword text'] }))
    const cases: [Parameters<typeof filtersToWhere>[0], string[]][] = [
      [{ roots: ['/other'] }, ["/other/O'Brien\\x.md"]],
      [{ pathPrefix: "/notes/it's/" }, [notes[0]!.path]],
      [{ pathPrefix: "/other/O'Brien\\" }, ["/other/O'Brien\\x.md"]],
      [{ pathPrefix: '/notes/plain/%' }, []],
      [{ extensions: ['TXT'] }, ['/notes/plain/b.txt']],
      [{ extensions: ['.md'], modifiedAfter: 1000, modifiedBefore: 4000 }, [notes[0]!.path, "/other/O'Brien\\x.md"]],
      [{ extensions: ['md'], modifiedAfter: 1001, modifiedBefore: 3000 }, []],
      [{ roots: ['/notes'], modifiedAfter: 1500 }, ['/notes/plain/b.txt', '/notes/plain/c.md']],
      [{ pathPrefix: '/notes/it', extensions: ['md'] }, [notes[0]!.path]],
      [{ roots: [] }, notes.map((n) => n.path)]
    ]
    for (const [filters, expected] of cases) {
      const where = filtersToWhere(filters)
      const keyword = await store.keywordSearch('keyword', { where, limit: 10 })
      const vector = await store.vectorSearch(axisVector(0), { where, limit: 10 })
      expect(keyword.map((h) => h.path).sort(), JSON.stringify(filters)).toEqual([...expected].sort())
      expect(vector.map((h) => h.path).sort(), JSON.stringify(filters)).toEqual([...expected].sort())
    }
  })

  it('builds a vector index from the threshold, retrains it when the table doubles, and still finds filtered neighbours', async () => {
    await store.close()
    store = await ChunkStore.open(dir, { modelId: 'indexed', dimension: DIM, vectorIndexMinRows: 256 })
    const write = async (from: number, count: number) => {
      const files = Array.from({ length: count }, (_, i) => {
        const path = `/notes/n${from + i}.md`
        return { path, rows: noteRows({ path, texts: [`note ${from + i}`], axes: [(from + i) % DIM] }) }
      })
      files.forEach((f, i) => (f.rows[0]!.vector = axisVector((from + i) % DIM, (from + i + 3) % DIM, ((from + i) % 17) / 20)))
      await store.replaceFiles(files)
    }
    await write(0, 200)
    await store.maintain({ force: true })
    expect((await store.indexState()).vectorIndexTrainedRows).toBeNull()
    await write(200, 100)
    await store.maintain({ force: true })
    expect((await store.indexState()).vectorIndexTrainedRows).toBe(300)
    await write(300, 300)
    await store.maintain({ force: true })
    const state = await store.indexState()
    expect([state.vectorIndexTrainedRows, state.rows, state.unindexedRows]).toEqual([600, 600, 0])
    expect(state.indexNames).toEqual(['aliases_fts_v2', 'path_idx', 'text_fts_v2', 'title_fts_v2', 'vector_ivfrq_rows600'])
    await expect(store.prewarm()).resolves.toBeUndefined()
    const query = axisVector(2, 5, 0.1)
    const hits = await store.vectorSearch(query, { limit: 5, where: "starts_with(path, '/notes/n1')" })
    expect(hits).toHaveLength(5)
    expect(hits.every((h) => h.path.startsWith('/notes/n1') && h.text === `note ${h.path.slice(8, -3)}`)).toBe(true)
    // Exact check: the best hit is the closest filtered row.
    const all = (await Promise.all((await store.listPaths()).filter((p) => p.path.startsWith('/notes/n1')).map((p) => store.rowsOf(p.path)))).flat()
    const best = Math.max(...all.map((r) => r.vector!.reduce((s, x, i) => s + x * query[i]!, 0)))
    expect(hits[0]!.score).toBeCloseTo(best, 4)
  })

  it('filters before ranking in both legs: notes that rank low overall are still found', async () => {
    const files = Array.from({ length: 60 }, (_, i) => {
      const rare = i < 3
      const path = rare ? `/rare/n${i}.md` : `/common/n${i}.md`
      const rows = noteRows({ path, texts: [rare ? `alpha ${'filler '.repeat(40)}` : 'alpha alpha alpha'] })
      rows[0]!.vector = axisVector(rare ? 5 : 0)
      return { path, rows }
    })
    await store.replaceFiles(files)
    const where = filtersToWhere({ pathPrefix: '/rare/' })
    expect((await store.keywordSearch('alpha', { where, limit: 5 })).map((h) => h.path).sort()).toEqual(['/rare/n0.md', '/rare/n1.md', '/rare/n2.md'])
    expect((await store.vectorSearch(axisVector(0), { where, limit: 5 })).map((h) => h.path).sort()).toEqual(['/rare/n0.md', '/rare/n1.md', '/rare/n2.md'])
  })

  it('ranks vector hits by cosine similarity', async () => {
    await store.replaceFile('/notes/a.md', noteRows({ path: '/notes/a.md', texts: ['a', 'b'], axes: [2, 4] }))
    await store.replaceFile('/notes/b.md', noteRows({ path: '/notes/b.md', texts: ['c'], axes: [3] }))
    const hits = await store.vectorSearch(axisVector(4), { limit: 3 })
    expect(hits.map((h) => h.text)).toEqual(['b', 'c', 'a'])
    expect(hits[0]!.score).toBeCloseTo(1, 5)
    expect(hits[1]!.score).toBeGreaterThan(hits[2]!.score)
  })
})
