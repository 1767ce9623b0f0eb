// The bundled lite pack reads English plurals and verb forms as their own lemma (files -> file, not French "fil"): each is nearest its translations in Chinese and German notes.
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Embedder } from '../../src/main/engine/model/embedder'

const PACK = resolve(__dirname, '..', '..', 'resources', 'models', 'semnote-lite-multi')

/**
 * English inflected forms whose -es the pack's suffix rules read first, before the plural -s, so they read as other
 * words (fil, nod, typ, sit, orang, lin, attribut, candidat), with their Chinese and German translations.
 */
const TRIPLES: [string, string, string][] = [
  ['files', '文件', 'Dateien'],
  ['nodes', '节点', 'Knoten'],
  ['types', '类型', 'Typen'],
  ['sites', '地点', 'Standort'],
  ['oranges', '橙子', 'Orange'],
  ['lines', '行', 'Zeile'],
  ['attributes', '属性', 'Attribute'],
  ['candidates', '候选人', 'Kandidaten']
]

let embedder: Embedder
beforeAll(async () => {
  embedder = await Embedder.create(PACK)
})
afterAll(async () => {
  await embedder?.dispose()
})

describe('semnote-lite-multi: English inflections', () => {
  it('reads each English form nearest its Chinese and German translations among the others', async () => {
    const english = await embedder.embedPassages(TRIPLES.map(([form]) => form))
    const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((sum, value, i) => sum + value * b[i]!, 0)
    for (const column of [1, 2] as const) {
      const translations = await embedder.embedPassages(TRIPLES.map((triple) => triple[column]))
      TRIPLES.forEach((triple, i) => {
        const closeness = translations.map((vector) => cosine(english[i]!, vector))
        expect(closeness[i], `${triple[0]} / ${triple[column]}`).toBeGreaterThan(0.3)
        const others = closeness.filter((_, j) => j !== i)
        expect(Math.max(...others), `${triple[0]}: another word is as close as ${triple[column]}`).toBeLessThan(closeness[i]!)
      })
    }
  })
})
