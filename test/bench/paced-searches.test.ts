// The bench's paced search series (bench-paced-searches.ts) on a real engine: how many searches, which queries in which order, the pause between them.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { latenciesOf, pacedSearches } from '../../src/main/cli/bench-paced-searches'
import type { Engine } from '../../src/main/engine/engine'
import { openIndexed, tempFolders } from '../engine/helpers'
import { getTinyPack } from '../helpers/test-model'

const temp = tempFolders()
const queries = ['lighthouse', 'harbour', 'storm', 'keeper']
let engine: Engine

beforeAll(async () => {
  const notes = temp.make('paced-notes')
  for (const word of queries) writeFileSync(join(notes, `${word}.md`), `# ${word}\n\nA note about the ${word}.\n`)
  engine = await openIndexed({ dataDir: temp.make('paced-data'), modelDirs: [await getTinyPack()] }, [notes])
}, 60_000)

afterAll(async () => {
  await engine?.close()
  temp.cleanup()
})

describe('pacedSearches', () => {
  it('runs `count` searches going round the queries from `firstQuery`, with the pause between them', async () => {
    const timed = await pacedSearches(engine, queries, { gapMs: 30, length: { count: 6 }, firstQuery: 3 })
    expect(timed.map((search) => search.query)).toEqual(['keeper', 'lighthouse', 'harbour', 'storm', 'keeper', 'lighthouse'])
    for (let i = 1; i < timed.length; i++) {
      expect(timed[i]!.startedAt - timed[i - 1]!.startedAt).toBeGreaterThanOrEqual(timed[i - 1]!.latencyMs + 29)
    }
    expect(latenciesOf(timed)).toEqual(timed.map((search) => search.latencyMs))
    for (const latency of latenciesOf(timed)) expect(latency).toBeGreaterThan(0)
  })

  it('with `until`, searches while it does not hold, checked before each search (so none when it holds at once)', async () => {
    let asked = 0
    const timed = await pacedSearches(engine, queries, { gapMs: 0, length: { until: () => ++asked > 3 } })
    expect(timed.map((search) => search.query)).toEqual(['lighthouse', 'harbour', 'storm'])
    expect(await pacedSearches(engine, queries, { gapMs: 0, length: { until: () => true } })).toEqual([])
  })
})
