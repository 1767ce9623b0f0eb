// The bundled lite pack reads the computing words of Russian notes (файл, сервер, пользователь, поиск), which its older Russian dictionaries lack, and inflected forms it used to guess at: each is nearest its English translation.
import { describe, it } from 'vitest'
import { expectEachNearestItsTranslation, liteEmbedder } from './nearest-translation'

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

/**
 * Inflected forms the pack read only through its guesses (hashed, or split as a compound: указателе as указ + тело), read
 * through Aspell's Russian, Spanish and German forms: of functions, in the list, of keys, in the pointer, contains; to
 * delete them, to erase it, to open it; show!, remove! (tldr's German pages write commands in the imperative).
 */
const INFLECTED_PAIRS: [string, string][] = [
  ['function', 'функций'],
  ['list', 'списке'],
  ['key', 'ключей'],
  ['pointer', 'указателе'],
  ['contain', 'содержит'],
  ['delete', 'eliminarlos'],
  ['erase', 'borrarlo'],
  ['open', 'abrirlo'],
  ['show', 'zeige'],
  ['remove', 'entferne']
]

const embedder = liteEmbedder()

describe('semnote-lite-multi: Russian computing words', () => {
  it('reads each Russian word nearest its English translation among the others', async () => {
    // Before the pack read these words they hashed, close to nothing (0.00).
    await expectEachNearestItsTranslation(embedder(), PAIRS)
  })

  it('reads Russian, Spanish and German inflected forms it used to guess at as their word', async () => {
    // Before, each of them hashed (close to nothing) or read as a compound of other words.
    await expectEachNearestItsTranslation(embedder(), INFLECTED_PAIRS)
  })
})
