// Issue 14's bad-input bar through the whole search path (translation, both legs, fusion, fold) on the bundled lite pack: hostile queries never throw.
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/main/engine/engine'
import { FOLD_WINDOW } from '../../src/main/engine/search/fold'
import { openIndexed, tempFolders } from '../engine/helpers'

const LITE_PACK = resolve(__dirname, '../../resources/models/semnote-lite-multi')
const SAMPLES = resolve(__dirname, '../../resources/samples')

/** Long, empty-of-words, mixed-script, emoji and many-translation queries (test/lexicon/translate.test.ts checks their expansion's caps). */
const HOSTILE = [
  Array.from({ length: 2500 }, (_, i) => ['house', 'water', 'run', 'set', 'take', 'get', 'point', 'line'][i % 8]).join(' ').slice(0, 10_000),
  'x'.repeat(10_000),
  '!!!???...,,,;;;---***',
  '🙂🙃🤔💥🔥 🚀',
  'Tokyo 東京 とうきょう Токио 도쿄 طوكيو Τόκιο noise 楼上',
  'set run take get make go put cut turn break',
  '\u0000\u200b\ufeff\ud800 "unclosed (paren* OR AND NOT:',
  '東'.repeat(5_000),
  // The longest word edit distance still matches, and one past it
  'q'.repeat(40),
  'q'.repeat(41)
]

const temp = tempFolders()
let engine: Engine

beforeAll(async () => {
  engine = await openIndexed({ dataDir: temp.make('hostile-queries'), modelDirs: [LITE_PACK], modelId: 'semnote-lite-multi' }, [SAMPLES])
}, 120_000)

afterAll(async () => {
  await engine?.close()
  temp.cleanup()
})

describe('hostile queries through the whole search', () => {
  it.each(['hybrid', 'keyword', 'semantic'] as const)('%s: every hostile query answers a page with a fold within the first page', async (mode) => {
    for (const query of HOSTILE) {
      const response = await engine.call('search', { query, mode, limit: 20 })
      expect(response.hits.length, `${mode}: ${query.slice(0, 30)}`).toBeLessThanOrEqual(20)
      expect(response.hits.filter((h) => h.strong).length).toBeLessThanOrEqual(FOLD_WINDOW)
      expect(response.hits.every((h) => Number.isFinite(h.score))).toBe(true)
    }
    // The samples still answer an ordinary query after them.
    const after = await engine.call('search', { query: 'noise upstairs at night', mode, limit: 5 })
    expect(after.hits.length).toBeGreaterThan(0)
  }, 120_000)
})
