// The lite-pack build on a tiny handmade input: deterministic output, a loadable pack, and a graph that computes what the JS reference computes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InferenceSession, Tensor } from 'onnxruntime-node'
import { afterAll, describe, expect, it } from 'vitest'
import { buildWords, type SourceData } from '../../scripts/lite-pack/collect'
import { DEFAULT_LEXICON_OPTIONS } from '../../scripts/lite-pack/lexicon'
import { SUFFIX_RULES, tokenizerData } from '../../scripts/lite-pack/settings'
import { buildTables, embedIds, type TableOptions } from '../../scripts/lite-pack/tables'
import { MODEL_FILE, buildGraph, writePack } from '../../scripts/lite-pack/write-pack'
import { loadPack } from '../../src/main/engine/model/pack'
import { Vocabulary } from '../../src/main/engine/model/vocabulary'
import { WordTokenizer, createWordTokenizer } from '../../src/main/engine/model/word-tokenizer'

const TINY_TABLES: TableOptions = { buckets: 16, dimension: 64, keysPerWord: 4, unknownWeight: 3, power: 0.5 }

function tinySources(): SourceData {
  return {
    wordnet: {
      synsets: [
        { pos: 'noun', lemmas: ['music'], gloss: 'an artistic form of auditory communication' },
        { pos: 'noun', lemmas: ['night', 'nighttime', 'dark'], gloss: 'the time after sunset and before sunrise' },
        { pos: 'adj', lemmas: ['loud'], gloss: 'characterized by or producing sound of great volume' },
        { pos: 'noun', lemmas: ['tax', 'taxation'], gloss: 'charge against a citizen to raise revenue' },
        { pos: 'noun', lemmas: ['apple'], gloss: 'fruit with red or yellow or green skin' }
      ],
      senses: new Map([
        ['music', [0]],
        ['night', [1]],
        ['nighttime', [1]],
        ['dark', [1]],
        ['loud', [2]],
        ['tax', [3]],
        ['taxation', [3]],
        ['apple', [4]]
      ]),
      exceptions: new Map([['nights', 'night']]),
      tagCounts: new Map()
    },
    stopwords: new Set(['the', 'at']),
    entries: [
      [
        'handmade',
        [
          { word: '音乐', glosses: ['music'], weight: 1 },
          { word: '晚上', glosses: ['evening', 'night'], weight: 1 },
          { word: '吵', glosses: ['noisy', 'loud'], weight: 1 },
          { word: 'Steuer', glosses: ['tax'], weight: 1 },
          { word: 'Apfel', glosses: ['apple'], weight: 1 }
        ]
      ]
    ],
    spanishNouns: [],
    pivotWords: [],
    englishInflections: [],
    englishLemmaReadings: [],
    inflectedForms: [],
    added: [],
    laterAdded: [],
    addedStopwords: new Set(),
    laterStopwords: new Set(),
    protectedForms: new Set()
  }
}

/**
 * The tiny input with an added language (Turkish) whose dictionary also lists words the pack reads: one it has ("apfel",
 * as noise), one its suffix rules read ("nights"), a loanword glossed with itself ("radyo"), a word of three a-z
 * letters ("dev": giant in Turkish, and a command name), a word that is a protected form of another language ("gift",
 * German for poison) and one that would change how a protected form is read ("nighen": "nighten" reads as night through
 * the -en rule, and would read as nighen through -ten -> -en).
 */
function withTurkish(): SourceData {
  return {
    ...tinySources(),
    spanishNouns: [],
    added: [
      [
        'freedict-eng-tur (ranked)',
        [
          { word: 'gece', glosses: ['night'], weight: 0.7 },
          { word: 'müzik', glosses: ['music'], weight: 0.7 },
          { word: 'apfel', glosses: ['loud'], weight: 0.7 },
          { word: 'nights', glosses: ['tax'], weight: 0.7 },
          { word: 'radyo', glosses: ['radio', 'radyo'], weight: 0.7 },
          { word: 'dev', glosses: ['loud'], weight: 0.7 },
          { word: 'gift', glosses: ['apple'], weight: 0.7 },
              { word: 'nighen', glosses: ['tax'], weight: 0.7 }
        ]
      ]
    ],
    addedStopwords: new Set(['ve', 'the']),
    protectedForms: new Set(['gift', 'nighten'])
  }
}

