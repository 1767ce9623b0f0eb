// Query translation with the bundled lexicon: real translations, pivoting through English, and bounded expansion for hostile queries.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { otherGreekSpellings } from '../../src/main/engine/lexicon/greek-accent'
import { decodeLexiconFile } from '../../src/main/engine/lexicon/query-lexicon'
import { fullTextSpellings, koreanInEnglish, translateQuery, TRANSLATION_LIMITS } from '../../src/main/engine/lexicon/translate'

const lexicon = await decodeLexiconFile(readFileSync(resolve(__dirname, '../../resources/models/semnote-lite-multi/query-lexicon.bin')))
const termsIn = (query: string, targets: string[]) => translateQuery(lexicon, query, targets).terms.map((t) => `${t.lang}:${t.text}`)

describe('translateQuery with the bundled lexicon', () => {
  it('translates English into Chinese and Japanese, Spanish into English, and Spanish into German through English', () => {
    expect(termsIn('earthquake', ['zh'])).toContain('zh:地震')
    expect(termsIn('earthquake', ['ja'])).toContain('ja:地震')
    expect(termsIn('En el futuro habrá un gran terremoto.', ['en'])).toEqual(expect.arrayContaining(['en:future', 'en:earthquake']))
    expect(termsIn('¿Cuántos puntos dejaron escapar en defensa?', ['de'])).toEqual(expect.arrayContaining(['de:punkt', 'de:verteidigung']))
    expect(termsIn('地震', ['en'])).toContain('en:earthquake')
  })

  it('reads inflected words through their lemma and weighs the best translation of each word 1', () => {
    expect(termsIn('earthquakes', ['zh'])).toContain('zh:地震')
    const translation = translateQuery(lexicon, 'points', ['de'])
    expect(translation.words.map((w) => [w.text, w.lang])).toEqual([['points', 'en']])
    expect(Math.max(...translation.terms.map((t) => t.weight))).toBe(1)
    expect(translation.terms.every((t) => t.weight > 0 && t.weight <= 1)).toBe(true)
  })

  it('reads an English word that is a lemma as itself, or also as the lemma of the plural or verb form it is, by English rules', () => {
    const englishOf = (word: string) => translateQuery(lexicon, word, ['zh']).words[0]!.english.map(([lemma]) => lemma).sort()
    // The pack's suffix rules are shared by its languages: they had read game as gam, three as thre, line as lin (flax).
    expect(englishOf('game')).toEqual(['game'])
    expect(englishOf('three')).toEqual(['three'])
    expect(englishOf('line')).toEqual(['line'])
    expect(englishOf('contents')).toEqual(['content', 'contents'])
    expect(englishOf('reading')).toEqual(['read', 'reading'])
    // By WordNet's parts of speech: news is no plural of the adjective new, business no form of busines (a typo in a
    // gloss), bus no plural of bu (a gloss's Lü Bu, 吕布).
    expect(englishOf('news')).toEqual(['news'])
    expect(englishOf('business')).toEqual(['business'])
    expect(termsIn('bus', ['zh'])).not.toContain('zh:吕布')
    expect(termsIn('bus', ['zh'])).toContain('zh:汽车')
    // A noun in -er is no comparative: center is not "cent" (hundred, 百), nor water "wat".
    expect(englishOf('center')).toEqual(['center'])
    expect(englishOf('water')).toEqual(['water'])
    expect(termsIn('center', ['zh', 'de'])).toEqual(expect.arrayContaining(['zh:中心', 'de:zentrum']))
    expect(termsIn('center', ['zh', 'de'])).not.toEqual(expect.arrayContaining(['zh:百']))
    expect(termsIn('center', ['zh', 'de'])).not.toEqual(expect.arrayContaining(['de:hundert']))
  })

  it('offers no function word of a language as a translation: the full-text index keeps them and most notes hold them', () => {
    // "evening" is also read as the verb "even", whose Japanese particle is も; 更 (more) is also a watch of the night.
    expect(termsIn('evening', ['ja'])).not.toContain('ja:も')
    expect(termsIn('night', ['zh'])).not.toContain('zh:更')
    expect(termsIn('night', ['zh'])).toContain('zh:夜')
    for (const query of ['evening', 'night', 'loud music at night', 'even more']) {
      for (const term of translateQuery(lexicon, query, ['zh', 'ja', 'es', 'de']).terms) expect(lexicon.isStopWord(term.lang, term.text), term.text).toBe(false)
    }
  })

  it('reads a word in the languages that write it as a dictionary word, not in those whose suffix rules only reach it', () => {
    // "take" is English; Dutch, Swedish and Danish rules reached tak (branch, roof) from it.
    expect(translateQuery(lexicon, 'take', ['zh']).words[0]!.english).toEqual([['take', 1]])
    // Where languages write the same word, it is read in each (French "user" is to wear out).
    expect(translateQuery(lexicon, 'user', ['zh']).words[0]!.english.map(([lemma]) => lemma)).toEqual(expect.arrayContaining(['user', 'wear']))
  })

  it('reads British spellings through their American spelling, which the dictionaries gloss in, and searches English notes in both', () => {
    // CC-CEDICT has "color" and no "colour"; it reads "neighbour" only in the gloss of 质子 (a prince sent to a neighbouring state).
    expect(termsIn('colour', ['zh'])).toContain('zh:色')
    expect(termsIn('neighbour', ['zh'])).toContain('zh:邻')
    expect(termsIn('neighbour', ['zh'])).not.toContain('zh:质子')
    expect(termsIn('my favourite colour', ['zh'])).toEqual(expect.arrayContaining(['zh:喜爱', 'zh:色']))
    expect(termsIn('grey', ['zh'])).toContain('zh:灰')
    expect(termsIn('grey', ['zh'])).not.toContain('zh:格雷')
    // A plural is searched as written in its other spellings (the full-text index stems colors to color).
    expect(termsIn('colours', ['en'])).toEqual(['en:colors', 'en:colour'])
    expect(termsIn('colours', ['zh'])).toContain('zh:色')
    expect(termsIn('color', ['en'])).toEqual(['en:colour'])
    expect(termsIn('centre', ['en'])).toEqual(['en:center'])
    // Look-alikes translate apart: they are other words.
    for (const word of ['tour', 'hour', 'key', 'four']) expect(termsIn(word, ['en']), word).toEqual([])
  })

  it('translates nothing into the query language itself, and keeps the Latin words of a Chinese query as they are', () => {
    expect(termsIn('year', ['en'])).toEqual([])
    const mixed = translateQuery(lexicon, '谁在 Super Bowl 上演唱了国歌', ['zh', 'en'])
    expect(mixed.terms.filter((t) => t.lang === 'zh')).toEqual([])
    expect(mixed.terms.map((t) => t.text)).toContain('anthem')
  })

  it('reads Korean words of Chinese origin through their Hanja spelling, particles and endings dropped; native words stay as they are', () => {
    expect(termsIn('학교에서 음악을 들었다', ['en'])).toEqual(expect.arrayContaining(['en:school', 'en:music']))
    expect(termsIn('지진', ['zh'])).toContain('zh:地震')
    expect(termsIn('잘자. 좋은 꿈 꿔.', ['en'])).toEqual([])
    // For a model that reads no Korean (the lite pack), the query with its English readings after the words read.
    const english = koreanInEnglish(lexicon, '학교에서 음악을 들었다')!
    expect(english.startsWith('학교에서 school')).toBe(true)
    expect(english).toMatch(/\bschool\b/)
    expect(english).toMatch(/\bmusic\b/)
    expect(english).toContain('들었다')
    expect(koreanInEnglish(lexicon, 'music at school')).toBeNull()
    expect(koreanInEnglish(lexicon, '잘자')).toBeNull()
  })

  it('reads Russian, Arabic, Greek and Hindi queries, Russian cases and Arabic articles and conjunctions dropped, and translates into them', () => {
    // A reflexive verb form is read without -ся / -сь: используется (is used) -> использует -> использовать.
    expect(termsIn('используется', ['en'])).toContain('en:utilize')
    const russian = termsIn('Соседи включают громкую музыку', ['en'])
    expect(russian).toEqual(expect.arrayContaining(['en:loud', 'en:music']))
    expect(russian.some((term) => term.startsWith('en:neighbo')), russian.join(' ')).toBe(true)
    expect(termsIn('والكتاب في المكتبة', ['en'])).toEqual(expect.arrayContaining(['en:book', 'en:library']))
    expect(termsIn('μουσική', ['en'])).toContain('en:music')
    expect(termsIn('σε ζεστό φούρνο', ['en'])).toEqual(expect.arrayContaining(['en:warm', 'en:oven'])) // φούρνο -> φούρνος, ζεστό -> ζεστός
    // Greek with the accent moved by inflection, or left out as in capitals: ανθρώπου -> άνθρωπος, ΜΟΥΣΙΚΗ -> μουσική
    expect(termsIn('ανθρώπου', ['en'])).toEqual(expect.arrayContaining(['en:human']))
    expect(termsIn('ΜΟΥΣΙΚΗ ΤΗ ΝΥΧΤΑ', ['en'])).toEqual(expect.arrayContaining(['en:music', 'en:night']))
    // ... and the full-text query searches Greek translations with and without accents (notes in capitals have none).
    const greek = translateQuery(lexicon, 'music', ['el', 'de']).terms
    const spellings = fullTextSpellings(greek).map((t) => t.text)
    expect(spellings).toEqual(expect.arrayContaining(['μουσική', 'μουσικη', 'musik']))
    expect(spellings.length).toBe(greek.length + greek.filter((t) => t.lang === 'el' && /[άέήίόύώΐΰ]/.test(t.text)).length)
    // A Greek query word is also searched as the notes may write it: accent left out, or put on one of its last three syllables.
    expect(otherGreekSpellings('μουσική')).toEqual(['μουσικη'])
    expect(otherGreekSpellings('μουσικη')).toEqual(['μούσικη', 'μουσίκη', 'μουσική'])
    expect(otherGreekSpellings('ειναι')).toEqual(['είναι', 'ειναί'])
    expect(otherGreekSpellings('ανθρωπος')).toContain('άνθρωπος')
    expect([otherGreekSpellings('να'), otherGreekSpellings('music')]).toEqual([[], []])
    expect(termsIn('संगीत', ['en'])).toContain('en:music')
    for (const lang of ['ru', 'ar', 'el', 'hi']) expect(termsIn('music', [lang]).length, lang).toBeGreaterThan(0)
  })

  it('reads Ukrainian queries (their own letters, or words only Ukrainian has) and translates into Ukrainian', () => {
    expect(termsIn('Сусіди вмикають гучну музику вночі', ['en'])).toEqual(expect.arrayContaining(['en:music', 'en:night']))
    expect(translateQuery(lexicon, 'гучну музику', ['en']).words.map((w) => w.lang)).toEqual(['uk', 'uk'])
    expect(translateQuery(lexicon, 'громкую музыку', ['en']).words.map((w) => w.lang)).toEqual(['ru', 'ru'])
    expect(termsIn('music library', ['uk'])).toEqual(expect.arrayContaining(['uk:музика', 'uk:бібліотека']))
  })

  it('reads Romanian queries, in either spelling of ș and ț, and translates into Romanian (base forms, today\'s spelling)', () => {
    expect(termsIn('Vecinii ascultă muzică tare noaptea', ['en'])).toEqual(expect.arrayContaining(['en:music', 'en:night']))
    expect(translateQuery(lexicon, 'muzică școală', ['en']).words.map((w) => w.lang)).toEqual(['ro', 'ro'])
    expect(termsIn('şcoală', ['en'])).toContain('en:school')
    const intoRomanian = termsIn('music library school', ['ro'])
    expect(intoRomanian).toEqual(expect.arrayContaining(['ro:muzică', 'ro:bibliotecă', 'ro:școală']))
    expect(intoRomanian.some((term) => /[şţ]/.test(term))).toBe(false)
  })

  it('reads Turkish, Polish, Dutch and Indonesian queries and translates into them', () => {
    expect(termsIn('kedi ve müzik', ['en'])).toEqual(expect.arrayContaining(['en:cat', 'en:music']))
    expect(termsIn('muzykę w szkole', ['en'])).toEqual(expect.arrayContaining(['en:music', 'en:school'])) // muzykę -> muzyka, szkole -> szkoła
    expect(termsIn('müzik dinledi', ['en'])).toEqual(expect.arrayContaining(['en:music', 'en:listen'])) // dinledi -> dinlemek
    expect(termsIn('de hond en het paard', ['en'])).toEqual(expect.arrayContaining(['en:dog', 'en:horse']))
    expect(termsIn('kucing dan anjing', ['en'])).toEqual(expect.arrayContaining(['en:cat', 'en:dog']))
    expect(termsIn('window', ['tr', 'pl', 'nl', 'id'])).toEqual(expect.arrayContaining(['tr:pencere', 'pl:okno', 'nl:venster', 'id:jendela']))
  })

  it('reads Swedish, Czech, Croatian, Finnish and Hungarian queries', () => {
    expect(termsIn('katten sover', ['en'])).toContain('en:cat') // katten -> katt
    expect(termsIn('kočka a pes', ['en'])).toContain('en:cat')
    expect(termsIn('glazba i knjiga', ['en'])).toEqual(expect.arrayContaining(['en:music', 'en:book']))
    expect(termsIn('musiikki ja kirja', ['en'])).toEqual(expect.arrayContaining(['en:music', 'en:book']))
    expect(termsIn('zene és könyv', ['en'])).toEqual(expect.arrayContaining(['en:music', 'en:book']))
  })

  it('needs no target it does not know and returns nothing for languages outside the lexicon', () => {
    // Korean words are read, never offered as translations (Korean text keeps particles on its words).
    expect(termsIn('earthquake', ['ko', 'und'])).toEqual([])
    expect(translateQuery(lexicon, 'earthquake', []).terms).toEqual([])
  })

  it('stays bounded and never throws on hostile queries', () => {
    const everyLanguage = ['en', 'zh', 'ja', 'de', 'es', 'fr', 'it', 'pt', 'ru']
    const long = Array.from({ length: 1500 }, (_, i) => ['house', 'water', 'run', 'set', 'take', 'get', 'point', 'line'][i % 8]).join(' ')
    const hostile = [
      long.slice(0, 10_000),
      '!!!???...,,,;;;---***',
      '🙂🙃🤔💥🔥 🚀',
      'Tokyo 東京 とうきょう Токио 도쿄 طوكيو Τόκιο',
      // English words with hundreds of dictionary translations each
      'set run take get make go put cut turn break',
      '\u0000\u200b\ufeff\ud800',
      'x'.repeat(10_000)
    ]
    for (const query of hostile) {
      const translation = translateQuery(lexicon, query, everyLanguage)
      expect(translation.terms.length).toBeLessThanOrEqual(TRANSLATION_LIMITS.maxTerms)
      expect(translation.words.length).toBeLessThanOrEqual(TRANSLATION_LIMITS.maxSourceWords)
      const perWord = new Map<string, number>()
      for (const term of translation.terms) perWord.set(`${term.source}:${term.lang}`, (perWord.get(`${term.source}:${term.lang}`) ?? 0) + 1)
      expect(Math.max(0, ...perWord.values())).toBeLessThanOrEqual(TRANSLATION_LIMITS.termsPerWord)
      expect(translation.terms.every((t) => t.text.length > 0 && t.text.length <= 200)).toBe(true)
    }
    expect(translateQuery(lexicon, 'set run take get make go put cut turn break', everyLanguage).terms).toHaveLength(TRANSLATION_LIMITS.maxTerms)
  })
})
