// The word-segmenter tokenizer: word splitting in zh/ja/en/de and each fallback for unknown words.
import { describe, expect, it } from 'vitest'
import { Vocabulary } from '../../src/main/engine/model/vocabulary'
import { WordTokenizer, fnv1a32 } from '../../src/main/engine/model/word-tokenizer'
import { rng } from '../helpers/rng'

const vocab = ['[pad]', '[unk]', 'music', 'night', 'loud', '音乐', '晚上', '吵', '音楽', '夜', 'うるさい', '猫', '犬', 'kind', 'garten', 'spielen', 'haus', 'tür', "didn't", '음악', '학교', '학교장', 'كتاب', 'سيارة', 'άνθρωπος', 'σύστημα', 'πότε', 'ποτέ', 'και', 'использовать', 'вдало', 'option', 'utente']

function tokenizer(extra: Partial<ConstructorParameters<typeof WordTokenizer>[0]> = {}): WordTokenizer {
  return new WordTokenizer({
    vocabulary: Vocabulary.fromWords(vocab),
    lowercase: true,
    padId: 0,
    unknownId: 1,
    suffixRules: [
      ['ten', 'en'],
      ['er', ''],
      ['s', '']
    ],
    hashBuckets: { offset: vocab.length, count: 1000 },
    cjkCharacters: true,
    compounds: true,
    ...extra
  })
}

