// The bundled lite pack reads English plurals as their own lemma (files as file, not French "fil") and Spanish nouns its first reading missed (contraseña, versión): each is nearest its translations.
import { describe, it } from 'vitest'
import { expectEachNearestItsTranslation, liteEmbedder } from './nearest-translation'

/**
 * English inflected forms whose -es the pack's suffix rules read first, before the plural -s, so they read as other
 * words (fil, nod, typ, sit, orang, lin, attribut, candidat), with their Chinese and German translations.
 */
const PLURALS: [string, string, string][] = [
  ['files', '文件', 'Dateien'],
  ['nodes', '节点', 'Knoten'],
  ['types', '类型', 'Typen'],
  ['sites', '地点', 'Standort'],
  ['oranges', '橙子', 'Orange'],
  ['lines', '行', 'Zeile'],
  ['attributes', '属性', 'Attribute'],
  ['candidates', '候选人', 'Kandidaten']
]

/** Spanish nouns that hashed or split as a guessed compound (contra + seña) while their plurals were guesses too. */
const SPANISH_NOUNS: [string, string][] = [
  ['password', 'contraseña'],
  ['version', 'versión'],
  ['session', 'sesión'],
  ['computing', 'computación'],
  ['illusion', 'ilusión']
]

const embedder = liteEmbedder()

describe('semnote-lite-multi: English inflections and Spanish nouns', () => {
  it('reads each English plural nearest its Chinese and German translations among the others', async () => {
    await expectEachNearestItsTranslation(embedder(), PLURALS.map(([form, chinese]) => [form, chinese]))
    await expectEachNearestItsTranslation(embedder(), PLURALS.map(([form, , german]) => [form, german]))
  })

  it('reads each Spanish noun nearest its English translation among the others', async () => {
    await expectEachNearestItsTranslation(embedder(), SPANISH_NOUNS)
  })
})
