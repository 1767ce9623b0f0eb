// The bundled lite pack reads the computing words of Russian notes (файл, сервер, пользователь, поиск), which its older Russian dictionaries lack: each is nearest its English translation.
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Embedder } from '../../src/main/engine/model/embedder'

const PACK = resolve(__dirname, '..', '..', 'resources', 'models', 'semnote-lite-multi')

/** English words and their Russian translations, as notes write them (some inflected: серверу, to the server; пользователей, of users). */
const PAIRS: [string, string][] = [
  ['file', 'файл'],
  ['server', 'серверу'],
  ['user', 'пользователей'],
  ['search', 'поиск'],
  ['browser', 'браузер'],
  ['download', 'скачать'],
  ['repository', 'репозиторий'],
  ['processor', 'процессор'],
  ['domain', 'домен']
]

let embedder: Embedder
beforeAll(async () => {
  embedder = await Embedder.create(PACK)
})
afterAll(async () => {
  await embedder?.dispose()
})

describe('semnote-lite-multi: Russian computing words', () => {
  it('reads each Russian word nearest its English translation among the others', async () => {
    const english = await embedder.embedPassages(PAIRS.map(([word]) => word))
    const russian = await embedder.embedPassages(PAIRS.map(([, word]) => word))
    const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((sum, value, i) => sum + value * b[i]!, 0)
    PAIRS.forEach(([word, translation], i) => {
      const closeness = russian.map((vector) => cosine(english[i]!, vector))
      // Before the pack read these words they hashed, close to nothing (0.00).
      expect(closeness[i], `${word} / ${translation}`).toBeGreaterThan(0.3)
      const others = closeness.filter((_, j) => j !== i)
      expect(Math.max(...others), `${word}: another Russian word is as close as ${translation}`).toBeLessThan(closeness[i]!)
    })
  })
})
