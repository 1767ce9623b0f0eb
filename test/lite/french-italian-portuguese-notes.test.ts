// The bundled lite pack reads French, Italian and Portuguese words its small FreeDict dictionaries lack (traduction, opzione, usuário), their inflected forms (opzioni, usuários, données) and French and Italian words with an elided word (l'option, dell'utente): each is nearest its English translation.
import { describe, it } from 'vitest'
import { expectEachNearestItsTranslation, liteEmbedder } from './nearest-translation'

/** Words of French, Italian and Portuguese manual pages that the pack hashed, read through WikDict's German, Polish and Swedish dictionaries. */
const PIVOTED_PAIRS: [string, string][] = [
  ['translation', 'traduction'],
  ['peripheral', 'périphérique'],
  ['behavior', 'comportement'],
  ['option', 'opzione'],
  ['information', 'informazione'],
  ['string', 'stringa'],
  ['user', 'usuário'],
  ['directory', 'diretório']
]

/** Inflected forms the pack hashed: Italian and Portuguese plurals (the pack has no suffix rules for them) and French forms. */
const INFLECTED_PAIRS: [string, string][] = [
  ['options', 'opzioni'],
  ['commands', 'comandi'],
  ['characters', 'caratteri'],
  ['users', 'usuários'],
  ['directories', 'diretórios'],
  ['data', 'données'],
  // The participle is "used": its pair had been "use", which it stood near only through the English word "synonym" that
  // German synonym lists had put in the words it was read through (0.74 to "synonym", 0.34 to "use"; schema v11).
  ['used', 'utilisé']
]

/** French and Italian words with a word elided onto them (the option, of the user, the computer, of error, at the address), which hashed as a whole. */
const ELIDED_PAIRS: [string, string][] = [
  ['option', "l'option"],
  ['user', "dell'utente"],
  ['computer', "l'ordinateur"],
  ['error', "d'erreur"],
  ['address', "all'indirizzo"]
]

const embedder = liteEmbedder()

describe('semnote-lite-multi: French, Italian and Portuguese words', () => {
  it('reads words the French, Italian and Portuguese dictionaries lack nearest their English translation', async () => {
    // Before, each of them hashed: close to nothing (0.00).
    await expectEachNearestItsTranslation(embedder(), PIVOTED_PAIRS)
  })

  it('reads their inflected forms as their word', async () => {
    // Before, each of them hashed: close to nothing (0.00).
    await expectEachNearestItsTranslation(embedder(), INFLECTED_PAIRS)
  })

  it('reads French and Italian words without the word elided onto them', async () => {
    await expectEachNearestItsTranslation(embedder(), ELIDED_PAIRS)
  })
})