/**
 * The tiny input with Turkish and then a later language (Romanian): "gece", which Turkish has already (as noise for the
 * later language, it must keep the Turkish vector), the new words "muzică" (music) and "noapte" (night), "nighen", which
 * would change how a protected form is read (as above), and the function words "și" (new) and "ve" (Turkish's).
 */
function withLaterLanguage(): SourceData {
  return {
    ...withTurkish(),
    laterAdded: [
      [
        'apertium ro-es (through Spanish)',
        [
          { word: 'gece', glosses: ['tax'], weight: 1 },
          { word: 'muzică', glosses: ['music'], weight: 1 },
          { word: 'noapte', glosses: ['night'], weight: 1 },
          { word: 'nighen', glosses: ['tax'], weight: 1 }
        ]
      ]
    ],
    laterStopwords: new Set(['și', 've'])
  }
}

/**
 * The tiny input with Spanish words that Apertium's full analyses bring: a new one that is, like every Spanish form, a
 * protected form itself ("música"), one the suffix rules read already ("nights") and one that would change how another
 * protected form is read ("nighen", as above). "apfelmúsica", a form the pack hashed, becomes a compound of apfel and
 * música, which does not keep música out (as the plural contraseñas, read as contra + señas, had kept out contraseña).
 */
function withSpanishNouns(): SourceData {
  return {
    ...tinySources(),
    spanishNouns: [
      { word: 'música', glosses: ['music'], weight: 1 },
      { word: 'nights', glosses: ['tax'], weight: 1 },
          { word: 'nighen', glosses: ['tax'], weight: 1 }
    ],
    protectedForms: new Set(['música', 'nighten', 'apfelmúsica'])
  }
}

/**
 * The tiny input with Russian words the pivot dictionaries bring: "музыка", a word form aspell-ru has and the pack
 * hashed, like its inflection "музыки" (read through the -ы -> -а rule once it is added); "гром" (thunder), which makes
 * the hashed form "ночьгром" a compound of the pack's "ночь" and itself; "показать" (show), through which the form "показала" is
 * read instead of the pack's guess, a compound of "пока" (while) and "зал" (hall); and two that would change how a form the pack
 * reads is read: "ноча" ("ночи" reads as ночь through -и -> -ь, and would read as ноча through -и -> -а, tried first)
 * and "nighen" (as above).
 */
function withRussianWords(): SourceData {
  const tiny = tinySources()
  return {
    ...tiny,
    entries: [
      ...tiny.entries,
      [
        'handmade ru',
        [
          { word: 'ночь', glosses: ['night'], weight: 1 },
          { word: 'пока', glosses: ['night'], weight: 1 },
          { word: 'зал', glosses: ['apple'], weight: 1 }
        ]
      ]
    ],
    pivotWords: [
      [
        'pivoted ru',
        [
          { word: 'музыка', glosses: ['music'], weight: 0.7 },
          { word: 'гром', glosses: ['loud'], weight: 0.7 },
          { word: 'ноча', glosses: ['tax'], weight: 0.7 },
          { word: 'показать', glosses: ['music'], weight: 0.7 },
          { word: 'nighen', glosses: ['tax'], weight: 0.7 }
        ]
      ]
    ],
    protectedForms: new Set(['музыка', 'музыки', 'ночьгром', 'показала', 'ночи', 'nighten'])
  }
}

/**
 * The tiny input with English inflections: "apples", which the pack reads as another word ("appl", standing for a
 * foreign word such as French "fil" that "files" read as: -es is tried before -s), "musics", which its -s rule reads
 * as music already, and "nights", a WordNet exception it has as a word.
 */
