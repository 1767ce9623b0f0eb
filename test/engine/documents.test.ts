// The engine on a folder of documents beside Markdown notes, with the bundled lite pack: PDF hits carry their page and the
// preview reads that page, documents keep their heading paths, skipped formats say why, tags filter both search legs,
// aliases are found like titles; and an index of the previous format keeps answering while it is replaced.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { Field, Schema, Table as ArrowTable } from 'apache-arrow'
import type { NoteHit, SearchRequest } from '../../src/shared/types'
import { Engine } from '../../src/main/engine/engine'
import { STATE_FILE } from '../../src/main/engine/facade/state-file'
import { Embedder } from '../../src/main/engine/model/embedder'
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { loadLanceDb } from '../../src/main/engine/store/lancedb'
import { FTS_INDEX_OPTIONS, fullTextIndexName } from '../../src/main/engine/store/index-policy'
import { rowsToArrow, tableNameFor } from '../../src/main/engine/store/schema'
import { makeDocx, makeEpub, makeOdt } from '../../scripts/fixtures/office-writer'
import { writeSimplePdf } from '../../scripts/fixtures/pdf-writer'
import { OFFICE_SPEC } from '../fixtures/documents/spec'
import { openIndexed, tempFolders } from './helpers'

const temp = tempFolders()
const MODELS = resolve(__dirname, '..', '..', 'resources', 'models')
const LITE = 'semnote-lite-multi'
const fixtures = join(__dirname, '..', 'fixtures', 'documents')
let root: string
let dataDir: string
let engine: Engine

const NOTES: Record<string, string> = {
  'kyoto.md': '---\ntitle: Kyoto autumn trip\ntags: [travel]\naliases: [京都]\n---\n# Kyoto autumn trip\n\nMaple leaves in the temple gardens; see [[Kansai Pass|the rail pass]].\n',
  'osaka.md': '# Osaka food\n\nStreet food in Dotonbori, takoyaki and okonomiyaki. #travel #food\n',
  'roadmap.md': '# Roadmap\n\nThe garden app ships in spring. #work/projects\n',
  'garden.md': '# Garden diary\n\nWatered the tomatoes in the garden this morning.\n'
}

async function search(request: SearchRequest): Promise<NoteHit[]> {
  return (await engine.call('search', { limit: 20, ...request })).hits
}
const names = (hits: NoteHit[]) => hits.map((hit) => hit.path.slice(root.length + 1)).sort()

