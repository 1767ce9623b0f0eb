// The bundled lite pack reads the computing words of Russian notes (файл, сервер, пользователь, поиск), which its older Russian dictionaries lack: each is nearest its English translation.
import { afterAll, beforeAll, describe, it } from 'vitest'
import { Embedder } from '../../src/main/engine/model/embedder'
import { LITE_PACK, expectEachNearestItsTranslation } from './nearest-translation'

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
  embedder = await Embedder.create(LITE_PACK)
})
afterAll(async () => {
  await embedder?.dispose()
})

describe('semnote-lite-multi: Russian computing words', () => {
  it('reads each Russian word nearest its English translation among the others', async () => {
    // Before the pack read these words they hashed, close to nothing (0.00).
    await expectEachNearestItsTranslation(embedder, PAIRS)
  })
})