function withEnglishInflections(): SourceData {
  const tiny = tinySources()
  return {
    ...tiny,
    entries: [...tiny.entries, ['handmade fr', [{ word: 'appl', glosses: ['tax'], weight: 1 }]]],
    englishInflections: [
      { word: 'apples', glosses: ['apple'], weight: 1, baseForm: false },
      { word: 'musics', glosses: ['music'], weight: 1, baseForm: false },
      { word: 'nights', glosses: ['night'], weight: 1, baseForm: false }
    ],
    protectedForms: new Set(['apples', 'musics', 'nights'])
  }
}

/**
 * The tiny input with Russian words and inflected forms of them: "бойцах" (of боец, fighter), which the pack hashes;
 * "указателе" (of указатель, pointer), which it splits as a guessed compound of "указ" (decree) and "тело" (body);
 * "ночи", which its -и -> -ь rule reads as ночь already; "ночки", a form of a word the pack lacks; "nighen", a form of
 * night through which the protected form "nighten" (read as night) is then read, which keeps its meaning; and "ноча",
 * given as a form of тело, through which "ночи" would be read by the -и -> -а rule (tried before -и -> -ь), as тело.
 */
function withInflectedForms(): SourceData {
  const tiny = tinySources()
  return {
    ...tiny,
    entries: [
      ...tiny.entries,
      [
        'handmade ru',
        [
          { word: 'ночь', glosses: ['night'], weight: 1 },
          { word: 'боец', glosses: ['loud'], weight: 1 },
          { word: 'указ', glosses: ['tax'], weight: 1 },
          { word: 'тело', glosses: ['apple'], weight: 1 },
          { word: 'указатель', glosses: ['music'], weight: 1 }
        ]
      ]
    ],
    inflectedForms: [
      { lang: 'ru', form: 'бойцах', word: 'боец' },
      { lang: 'ru', form: 'указателе', word: 'указатель' },
      { lang: 'ru', form: 'ночи', word: 'ночь' },
      { lang: 'ru', form: 'ночки', word: 'ночка' },
      { lang: 'en', form: 'nighen', word: 'night' },
      { lang: 'ru', form: 'ноча', word: 'тело' }
    ],
    protectedForms: new Set(['бойцах', 'указателе', 'ночи', 'ночки', 'nighen', 'nighten', 'ноча'])
  }
}

