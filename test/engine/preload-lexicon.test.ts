// Engines that answer searches for a while (the app, serve, mcp) load the query lexicon once indexing is idle, before any
// search: shown by removing the lexicon file after that point, when only a preloaded lexicon can still translate a query.
import { copyFileSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { tempFolders } from './helpers'

const LITE_PACK = resolve(__dirname, '../../resources/models/semnote-lite-multi')
const LEXICON_FILE = 'query-lexicon.bin'
const temp = tempFolders()
afterAll(() => temp.cleanup())

/** A models folder holding the lite pack: its files linked, its lexicon copied (so the test can remove it). */
function liteModels(): { models: string; lexicon: string } {
  const models = temp.make('preload-models')
  const pack = join(models, 'semnote-lite-multi')
  mkdirSync(pack)
  for (const file of readdirSync(LITE_PACK)) {
    if (file === LEXICON_FILE) copyFileSync(join(LITE_PACK, file), join(pack, file))
    else symlinkSync(join(LITE_PACK, file), join(pack, file))
  }
  return { models, lexicon: join(pack, LEXICON_FILE) }
}

/** Opens an engine over one Chinese note, waits until idle, removes the lexicon file; returns the keyword hits for an English query. */
async function hitsAfterLexiconRemoved(preloadQueryLexicon: boolean): Promise<string[]> {
  const { models, lexicon } = liteModels()
  const notes = temp.make('preload-notes')
  writeFileSync(join(notes, 'night.md'), '# 邻居\n\n晚上音乐很吵，我睡不着。\n')
  const engine = await Engine.open({ dataDir: temp.make('preload-data'), modelDirs: [models], modelId: 'semnote-lite-multi', watch: false, preloadQueryLexicon })
  try {
    await engine.call('addRoots', { paths: [notes] })
    await engine.whenSettled()
    // The preload starts once indexing is idle and reads the file first thing: give it ample time, then take the file away.
    await new Promise((settle) => setTimeout(settle, 3_000))
    rmSync(lexicon)
    const result = await engine.call('search', { query: 'loud music at night', mode: 'keyword', limit: 5 })
    return result.hits.map((hit) => hit.path.split('/').pop()!)
  } finally {
    await engine.close()
  }
}

describe('preloadQueryLexicon', () => {
  it('loads the lexicon before the first search when set, and only on that search when not', { timeout: 60_000 }, async () => {
    expect(await hitsAfterLexiconRemoved(true)).toEqual(['night.md'])
    // Without the preload the search itself looks for the lexicon, finds the file gone, and searches untranslated.
    expect(await hitsAfterLexiconRemoved(false)).toEqual([])
  })
})
