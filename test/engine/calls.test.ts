// Engine calls beyond search: previewRoot, setIgnorePatterns, indexFiles + readNote, useModelFolder (keyword -> semantic), highlightSentence, retryModelDownload offline (directly and through a proxy).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { getTinyPack } from '../helpers/test-model'
import { tempFolders } from './helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

describe('Engine calls', () => {
  it('previews a root, applies ignore patterns, indexes single files, switches to a model folder and fails a download offline', async () => {
    const pack = await getTinyPack()
    const root = temp.make('calls-root')
    const elsewhere = temp.make('calls-elsewhere')
    const dataDir = temp.make('calls-data')
    mkdirSync(join(root, 'drafts'))
    mkdirSync(join(root, '.git'))
    writeFileSync(join(root, 'plan.md'), '# Plan\n\nGarden plan with tomatoes and basil.\n')
    writeFileSync(join(root, 'drafts', 'draft.md'), '# Draft\n\nUnfinished tomatoes essay.\n')
    writeFileSync(join(root, '.git', 'HEAD.md'), 'tomatoes in git internals')
    writeFileSync(join(elsewhere, 'dropped.txt'), 'A dropped note about walruses.\n')

    const engine = await Engine.open({ dataDir, modelDirs: [], watch: false })
    try {
      const preview = await engine.call('previewRoot', { path: root })
      expect(preview).toEqual(expect.objectContaining({ path: root, files: 2 }))
      expect(preview.ignoreRules).toEqual(expect.arrayContaining(['.git/', 'node_modules/']))
      expect(preview.sample.sort()).toEqual([join(root, 'drafts', 'draft.md'), join(root, 'plan.md')])

      await engine.call('addRoots', { paths: [root] })
      await engine.whenIdle()
      const tomatoes = async () => (await engine.call('search', { query: 'tomatoes', mode: 'keyword' })).hits.map((h) => h.path).sort()
      expect(await tomatoes()).toEqual([join(root, 'drafts', 'draft.md'), join(root, 'plan.md')])

      await engine.call('setIgnorePatterns', { patterns: ['drafts/'] })
      await engine.whenIdle()
      expect(await tomatoes()).toEqual([join(root, 'plan.md')])
      await engine.call('setIgnorePatterns', { patterns: [] })
      await engine.whenIdle()
      expect(await tomatoes()).toHaveLength(2)

      await engine.call('indexFiles', { paths: [join(elsewhere, 'dropped.txt')] })
      await engine.whenIdle()
      const walrus = await engine.call('search', { query: 'walruses', mode: 'keyword' })
      expect(walrus.hits.map((h) => h.path)).toEqual([join(elsewhere, 'dropped.txt')])
      expect((await engine.call('readNote', { path: join(elsewhere, 'dropped.txt') })).text).toContain('walruses')

      const semanticBefore = await engine.call('search', { query: 'garden', mode: 'semantic' })
      expect(semanticBefore.semanticAvailable).toBe(false)
      expect(await engine.call('highlightSentence', { query: 'garden', text: 'Garden plan. Basil.' })).toBeNull() // no model yet
      const model = await engine.call('useModelFolder', { path: pack })
      expect(model.state).toBe('ready')
      await engine.whenIdle()
      const semantic = await engine.call('search', { query: 'garden', mode: 'semantic' })
      expect(semantic.semanticAvailable).toBe(true)
      expect(semantic.hits.length).toBe(3) // every note, re-embedded into the model's table
      expect(engine.embeddedChunks).toBeGreaterThanOrEqual(3)
      // The sentence closest in meaning of a hit sharing no query word: found while the search waits, or asked afterwards.
      const inline = await engine.call('search', { query: 'xylophone quartet', mode: 'semantic' })
      const deferred = await engine.call('search', { query: 'xylophone quartet', mode: 'semantic', scoreSentences: false })
      const tinted = (passage: { text: string; highlights: { start: number; end: number; kind: string }[] }) =>
        passage.highlights.filter((h) => h.kind === 'sentence').map((h) => passage.text.slice(h.start, h.end))
      expect(tinted(inline.hits[0]!.passage)).toHaveLength(1)
      expect(deferred.hits.flatMap((h) => tinted(h.passage))).toEqual([])
      const text = deferred.hits[0]!.passage.text
      const span = await engine.call('highlightSentence', { query: 'xylophone quartet', text })
      expect(span && text.slice(span.start, span.end)).toBe(tinted(inline.hits[0]!.passage)[0])
      expect(await engine.call('highlightSentence', { query: ' ', text })).toBeNull()
      await expect.poll(async () => (await ChunkStore.listTables(dataDir)).length).toBe(1) // keyword-only table dropped
      const [related] = await engine.call('related', { path: join(root, 'plan.md'), limit: 5 }).then((hits) => [hits.map((h) => h.path)])
      expect(related).not.toContain(join(root, 'plan.md'))
      expect(related.length).toBeGreaterThan(0)

      process.env.SEMNOTE_MODEL_MIRROR = 'http://127.0.0.1:9'
      try {
        const failed = await engine.call('retryModelDownload', undefined)
        expect(failed).toEqual(expect.objectContaining({ state: 'failed', error: expect.any(String) }))
        // A proxy from main (the system's) is the one the download goes through.
        const proxied = await engine.call('retryModelDownload', { proxy: { httpsProxy: '', httpProxy: 'http://127.0.0.1:9', noProxy: '' } })
        expect(proxied).toEqual(expect.objectContaining({ state: 'failed', error: expect.stringContaining('proxy http://127.0.0.1:9') }))
      } finally {
        delete process.env.SEMNOTE_MODEL_MIRROR
      }
    } finally {
      await engine.close()
    }

    // The chosen model folder and the single file persist across a restart.
    const reopened = await Engine.open({ dataDir, modelDirs: [], watch: false })
    try {
      await reopened.whenIdle()
      const status = await reopened.call('status', undefined)
      expect(status.model.state).toBe('ready')
      expect(status.files).toBe(3)
      expect(reopened.embeddedChunks).toBe(0)
    } finally {
      await reopened.close()
    }
  })
})
