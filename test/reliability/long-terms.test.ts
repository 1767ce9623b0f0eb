// Issue 19.4: a long single word no longer breaks keyword and hybrid search ("Levenshtein automaton exceeds size limit").
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { loadLanceDb } from '../../src/main/engine/store/lancedb'
import { FUZZY_MAX_LETTERS, fuzzyTermQuery } from '../../src/main/engine/store/fuzzy-query'
import { getTinyPack } from '../helpers/test-model'
import { tempFolders } from '../engine/helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

const GERMAN = 'Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz'
const LONG_QUERIES = [GERMAN, 'x'.repeat(400), 'Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft', 'ab'.repeat(40)]

describe('long query terms (issue 19.4)', () => {
  it('builds an edit-distance clause only for words up to FUZZY_MAX_LETTERS letters', async () => {
    const sdk = await loadLanceDb()
    expect(fuzzyTermQuery(sdk, 'Ghandi')).not.toBeNull()
    expect(fuzzyTermQuery(sdk, 'ü'.repeat(FUZZY_MAX_LETTERS))).not.toBeNull()
    expect(fuzzyTermQuery(sdk, 'ü'.repeat(FUZZY_MAX_LETTERS + 1))).toBeNull()
    expect(fuzzyTermQuery(sdk, GERMAN)).toBeNull()
  })

  it('answers hybrid and keyword searches for very long words; shorter long words are still found, short typos still forgiven', async () => {
    const root = temp.make('long-terms')
    const dataDir = temp.make('long-terms-data')
    writeFileSync(join(root, 'law.md'), `# Labelling\n\nThe ${GERMAN} was repealed in 2013, with the Rindfleischetikettierung rules.\n`)
    writeFileSync(join(root, 'gandhi.md'), '# Gandhi\n\nGandhi walked to the sea to make salt.\n')
    writeFileSync(join(root, 'other.md'), '# Other\n\nA note about something else entirely.\n')
    const engine = await Engine.open({ dataDir, modelDirs: [await getTinyPack()], watch: false, threads: 1 })
    try {
      await engine.call('addRoots', { paths: [root] })
      await engine.whenSettled()
      for (const query of LONG_QUERIES) {
        for (const mode of ['keyword', 'hybrid'] as const) {
          const response = await engine.call('search', { query, mode })
          expect(response.mode, `${mode}: ${query.slice(0, 20)}`).toBe(mode)
        }
      }
      // Words over 40 characters are not in the full-text index (LanceDB's token length limit): found by their shorter parts.
      expect((await engine.call('search', { query: 'Rindfleischetikettierung', mode: 'keyword' })).hits.map((h) => h.path)).toEqual([join(root, 'law.md')])
      expect((await engine.call('search', { query: 'Ghandi', mode: 'keyword' })).hits.map((h) => h.path)).toEqual([join(root, 'gandhi.md')])
    } finally {
      await engine.close()
    }
  })
})