beforeAll(async () => {
  root = temp.make('docs-root')
  dataDir = temp.make('docs-data')
  for (const file of ['garden-manual.pdf', 'zh-notes.pdf', 'ja-report.pdf']) copyFileSync(join(fixtures, file), join(root, file))
  writeFileSync(join(root, 'handbook.docx'), await makeDocx(OFFICE_SPEC))
  writeFileSync(join(root, 'handbook.epub'), await makeEpub(OFFICE_SPEC))
  writeFileSync(join(root, 'handbook.odt'), await makeOdt(OFFICE_SPEC))
  writeFileSync(join(root, 'scan.pdf'), writeSimplePdf({ pages: [[], []], drawing: true }))
  writeFileSync(join(root, 'old.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]))
  writeFileSync(join(root, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  mkdirSync(join(root, 'notes'))
  for (const [name, text] of Object.entries(NOTES)) writeFileSync(join(root, 'notes', name), text)
  engine = await openIndexed({ dataDir, modelDirs: [MODELS], modelId: LITE }, [root])
}, 300_000)

afterAll(async () => {
  await engine?.close()
  temp.cleanup()
})

describe('documents in the index', () => {
  it('finds a PDF passage with its page, and the preview reads that page', async () => {
    const [frost] = await search({ query: 'frost valve', mode: 'keyword' })
    expect(frost!.path).toBe(join(root, 'garden-manual.pdf'))
    expect(frost!.title).toBe('Garden Irrigation Manual')
    expect(frost!.passage.page).toBe(12)
    expect(frost!.passage.heading).toBe('Garden Irrigation Manual > Winter storage')
    const page = await engine.call('readNote', { path: frost!.path, page: frost!.passage.page })
    expect(page).toMatchObject({ page: 12, pageCount: 12 })
    const lines = page.text.split('\n').slice(frost!.passage.lineStart - 1, frost!.passage.lineEnd).join(' ')
    expect(lines).toContain('frost valve')
  })

  it('finds the Japanese and the Chinese PDF page from an English query, by meaning', async () => {
    const hits = await search({ query: 'loud music at night', mode: 'semantic' })
    const ja = hits.find((hit) => hit.path.endsWith('ja-report.pdf'))
    const zh = hits.find((hit) => hit.path.endsWith('zh-notes.pdf'))
    expect(ja?.passage.page).toBe(3)
    expect(zh?.passage.page).toBe(2)
    expect(hits.indexOf(ja!)).toBeLessThan(3)
  })

  it('keeps the heading paths of Word, EPUB and OpenDocument files, and previews their extracted text', async () => {
    // The notes holding the query's words come first (keyword search also finds notes through translations since issue 14).
    const hits = (await search({ query: 'extractor sieve', mode: 'keyword' })).slice(0, 3)
    expect(names(hits)).toEqual(['handbook.docx', 'handbook.epub', 'handbook.odt'])
    for (const hit of hits) {
      expect(hit.title).toBe('Beekeeping Handbook')
      // The passage starts in the Honey chapter (its two short sections make one passage) and quotes the sieve.
      expect(hit.passage.heading).toMatch(/(^|> )Honey > (Harvest|Extraction)$/)
      expect(hit.passage.page).toBeUndefined()
      const note = await engine.call('readNote', { path: hit.path })
      expect(note.text.split('\n').slice(hit.passage.lineStart - 1, hit.passage.lineEnd).join('\n')).toContain('sieve')
    }
  })

  it('lists a scanned PDF and formats it does not read as skipped, with the reason, and not unrelated files', async () => {
    const status = await engine.call('status', undefined)
    const skipped = Object.fromEntries(status.skipped.map((entry) => [entry.path.slice(root.length + 1), `${entry.reason}: ${entry.detail}`]))
    expect(skipped).toEqual({
      'scan.pdf': 'no-text: no text layer (scanned)',
      'old.doc': 'unsupported-type: Word 97-2003 documents are not read; save it as .docx'
    })
  })
})

describe('tags and aliases', () => {
  it('filters by tag in both legs and in every mode; a tag also finds its nested tags', async () => {
    for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
      const travel = await search({ query: 'garden food temple', mode, filters: { tags: ['travel'] } })
      expect(names(travel), mode).toEqual(['notes/kyoto.md', 'notes/osaka.md'])
      expect(names(await search({ query: 'garden food temple', mode, filters: { tags: ['#Work'] } })), mode).toEqual(['notes/roadmap.md'])
      expect(await search({ query: 'garden', mode, filters: { tags: ['work/proj'] } }), mode).toEqual([])
    }
    const [kyoto] = await search({ query: 'maple leaves', mode: 'keyword' })
    expect(kyoto!.tags).toEqual(['travel'])
    // The wiki link reads as its label.
    expect(kyoto!.passage.text).toContain('see the rail pass')
  })

  it('counts notes per tag, nested tags under their parents too', async () => {
    const { tags } = await engine.call('status', undefined)
    expect(tags).toEqual([
      { tag: 'travel', notes: 2 },
      { tag: 'food', notes: 1 },
      { tag: 'work', notes: 1 },
      { tag: 'work/projects', notes: 1 }
    ])
  })

  it('finds a note by its alias like by its title', async () => {
    const hits = await search({ query: '京都', mode: 'keyword' })
    // First; the Japanese report follows through the query's translations (issue 14).
    expect(names(hits.slice(0, 1))).toEqual(['notes/kyoto.md'])
  })
})

describe('an index of the previous format', () => {
  it('keeps answering searches while the new one is filled, then is dropped', async () => {
    // The index as Semnote wrote it before schema v2: same rows without page, tags and aliases, in a v1 table.
    const oldData = temp.make('docs-v1')
    const model = (await engine.call('status', undefined)).model
    if (model.state !== 'ready') throw new Error(`the lite pack did not load: ${JSON.stringify(model)}`)
    const current = await ChunkStore.open(dataDir, { modelId: LITE, dimension: model.dimension })
    const dimension = current.dimension
    const rows = (await current.listPaths()).map((file) => file.path)
    const allRows = (await Promise.all(rows.map((path) => current.rowsOf(path)))).flat()
    await current.close()
    const full = rowsToArrow(allRows, dimension)
    const v1Fields = full.schema.fields.filter((field: Field) => !['page', 'tags', 'aliases'].includes(field.name))
    const v1 = new ArrowTable(new Schema(v1Fields), Object.fromEntries(v1Fields.map((field) => [field.name, full.getChild(field.name)!])) as never)
    const sdk = await loadLanceDb()
    const db = await sdk.connect(join(oldData, 'lancedb'))
    const old = await db.createTable(tableNameFor(LITE, 1), v1)
    for (const column of ['text', 'title']) await old.createIndex(column, { config: sdk.Index.fts(FTS_INDEX_OPTIONS), name: fullTextIndexName(column) })
    old.close()
    db.close()
    writeFileSync(join(oldData, STATE_FILE), readFileSync(join(dataDir, STATE_FILE)))

    // A read-only engine (the CLI's search) searches the old table as it is.
    const reader = await Engine.open({ dataDir: oldData, modelDirs: [MODELS], modelId: LITE, watch: false }, { resumeIndexing: false })
    try {
      const [frost] = (await reader.call('search', { query: 'frost valve', mode: 'keyword' })).hits
      expect(frost?.path).toBe(join(root, 'garden-manual.pdf'))
      expect(frost?.passage.page).toBeUndefined() // the old rows know no pages
      expect((await reader.call('search', { query: 'maple', mode: 'keyword', filters: { tags: ['travel'] } })).hits).toEqual([])
    } finally {
      await reader.close()
    }

    const embedded = vi.spyOn(Embedder.prototype, 'embedPassageIds')
    const upgraded = await Engine.open({ dataDir: oldData, modelDirs: [MODELS], modelId: LITE, watch: false })
    try {
      // Paused, the new table cannot be complete: searches still answer, from the old one.
      await upgraded.call('pauseIndexing', undefined)
      const during = await upgraded.call('status', undefined)
      expect(during.health).toBe('rebuilding')
      expect(during.healthDetail).toMatch(/search uses the previous index meanwhile/)
      const answered = (await upgraded.call('search', { query: 'frost valve', mode: 'keyword' })).hits
      expect(answered[0]?.path).toBe(join(root, 'garden-manual.pdf'))
      expect(await ChunkStore.listTables(oldData)).toContain(tableNameFor(LITE, 1))
      await upgraded.call('resumeIndexing', undefined)
      await upgraded.whenIdle()
      const after = await upgraded.call('status', undefined)
      expect(after.health).toBe('ok')
      expect(await ChunkStore.listTables(oldData)).toEqual([tableNameFor(LITE)])
      const [frost] = (await upgraded.call('search', { query: 'frost valve', mode: 'keyword' })).hits
      expect(frost?.passage.page).toBe(12)
      // The lite pack's vectors change with Semnote's updates, so every passage is embedded anew (the query embeddings
      // aside); a transformer pack's vectors carry over (format-upgrade.test.ts).
      const passagesEmbedded = embedded.mock.calls.filter(([, options]) => options?.priority !== 'query').reduce((sum, [rows]) => sum + rows.length, 0)
      expect(passagesEmbedded).toBe(allRows.length)
    } finally {
      embedded.mockRestore()
      await upgraded.close()
    }
  })
})