describe('WordTokenizer', () => {
  it('splits Chinese and Japanese into dictionary words and Latin text at spaces and punctuation', () => {
    const t = tokenizer()
    expect(t.words('晚上音乐很吵')).toEqual(['晚上', '音乐', '很', '吵'])
    expect(t.words('夜に音楽がうるさい')).toEqual(['夜', 'に', '音楽', 'が', 'うるさい'])
    expect(t.words("Loud MUSIC, at night! Didn't pay 3.14 EUR")).toEqual(['loud', 'music', 'at', 'night', "didn't", 'pay', '3.14', 'eur'])
    expect(t.words('Die Kinder spielten im Garten.')).toEqual(['die', 'kinder', 'spielten', 'im', 'garten'])
    expect(t.words('apples,pears 1,000')).toEqual(['apples', 'pears', '1,000'])
  })

  it('maps known words to their vocabulary ids', () => {
    expect(tokenizer().encode('Loud music at night')).toEqual([4, 2, tokenizer().wordIds('at')[0], 3])
    expect(tokenizer().encode('晚上音乐')).toEqual([6, 5])
  })

  it('reduces unknown inflected words by suffix rules (German plural and past tense)', () => {
    const t = tokenizer()
    expect(t.wordIds('kinder')).toEqual([13])
    expect(t.wordIds('spielten')).toEqual([15])
  })

  it('splits unknown compounds into two known words', () => {
    expect(tokenizer().wordIds('gartenhaus')).toEqual([14, 16])
    expect(tokenizer({ compounds: false }).wordIds('gartenhaus')).toEqual([vocab.length + (fnv1a32('gartenhaus') % 1000)])
  })

  it('reads an unknown Korean word as its longest known beginning of two or more syllables, when the pack asks for it', () => {
    const t = tokenizer({ koreanStems: true })
    expect(t.encode('음악을 학교에서 학교장님')).toEqual([19, 20, 21]) // particles and the honorific fall away
    const bucket = (word: string): number => vocab.length + (fnv1a32(word) % 1000)
    expect(t.wordIds('음')).toEqual([bucket('음')]) // one syllable is never a stem
    expect(t.wordIds('빵을')).toEqual([bucket('빵을')]) // no known beginning: hashed whole, as before
    expect(tokenizer().wordIds('음악을')).toEqual([bucket('음악을')])
  })

  it('reads an unknown Arabic word without its attached article or conjunction, with the suffix rules after it', () => {
    const t = tokenizer({ arabicPrefixes: true, suffixRules: [['ات', 'ة']] })
    expect(t.encode('الكتاب والكتاب بالسيارات')).toEqual([22, 22, 23]) // the book, and the book, by the cars
    const bucket = (word: string): number => vocab.length + (fnv1a32(word) % 1000)
    expect(t.wordIds('الب')).toEqual([bucket('الب')]) // a one-letter rest is never read
    expect(tokenizer().wordIds('الكتاب')).toEqual([bucket('الكتاب')])
  })

  it('reads an unknown Greek word with its accent moved or restored, with the suffix rules read without accents', () => {
    const t = tokenizer({ greekAccents: true, suffixRules: [['ου', 'ος'], ['ματος', 'μα']] })
    const id = (word: string) => vocab.indexOf(word)
    expect(t.encode('ανθρώπου ΑΝΘΡΩΠΟΣ ανθρωπος')).toEqual([id('άνθρωπος'), id('άνθρωπος'), id('άνθρωπος')]) // moved; capitals; left out
    expect(t.encode('συστήματος ΣΥΣΤΗΜΑΤΟΣ ΣΥΣΤΗΜΑ')).toEqual([id('σύστημα'), id('σύστημα'), id('σύστημα')])
    expect(t.encode('ΚΑΙ')).toEqual([id('και')]) // known without an accent: read as it is
    // Without an accent to go by, the last but one vowel comes first (where most Greek words have it): πότε, not ποτέ.
    expect(t.wordIds('ποτε')).toEqual([id('πότε')])
    // With one, the nearest other vowel first: the accent moves by a syllable as a word inflects.
    expect(t.wordIds('ανθρωπός')).toEqual([id('άνθρωπος')])
    const bucket = (word: string): number => vocab.length + (fnv1a32(word) % 1000)
    expect(tokenizer().wordIds('ανθρώπου')).toEqual([bucket('ανθρώπου')])
    expect(t.wordIds('ουρανός')).toEqual([bucket('ουρανός')]) // unknown in any accent: hashed as written
  })

  it('reads an unknown Russian or Ukrainian word without its reflexive ending, with the suffix rules after it', () => {
    const t = tokenizer({ reflexivePostfix: true, suffixRules: [['овало', 'овать'], ['ует', 'овать']] })
    const id = (word: string) => vocab.indexOf(word)
    // is used, was used (Russian); managed to (Ukrainian: вдалося -> вдало, successfully)
    expect(t.encode('используется использовалось вдалося')).toEqual([id('использовать'), id('использовать'), id('вдало')])
    const bucket = (word: string): number => vocab.length + (fnv1a32(word) % 1000)
    expect(t.wordIds('вся')).toEqual([bucket('вся')]) // too short to be a verb with the ending
    expect(tokenizer({ suffixRules: [['ует', 'овать']] }).wordIds('используется')).toEqual([bucket('используется')])
  })

  it('reads an unknown French or Italian word without the word elided onto it', () => {
    const t = tokenizer({ elisions: true })
    const id = (word: string) => vocab.indexOf(word)
    const bucket = (word: string): number => vocab.length + (fnv1a32(word) % 1000)
    // the option (both apostrophes), of the user (Italian); the rest of an unknown word is hashed as the word alone
    expect(t.encode('l\'option L’option dell\'utente')).toEqual([id('option'), id('option'), id('utente')])
    expect(t.wordIds("qu'abcde")).toEqual([bucket('abcde')])
    expect(t.wordIds("didn't")).toEqual([id("didn't")]) // a known word is read as it is
    expect(t.wordIds("don't")).toEqual([bucket("don't")]) // "don" is no elided word
    expect(tokenizer().wordIds("l'option")).toEqual([bucket("l'option")])
  })

  it('falls back to known characters for unknown CJK words', () => {
    expect(tokenizer().wordIds('猫犬')).toEqual([11, 12])
  })

  it('hashes other unknown words into buckets, the same word always to the same id', () => {
    const t = tokenizer()
    const [id] = t.wordIds('semnote')
    expect(id).toBe(vocab.length + (fnv1a32('semnote') % 1000))
    expect(t.encode('Semnote SEMNOTE')).toEqual([id, id])
    expect(tokenizer({ hashBuckets: undefined }).wordIds('semnote')).toEqual([1])
    expect(t.maxId).toBe(vocab.length + 999)
  })

  it('truncates to maxTokens and counts without truncation', () => {
    const t = tokenizer()
    expect(t.encode('music night loud music', 2)).toEqual([2, 3])
    expect(t.count('music night loud music')).toBe(4)
  })

  it('hashes with FNV-1a over UTF-8', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5)
    expect(fnv1a32('a')).toBe(0xe40c292c)
    expect(fnv1a32('音')).not.toBe(fnv1a32('乐'))
  })

  it('encodes repeated and memoized text exactly like its words mapped one by one (CJK, suffixes, compounds, hashed unknowns)', () => {
    const t = tokenizer()
    const texts = [
      'Die Kinder spielten im Gartenhaus. Kinder!',
      '晚上音乐很吵，猫犬很吵。晚上音乐',
      "夜に音楽がうるさい Didn't pay 3.14 EUR, 1,000 times",
      'Semnote SEMNOTE semnotes Häuser Tür tür',
      'Ｆｕｌｌｗｉｄｔｈ ＭＵＳＩＣ ｎｉｇｈｔ', // NFKC folds these to music night
      `${'x'.repeat(200)} ${'晚上'.repeat(80)} ${'y'.repeat(60)}` // runs too long to memoize
    ]
    const reference = (text: string) => t.words(text).flatMap((word) => t.wordIds(word))
    for (let round = 0; round < 3; round++) {
      for (const text of texts) {
        expect(t.encode(text)).toEqual(reference(text))
        expect(t.count(text)).toBe(reference(text).length)
        expect(t.encode(text, 3)).toEqual(reference(text).slice(0, 3))
      }
    }
  })

  it('stays exact when the memos fill up and drop their older half', () => {
    // 75,000 distinct words in over 2 million characters: the run memo starts over and the piece memo drops old pieces.
    const t = tokenizer({ compounds: false })
    const random = rng(8)
    const letters = 'abcdefghijklmnopqrstuvwxyzäöü'
    const word = () => Array.from({ length: 20 + Math.floor(random() * 20) }, () => letters[Math.floor(random() * letters.length)]).join('')
    const texts = Array.from({ length: 1500 }, () => Array.from({ length: 50 }, word).join(' ') + ' kinder gartenhaus 晚上音乐.\nMusic')
    const first = texts.map((text) => t.encode(text))
    expect(texts.map((text) => t.encode(text))).toEqual(first)
    expect(first).toEqual(texts.map((text) => t.words(text).flatMap((w) => t.wordIds(w))))
  })

  it('tokenizes text cut at line breaks and sentence ends exactly like the whole (casing, NFKC and joiner edge cases)', () => {
    const t = tokenizer()
    const texts = [
      'ΟΔΥΣΣΕΥΣ. ΟΔΥΣΣΕΥΣ.\nΣΑ ΑΣ.\ufeff Β', // Greek final sigma depends on what follows
      'x.\n\u0301a e. \u0301b', // combining marks right after a cut
      'a\r\nb İstanbul. İ\nI',
      '3.\n14 3. 14 e.g. 1,000.\n2,5 a.\u00a0b x?\u3000y! z',
      'ﬁ. ﬂ\n㎏ ｍｕｓｉｃ.\nＮＩＧＨＴ',
      '晚上。 音乐\n很吵。猫犬! Kinder.\n\nGartenhaus? spielten'
    ]
    for (const text of texts) {
      const reference = t.words(text).flatMap((word) => t.wordIds(word))
      for (let round = 0; round < 2; round++) {
        expect(t.encode(text)).toEqual(reference)
        expect(t.count(text)).toBe(reference.length)
        expect(t.encode(text, 4)).toEqual(reference.slice(0, 4))
      }
    }
  })

  it('splits, counts and truncates a long CJK run without punctuation (8,000 words)', () => {
    const text = '晚上音乐'.repeat(4_000)
    const t = tokenizer()
    expect(t.words(text)).toHaveLength(8_000)
    expect(t.count(text)).toBe(8_000)
    expect(t.encode(text, 5)).toEqual([6, 5, 6, 5, 6])
  })
})
