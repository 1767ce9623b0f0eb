// Map quality on the dev corpora with the bundled lite pack (what users get first): trustworthiness@10 at least 0.90,
// neighbour preservation reported, and notes that are translations of each other (the same page in several indexed
// folders, one per language) closer together than random pairs for at least 90% of comparisons.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { tempFolders } from '../engine/helpers'

const PACKS = resolve(__dirname, '../../resources/models')
const EVAL = resolve(__dirname, '../../../shared/eval')
const temp = tempFolders()
afterAll(() => temp.cleanup())

async function quality(sets: string[]) {
  const engine = await Engine.open({ dataDir: temp.make('map-quality'), modelDirs: [PACKS], modelId: 'semnote-lite-multi', threads: 1, watch: false })
  try {
    await engine.call('addRoots', { paths: sets.map((set) => join(EVAL, set, 'corpus')) })
    await engine.whenIdle()
    const stats = await engine.call('mapStats', undefined)
    console.log(`map quality on ${sets.join(' + ')}: ${JSON.stringify(stats)}`)
    return stats
  } finally {
    await engine.close()
  }
}

describe.skipIf(!existsSync(EVAL))('map quality on the dev corpora (lite pack)', () => {
  it('XQuAD paragraphs in English, Chinese and German (360 notes, 359 translation pairs)', async () => {
    const stats = await quality(['xquad-en2en', 'xquad-zh2zh', 'xquad-es2de'])
    expect(stats.notes).toBe(360)
    expect(stats.trustworthiness).toBeGreaterThanOrEqual(0.9)
    expect(stats.neighbourPreservation).toBeGreaterThan(0.3)
    expect(stats.translationPairs!.pairs).toBeGreaterThan(300)
    expect(stats.translationPairs!.onMap.closerThanRandom).toBeGreaterThanOrEqual(0.9)
  })

  it('tldr pages in Chinese, Spanish, German and the mixed vault (1,047 notes, 338 translation pairs)', async () => {
    const stats = await quality(['tldr-en2zh', 'tldr-en2es', 'tldr-en2de', 'tldr-en2mixed'])
    expect(stats.notes).toBe(1047)
    expect(stats.trustworthiness).toBeGreaterThanOrEqual(0.9)
    expect(stats.neighbourPreservation).toBeGreaterThan(0.3)
    expect(stats.translationPairs!.pairs).toBeGreaterThan(300)
    expect(stats.translationPairs!.onMap.closerThanRandom).toBeGreaterThanOrEqual(0.9)
  })
})
