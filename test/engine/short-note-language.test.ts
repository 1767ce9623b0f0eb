// A short note's language is told even when too few function words tell it (the language identifier, on the engine's
// thread), so queries are translated into it: whole notes, streamed notes, and notes with no words to tell by.
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { tempFolders } from './helpers'

const MODELS = resolve(__dirname, '../../resources/models')
const temp = tempFolders()
afterAll(() => temp.cleanup())

describe('the language of a note few function words tell', () => {
  it('is told by the identifier, and an English query is translated into it', async () => {
    const notes = temp.make('short-notes')
    // None of German's listed function words (der, die, und, ...): read as unknown before.
    writeFileSync(join(notes, 'nachbarn.md'), 'Die Nachbarn feiern jede Nacht sehr laut.\n')
    writeFileSync(join(notes, 'numbers.md'), '12345 67890\n')
    // Past 8 KB, so prepared a segment at a time: its head carries the sample the indexer tells it by.
    writeFileSync(join(notes, 'notiz.md'), `# Notiz\n\n${'Nachbarn feiern jede Nacht sehr laut. '.repeat(400)}\n`)
    writeFileSync(join(notes, 'english.md'), 'The garden is quiet in the morning and the birds sing.\n')
    const dataDir = temp.make('short-data')
    const engine = await Engine.open(
      { dataDir, modelDirs: [MODELS], modelId: 'semnote-lite-multi', watch: false },
      { segments: { afterBytes: 8_000, segmentChars: 3_000 } }
    )
    try {
      await engine.call('addRoots', { paths: [notes] })
      await engine.whenIdle()
      const result = await engine.call('search', { query: 'loud music at night', mode: 'keyword', limit: 5 })
      expect(result.hits[0]).toMatchObject({ path: join(notes, 'nachbarn.md'), reasons: ['translated'] })
    } finally {
      await engine.close()
    }
    const store = await ChunkStore.open(dataDir, { modelId: 'semnote-lite-multi', dimension: 1024 })
    try {
      const languageOf = async (name: string) => (await store.rowsOf(join(notes, name), false))[0]?.lang
      expect(await languageOf('nachbarn.md')).toBe('de')
      expect(await languageOf('notiz.md')).toBe('de')
      expect(await languageOf('english.md')).toBe('en')
      expect(await languageOf('numbers.md')).toBe('und')
    } finally {
      await store.close()
    }
  }, 120_000)
})