const temp = mkdtempSync(join(tmpdir(), 'semnote-lite-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

describe('lite-pack build', () => {
  it('produces byte-identical tables and graph from the same input', () => {
    const first = buildTables(buildWords(tinySources(), DEFAULT_LEXICON_OPTIONS), TINY_TABLES)
    const second = buildTables(buildWords(tinySources(), DEFAULT_LEXICON_OPTIONS), TINY_TABLES)
    expect(second.vocab).toEqual(first.vocab)
    expect(Buffer.from(buildGraph(second))).toEqual(Buffer.from(buildGraph(first)))
    expect(first.vocab).toEqual(expect.arrayContaining(['music', '音乐', '晚上', 'steuer', 'apfel']))
  })

  it('adds the words of an added language and leaves every word the pack reads as it was', () => {
    const before = buildWords(tinySources(), DEFAULT_LEXICON_OPTIONS)
    const after = buildWords(withTurkish(), DEFAULT_LEXICON_OPTIONS)
    for (const [word, vector] of before) expect(after.get(word)).toEqual(vector)
    expect([...after.keys()].filter((word) => !before.has(word)).sort()).toEqual(['gece', 've', 'müzik'].sort())
    // A new word means what its translations mean; a new function word weighs less than a content word.
    const weight = (vector: Map<string, number>): number => Math.hypot(...vector.values())
    expect([...after.get('gece')!.keys()]).toEqual(expect.arrayContaining([...before.get('night')!.keys()].slice(0, 1)))
    expect(weight(after.get('ve')!)).toBeLessThan(weight(after.get('gece')!))
  })

  it('adds a later language after the added ones: only its new words, and every word the pack and the added languages read stays as it was', () => {
    const before = buildWords(withTurkish(), DEFAULT_LEXICON_OPTIONS)
    const after = buildWords(withLaterLanguage(), DEFAULT_LEXICON_OPTIONS)
    for (const [word, vector] of before) expect(after.get(word)).toEqual(vector)
    // Its function words that are new come in too (Turkish "ve" is taken already).
    expect([...after.keys()].filter((word) => !before.has(word)).sort()).toEqual(['muzică', 'noapte', 'și'])
    expect([...after.get('noapte')!.keys()]).toEqual(expect.arrayContaining([...before.get('night')!.keys()].slice(0, 1)))
  })

  it('adds the Spanish nouns the pack does not read, and leaves every word it reads as it was', () => {
    const before = buildWords(tinySources(), DEFAULT_LEXICON_OPTIONS)
    const after = buildWords(withSpanishNouns(), DEFAULT_LEXICON_OPTIONS)
    for (const [word, vector] of before) expect(after.get(word)).toEqual(vector)
    expect([...after.keys()].filter((word) => !before.has(word))).toEqual(['música'])
    expect([...after.get('música')!.keys()]).toEqual(expect.arrayContaining([...before.get('music')!.keys()].slice(0, 1)))
    const words = [...after.keys()]
    const reader = new WordTokenizer({ vocabulary: Vocabulary.fromWords(words), suffixRules: SUFFIX_RULES, lowercase: true, unknownId: -1, padId: -1, compounds: true })
    expect(reader.wordIds('apfelmúsica').map((id) => words[id])).toEqual(['apfel', 'música'])
  })

  it('adds the Russian words the pack hashed, and leaves every form it reads as it was', () => {
    const before = buildWords({ ...withRussianWords(), pivotWords: [] }, DEFAULT_LEXICON_OPTIONS)
    const after = buildWords(withRussianWords(), DEFAULT_LEXICON_OPTIONS)
    for (const [word, vector] of before) expect(after.get(word)).toEqual(vector)
    expect([...after.keys()].filter((word) => !before.has(word)).sort()).toEqual(['гром', 'музыка', 'показать'])
    expect([...after.get('музыка')!.keys()]).toEqual(expect.arrayContaining([...before.get('music')!.keys()].slice(0, 1)))
    const words = [...after.keys()]
    const reader = new WordTokenizer({ vocabulary: Vocabulary.fromWords(words), suffixRules: SUFFIX_RULES, lowercase: true, unknownId: -1, padId: -1, compounds: true })
    expect(reader.wordIds('музыки')).toEqual(reader.wordIds('музыка'))
    expect(reader.wordIds('ночьгром').map((id) => words[id])).toEqual(['ночь', 'гром'])
    expect(reader.wordIds('показала').map((id) => words[id])).toEqual(['показать'])
    expect(reader.wordIds('ночи').map((id) => words[id])).toEqual(['ночь'])
  })

  it('adds the English inflections the pack reads as another word, and leaves every other word as it was', () => {
    const before = buildWords({ ...withEnglishInflections(), englishInflections: [] }, DEFAULT_LEXICON_OPTIONS)
    const after = buildWords(withEnglishInflections(), DEFAULT_LEXICON_OPTIONS)
    for (const [word, vector] of before) expect(after.get(word)).toEqual(vector)
    expect([...after.keys()].filter((word) => !before.has(word))).toEqual(['apples'])
    expect([...after.get('apples')!.keys()]).toEqual(expect.arrayContaining([...before.get('apple')!.keys()].slice(0, 1)))
    const readingOf = (words: string[], form: string) => {
      const reader = new WordTokenizer({ vocabulary: Vocabulary.fromWords(words), suffixRules: SUFFIX_RULES, lowercase: true, unknownId: -1, padId: -1, compounds: true })
      return reader.wordIds(form).map((id) => words[id])
    }
    expect(readingOf([...before.keys()], 'apples')).toEqual(['appl'])
    expect(readingOf([...after.keys()], 'apples')).toEqual(['apples'])
    expect(readingOf([...after.keys()], 'musics')).toEqual(['music'])
  })

  it('adds the inflected forms the pack hashes or splits as a compound with their word\'s vector, and leaves every other word as it was', () => {
    const before = buildWords({ ...withInflectedForms(), inflectedForms: [] }, DEFAULT_LEXICON_OPTIONS)
    const after = buildWords(withInflectedForms(), DEFAULT_LEXICON_OPTIONS)
    for (const [word, vector] of before) expect(after.get(word)).toEqual(vector)
    const readingOf = (words: string[], form: string) => {
      const reader = new WordTokenizer({ vocabulary: Vocabulary.fromWords(words), suffixRules: SUFFIX_RULES, lowercase: true, unknownId: -1, padId: -1, compounds: true })
      return reader.wordIds(form).map((id) => words[id] ?? '#')
    }
    expect(['бойцах', 'указателе', 'ночи', 'nighen', 'ноча'].map((form) => readingOf([...before.keys()], form))).toEqual([['#'], ['указ', 'тело'], ['ночь'], ['#'], ['#']])
    expect([...after.keys()].filter((word) => !before.has(word)).sort()).toEqual(['nighen', 'бойцах', 'указателе'])
    expect(after.get('бойцах')).toEqual(before.get('боец'))
    expect(after.get('указателе')).toEqual(before.get('указатель'))
    expect(after.get('nighen')).toEqual(before.get('night'))
    expect(readingOf([...after.keys()], 'nighten')).toEqual(['nighen'])
    expect(readingOf([...after.keys()], 'ночи')).toEqual(['ночь'])
  })

  it('writes a pack that loads, whose graph equals the JS reference and relates translations', async () => {
    const tables = buildTables(buildWords(tinySources(), DEFAULT_LEXICON_OPTIONS), TINY_TABLES)
    const dir = join(temp, 'pack')
    writePack(dir, tables, SUFFIX_RULES, '# tiny\n', { id: 'tiny-lite', name: 'tiny', maxTokens: 64, license: 'test', source: 'test' })
    const pack = await loadPack(dir)
    const tokenizer = await createWordTokenizer(pack)
    const reference = new WordTokenizer(tokenizerData(tables.vocab, SUFFIX_RULES, TINY_TABLES.buckets))
    const texts = ['loud music at night', '晚上音乐很吵', 'Steuer', 'tax', 'apple', 'unknownword nights']
    const session = await InferenceSession.create(readFileSync(join(dir, MODEL_FILE)))
    try {
      const vectors: Float32Array[] = []
      for (const text of texts) {
        const ids = tokenizer.encode(text, 64)
        expect(ids).toEqual(reference.encode(text, 64))
        const dims = [1, ids.length]
        const out = await session.run({
          input_ids: new Tensor('int64', BigInt64Array.from(ids, (id) => BigInt(id)), dims),
          attention_mask: new Tensor('int64', new BigInt64Array(ids.length).fill(1n), dims)
        })
        const vector = out.sentence_embedding!.data as Float32Array
        const expected = embedIds(tables, ids)
        for (let i = 0; i < expected.length; i++) expect(vector[i]).toBeCloseTo(expected[i]!, 5)
        vectors.push(vector)
      }
      const cosine = (a: number, b: number): number => vectors[a]!.reduce((s, v, i) => s + v * vectors[b]![i]!, 0)
      expect(cosine(0, 1)).toBeGreaterThan(cosine(0, 2))
      expect(cosine(2, 3)).toBeGreaterThan(cosine(2, 4))
    } finally {
      await session.release()
    }
  })
})
