// The query-lexicon file: build from tiny dictionaries, encode/decode, checksum-verified loading, and cross-language keyword search with no model at all.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { KOREAN_SOURCE, type SourceData } from '../../scripts/lite-pack/collect'
import { readChineseWordCounts, readHanjaKorean } from '../../scripts/lite-pack/sources'
import { installQueryLexicon } from '../../scripts/lite-pack/build-query-lexicon'
import { buildQueryLexicon } from '../../scripts/lite-pack/query-lexicon'
import { Engine } from '../../src/main/engine/engine'
import { encodeQueryLexicon, LexiconView } from '../../src/main/engine/lexicon/format'
import { translateQuery } from '../../src/main/engine/lexicon/translate'
import { compressLexicon, decodeLexiconFile, QueryLexiconSource } from '../../src/main/engine/lexicon/query-lexicon'
import { tempFolders } from '../engine/helpers'

const LITE_PACK = resolve(__dirname, '../../resources/models/semnote-lite-multi')
const temp = tempFolders()
afterAll(() => temp.cleanup())

/**
 * An engine over `files` (name -> text) indexed with a pack folder holding only the lite pack's manifest and lexicon:
 * no model loads, the store is keyword-only.
 */
async function keywordOnlyEngine(files: Record<string, string>): Promise<{ notes: string; engine: Engine }> {
  const packs = temp.make('lexicon-only')
  copyFileSync(join(LITE_PACK, 'semnote-pack.json'), join(packs, 'semnote-pack.json'))
  copyFileSync(join(LITE_PACK, 'query-lexicon.bin'), join(packs, 'query-lexicon.bin'))
  const notes = temp.make('lexicon-notes')
  for (const [name, text] of Object.entries(files)) writeFileSync(join(notes, name), text)
  const engine = await Engine.open({ dataDir: temp.make('lexicon-data'), modelDirs: [packs], watch: false })
  try {
    await engine.call('addRoots', { paths: [notes] })
    await engine.whenSettled()
  } catch (error) {
    await engine.close()
    throw error
  }
  return { notes, engine }
}

function tinySources(): SourceData {
  return {
    wordnet: {
      synsets: [
        { pos: 'noun', lemmas: ['year'], gloss: 'a period of time' },
        { pos: 'noun', lemmas: ['team'], gloss: 'people working together' },
        { pos: 'noun', lemmas: ['point'], gloss: 'a position' }
      ],
      senses: new Map([['year', [0]], ['team', [1]], ['point', [2]]]),
      exceptions: new Map([['years', 'year']]),
      tagCounts: new Map()
    },
    stopwords: new Set(),
    entries: [
      ['wordnet exceptions', [{ word: 'years', glosses: ['year'], weight: 1 }]],
      [
        'cc-cedict',
        [
          { word: '年', glosses: ['year', 'harvest'], weight: 1 },
          { word: '今年', glosses: ['this year'], weight: 1 },
          { word: '同年', glosses: ['the same year'], weight: 1 },
          { word: '今岁', glosses: ['this year'], weight: 0.5 },
          { word: '队', glosses: ['team', 'squad'], weight: 1 }
        ]
      ],
      ['freedict-deu-eng', [{ word: 'Jahr', glosses: ['year'], weight: 1 }, { word: 'Mannschaft', glosses: ['team; crew'], weight: 1 }]],
      ['apertium spa-eng', [{ word: 'años', glosses: ['year'], weight: 1, baseForm: false }, { word: 'año', glosses: ['year'], weight: 1, baseForm: true }]]
    ],
    spanishNouns: [],
    pivotWords: [],
    englishInflections: [],
    englishLemmaReadings: [],
    inflectedForms: [],
    added: [['freedict-eng-tur (ranked)', [{ word: 'yıl', glosses: ['year', 'age'], weight: 0.7 }]]],
    laterAdded: [
      [
        'apertium ro-es (through Spanish)',
        [
          { word: 'anul', glosses: ['year'], weight: 1, baseForm: false },
          { word: 'an', glosses: ['year'], weight: 1, baseForm: true },
          { word: 'echipă', glosses: ['team'], weight: 1, baseForm: true },
          { word: 'echipa', glosses: ['team'], weight: 1, baseForm: false }
        ]
      ]
    ],
    addedStopwords: new Set(),
    laterStopwords: new Set(),
    protectedForms: new Set()
  }
}

describe('query lexicon build and file', () => {
  it('builds p(lemma | word) and p(word | lemma), crediting the word a family of compounds shares, never offering inflected forms', () => {
    const tables = buildQueryLexicon(tinySources(), { zh: ['的'] })
    const view = new LexiconView(encodeQueryLexicon(tables))
    expect(view.languages).toEqual(['de', 'es', 'ro', 'tr', 'zh'])
    expect(view.fromEnglish('tr', 'year')).toEqual([['yıl', 1]])
    // A later language's forms are read; only its base forms are offered.
    expect(view.toEnglish('ro', 'anul')).toEqual([['year', 1]])
    expect(view.fromEnglish('ro', 'year')).toEqual([['an', 1]])
    expect(view.fromEnglish('ro', 'team')).toEqual([['echipă', 1]])
    expect(view.toEnglish('zh', '年').map(([lemma]) => lemma)).toEqual(['year', 'harvest'])
    // 年 is in 今年 and 同年, which also mean "year": it comes first, before the rarer 今岁.
    expect(view.fromEnglish('zh', 'year')[0]![0]).toBe('年')
    expect(view.fromEnglish('de', 'year')).toEqual([['jahr', 1]])
    expect(view.toEnglish('es', 'años')).toEqual([['year', 1]])
    expect(view.fromEnglish('es', 'year').map(([word]) => word)).toEqual(['año'])
    expect(view.englishFormLemmas('years')).toEqual(['year'])
    expect(view.isEnglishLemma('team')).toBe(true)
    expect(view.isStopWord('zh', '的')).toBe(true)
    expect(view.has('zh', '猫')).toBe(false)
    // Deterministic: the same input gives the same bytes.
    expect(Buffer.from(encodeQueryLexicon(buildQueryLexicon(tinySources(), { zh: ['的'] })))).toEqual(Buffer.from(encodeQueryLexicon(tables)))
  })

  it('weighs a Chinese word by the square root of its corpus count when counts are given, in place of its family of compounds', () => {
    const tiny = tinySources()
    const [exceptions, cedict, ...rest] = tiny.entries
    const words = [
      { word: '密码', glosses: ['password', 'code'], weight: 1 },
      { word: '密碼', glosses: ['password', 'code'], weight: 0.8 },
      { word: '通关密语', glosses: ['password'], weight: 1 }
    ]
    const sources: SourceData = { ...tiny, entries: [exceptions!, [cedict![0], [...cedict![1], ...words]], ...rest] }
    const counts = new Map([['密码', 1022], ['密碼', 1022], ['年', 248559], ['今年', 20000]])
    const withCounts = new LexiconView(encodeQueryLexicon(buildQueryLexicon(sources, {}, { zh: counts })))
    const [first, traditional, rare] = withCounts.fromEnglish('zh', 'password')
    // p(password | 密码) is 0.6 (the first of two senses), 1 for 通关密语, which the corpus never saw (count 0).
    expect([first![0], traditional![0], rare![0]]).toEqual(['密码', '密碼', '通关密语'])
    // The file keeps weights in steps of 1/255 of a list.
    expect(first![1] / rare![1] / ((0.6 * Math.sqrt(1023)) / Math.sqrt(1))).toBeCloseTo(1, 1)
    expect(traditional![1] / first![1]).toBeCloseTo(0.8, 1)
    expect(withCounts.fromEnglish('zh', 'year')[0]![0]).toBe('年')
    // Without counts, the rare word that means nothing else comes first; other languages keep their order.
    const withoutCounts = new LexiconView(encodeQueryLexicon(buildQueryLexicon(sources, {})))
    expect(withoutCounts.fromEnglish('zh', 'password')[0]![0]).toBe('通关密语')
    expect(withCounts.fromEnglish('de', 'year')).toEqual(withoutCounts.fromEnglish('de', 'year'))
  })

  it('counts a traditional Chinese word as its simplified form, unless it is a simplified word of its own', async () => {
    const dir = temp.make('jieba')
    writeFileSync(join(dir, 'jieba.dict.utf8'), '音乐 6216 n\n樂 3 zg\n干 30000 v\n乾 800 ng\n')
    const cedict = [['音樂', '音乐', 'yin1 yue4', ['music']], ['樂', '乐', 'yue4', ['music']], ['乾', '干', 'gan1', ['dry']], ['乾', '乾', 'qian2', ['heaven']]]
    writeFileSync(join(dir, 'cedict.mjs'), `export default { all: ${JSON.stringify(cedict)} }`)
    const counts = await readChineseWordCounts(join(dir, 'jieba.dict.utf8'), join(dir, 'cedict.mjs'))
    expect(counts.get('音樂')).toBe(6216)
    // 乐 itself is not in this Jieba list: 樂 keeps the count Jieba gives it.
    expect(counts.get('樂')).toBe(3)
    expect(counts.get('乾')).toBe(800)
  })

  it('reads regular English inflections to their lemmas where the suffix rules alone read another word', () => {
    const tiny = tinySources()
    const [exceptions, cedict, ...rest] = tiny.entries
    const sources: SourceData = {
      ...tiny,
      wordnet: { ...tiny.wordnet, exceptions: new Map([...tiny.wordnet.exceptions, ['lives', 'life']]) },
      entries: [
        [exceptions![0], [...exceptions![1], { word: 'lives', glosses: ['life'], weight: 1 }]],
        [cedict![0], [...cedict![1], { word: '时间', glosses: ['time'], weight: 1 }, { word: '提摩太', glosses: ['Tim'], weight: 1 }, { word: '生命', glosses: ['life'], weight: 1 }, { word: '住', glosses: ['live'], weight: 1 }]],
        ...rest
      ],
      englishInflections: [
        { word: 'times', glosses: ['time'], weight: 1, baseForm: false },
        { word: 'lives', glosses: ['live'], weight: 1, baseForm: false },
        { word: 'years', glosses: ['year'], weight: 1, baseForm: false },
        { word: 'zorbs', glosses: ['zorb'], weight: 1, baseForm: false }
      ],
      // A lemma that is also a form of another ("teams" as the lemma of a tiny dictionary, and the plural of team).
      englishLemmaReadings: [{ word: 'teams', glosses: ['team'], weight: 1, baseForm: false }]
    }
    const view = new LexiconView(encodeQueryLexicon(buildQueryLexicon(sources, {})))
    expect(view.englishFormLemmas('teams')).toEqual(['team'])
    expect(view.englishFormLemmas('times')).toEqual(['time'])
    // The irregular lemma first; a lemma the tables do not translate and a row the exceptions have are left out.
    expect(view.englishFormLemmas('lives')).toEqual(['life', 'live'])
    expect(view.englishFormLemmas('years')).toEqual(['year'])
    expect(view.englishFormLemmas('zorbs')).toEqual([])
    // Without the row, the -es rule (tried before -s) reads "times" as "tim".
    const words = (query: string, lexicon: LexiconView) => translateQuery(lexicon, query, ['zh']).terms.map((term) => term.text)
    expect(words('times', view)).toEqual(['时间'])
    const withoutRows = new LexiconView(encodeQueryLexicon(buildQueryLexicon({ ...sources, englishInflections: [] }, {})))
    expect(words('times', withoutRows)).toEqual(['提摩太'])
    expect(words('lives', view).sort()).toEqual(['住', '生命'].sort())
  })

  it("weighs a form's readings by how often SemCor tagged each; a form that is a lemma itself keeps half", () => {
    const tiny = tinySources()
    const [exceptions, cedict, ...rest] = tiny.entries
    const sources: SourceData = {
      ...tiny,
      wordnet: { ...tiny.wordnet, tagCounts: new Map([['verb:hope', 120], ['verb:hop', 9], ['noun:evening', 38], ['adv:even', 413]]) },
      entries: [exceptions!, [cedict![0], [...cedict![1], { word: '希望', glosses: ['hope'], weight: 1 }, { word: '跳', glosses: ['hop'], weight: 1 }, { word: '晚上', glosses: ['evening'], weight: 1 }, { word: '平', glosses: ['even'], weight: 1 }]], ...rest],
      englishInflections: [{ word: 'hoped', glosses: ['hope', 'hop'], weight: 1, baseForm: false }],
      englishLemmaReadings: [{ word: 'evening', glosses: ['even'], weight: 1, baseForm: false }]
    }
    const view = new LexiconView(encodeQueryLexicon(buildQueryLexicon(sources, {})))
    const [[hope, pHope], [hop, pHop]] = view.englishFormReadings('hoped') as [[string, number], [string, number]]
    expect([hope, hop]).toEqual(['hope', 'hop'])
    // Add-one smoothed: 121 / 131 and 10 / 131.
    expect(pHope).toBeCloseTo(121 / 131, 2)
    expect(pHop).toBeCloseTo(10 / 131, 2)
    expect(view.englishFormReadings('evening')).toEqual([['even', 1]])
    const weights = (query: string) => [...new Map(translateQuery(view, query, ['zh']).terms.map((term) => [term.text, term.weight]))]
    // hop's share is under the translations' floor (an eighth of the best): "hoped" searches 希望 alone (both, before).
    expect(weights('hoped')).toEqual([['希望', 1]])
    expect(weights('evening').sort()).toEqual([['平', 1], ['晚上', 1]].sort())
  })

  it('reads inflected forms to their word where the suffix rules do not, and never offers them as translations', () => {
    const tiny = tinySources()
    const sources: SourceData = {
      ...tiny,
      entries: [...tiny.entries, ['mueller7 (reversed)', [{ word: 'год', glosses: ['year'], weight: 1 }, { word: 'команда', glosses: ['team'], weight: 1 }]]],
      inflectedForms: [
        // лет (of years) is no suffix rewrite of год; команды reads as команда through the -ы -> -а rule.
        { lang: 'ru', form: 'лет', word: 'год' },
        { lang: 'ru', form: 'команды', word: 'команда' },
        { lang: 'ru', form: 'точкой', word: 'точка' }
      ]
    }
    const view = new LexiconView(encodeQueryLexicon(buildQueryLexicon(sources, {})))
    expect(view.toEnglish('ru', 'лет')).toEqual([['year', 1]])
    expect(view.has('ru', 'команды')).toBe(false)
    expect(view.has('ru', 'точкой')).toBe(false)
    expect(view.fromEnglish('ru', 'year')).toEqual([['год', 1]])
    const words = (query: string, lexicon: LexiconView) => translateQuery(lexicon, query, ['zh', 'de']).terms.map((term) => term.text)
    expect(words('лет', view)).toEqual(expect.arrayContaining(['年', 'jahr']))
    expect(words('команды', view)).toEqual(expect.arrayContaining(['队', 'mannschaft']))
    const withoutForms = new LexiconView(encodeQueryLexicon(buildQueryLexicon({ ...sources, inflectedForms: [] }, {})))
    expect(words('лет', withoutForms)).toEqual([])
  })

  it('reads Korean words through the Hanja spellings CC-CEDICT knows, in the list\'s order, then those only EDICT knows, and never offers them as translations', () => {
    const file = join(temp.make('hanja'), 'hanja.txt')
    const lines = ['# comment: line', '여자:餘資:', '여자:女子:', '학교:學校:', '학교:鶴轎:', '가:家:', '우리:牛李:', 'ㄱ자집:ㄱ字집:', '학교에:學校:', '기차:汽車:', '기차:其次:', '잡지:雜誌:']
    writeFileSync(file, lines.join('\n') + '\n')
    const cedict = [
      { word: '女子', glosses: ['woman', 'female'], weight: 1 },
      { word: '学校', glosses: ['school'], weight: 1 },
      { word: '學校', glosses: ['school'], weight: 0.8 },
      { word: '家', glosses: ['home'], weight: 1 },
      { word: '牛李', glosses: ['a name'], weight: 1 }
    ]
    cedict.push({ word: '其次', glosses: ['next', 'secondly'], weight: 1 })
    const edict = [
      { word: '汽車', glosses: ['train', 'steam train'], weight: 1 },
      { word: '其次', glosses: ['next in order'], weight: 1 },
      { word: '雜誌', glosses: ['magazine'], weight: 1 },
      { word: '餘資', glosses: ['surplus funds'], weight: 1 }
    ]
    const korean = readHanjaKorean(file, cedict, edict, new Set(['우리']))
    // 여자's first spelling (餘資) only EDICT knows: it comes after CC-CEDICT's 女子. 기차's 汽車 (train) is EDICT's only, so
    // it follows CC-CEDICT's 其次, whose glosses stay CC-CEDICT's. Single syllables, stop words and mixed scripts are left out.
    expect(korean).toEqual([
      { word: '여자', glosses: ['woman', 'female', 'surplus funds'], weight: 1 },
      { word: '학교', glosses: ['school'], weight: 1 },
      { word: '학교에', glosses: ['school'], weight: 1 },
      { word: '기차', glosses: ['next', 'secondly', 'train', 'steam train'], weight: 1 },
      { word: '잡지', glosses: ['magazine'], weight: 1 }
    ])
    const sources = tinySources()
    sources.wordnet.synsets.push({ pos: 'noun', lemmas: ['school'], gloss: 'a place of learning' })
    sources.wordnet.senses.set('school', [3])
    sources.entries.push([KOREAN_SOURCE, korean])
    const view = new LexiconView(encodeQueryLexicon(buildQueryLexicon(sources, {})))
    expect(view.languages).toContain('ko')
    expect(view.toEnglish('ko', '학교')).toEqual([['school', 1]])
    expect(view.fromEnglish('ko', 'school')).toEqual([])
  })

  it('refuses a file of another format, version or length, compressed or not', async () => {
    const bytes = encodeQueryLexicon(buildQueryLexicon(tinySources(), {}))
    expect(() => new LexiconView(new Uint8Array(16))).toThrow(/bad magic/)
    const otherVersion = bytes.slice()
    otherVersion[4] = 99
    expect(() => new LexiconView(otherVersion)).toThrow(/format 99/)
    expect(() => new LexiconView(bytes.slice(0, bytes.length - 64))).toThrow(/truncated/)
    const file = compressLexicon(bytes)
    await expect(decodeLexiconFile(bytes)).rejects.toThrow(/bad magic/)
    await expect(decodeLexiconFile(file.slice(0, file.length - 10))).rejects.toThrow(/does not decompress/)
    expect((await decodeLexiconFile(file)).languages).toEqual(['de', 'es', 'ro', 'tr', 'zh'])
  })

  it('loads the lexicon of a pack folder once after checking its SHA-256, and reports a changed file instead of using it', async () => {
    const dir = temp.make('lexicon-pack')
    copyFileSync(join(LITE_PACK, 'semnote-pack.json'), join(dir, 'semnote-pack.json'))
    installQueryLexicon(dir, compressLexicon(encodeQueryLexicon(buildQueryLexicon(tinySources(), {}))))
    const source = new QueryLexiconSource(() => [dir])
    const state = await source.state()
    expect(state.ok && state.lexicon.languages).toEqual(['de', 'es', 'ro', 'tr', 'zh'])
    expect(await source.get()).toBe(await source.get())
    const bytes = readFileSync(join(dir, 'query-lexicon.bin'))
    bytes[bytes.length - 1] ^= 0xff
    writeFileSync(join(dir, 'query-lexicon.bin'), bytes)
    const tampered = await new QueryLexiconSource(() => [dir]).state()
    expect(tampered.ok).toBe(false)
    expect(!tampered.ok && tampered.reason).toMatch(/query-lexicon\.bin is damaged or was changed/)
    expect(await new QueryLexiconSource(() => [temp.make('no-packs')]).get()).toBeNull()
  })

  it('searches across languages with no model at all: an English query finds the Chinese note by its translated words', async () => {
    const { notes, engine } = await keywordOnlyEngine({
      'noise.md': '# 楼上太吵了\n\n晚上音乐很吵，楼上的邻居经常放到半夜十二点，我根本睡不着。\n',
      'bread.md': '# 面包\n\n周末用酸面团烤面包。\n',
      'aliased.md': '---\naliases: [Lisbon]\n---\n# 骑楼\n\n楼上开了一家安静的茶馆。\n'
    })
    try {
      expect((await engine.call('status', undefined)).model.state).toBe('missing')
      const response = await engine.call('search', { query: 'neighbours upstairs at midnight', mode: 'hybrid' })
      expect(response.semanticAvailable).toBe(false)
      expect(response.hits[0]!.path).toBe(join(notes, 'noise.md'))
      expect(response.hits[0]!.reasons).toEqual(['translated'])
      expect(response.hits[0]!.passage.highlights.map((h) => response.hits[0]!.passage.text.slice(h.start, h.end))).toEqual(expect.arrayContaining(['楼上', '半夜']))
      // A query word the note holds only in its aliases is still its own word, not a translation.
      const aliased = (await engine.call('search', { query: 'Lisbon upstairs', mode: 'hybrid' })).hits.find((h) => h.path === join(notes, 'aliased.md'))
      expect(aliased?.reasons).toEqual(['keyword', 'translated'])
    } finally {
      await engine.close()
    }
  })

  it('finds notes written in the other English spelling, and Chinese notes for a British-spelled query', async () => {
    const { notes, engine } = await keywordOnlyEngine({
      'paint.md': '# Paint\n\nWe chose the color of the kitchen walls: a warm gray.\n',
      'trip.md': '# Trip\n\nWe walked around the old harbour for an hour before the tour.\n',
      'yanse.md': '# 油漆\n\n厨房墙壁的颜色选了暖灰色。\n'
    })
    try {
      const paint = await engine.call('search', { query: 'colour grey', mode: 'keyword' })
      const byPath = new Map(paint.hits.map((hit) => [hit.path, hit]))
      expect(new Set(paint.hits.map((h) => h.path))).toEqual(new Set([join(notes, 'paint.md'), join(notes, 'yanse.md')]))
      const english = byPath.get(join(notes, 'paint.md'))!
      expect(english.passage.highlights.map((h) => english.passage.text.slice(h.start, h.end))).toEqual(expect.arrayContaining(['color', 'gray']))
      // The other spelling is the user's own word; the Chinese note's are translations.
      expect(english.reasons).toEqual(['keyword'])
      expect(byPath.get(join(notes, 'yanse.md'))!.reasons).toEqual(['translated'])
      // And the other way: an American-spelled query finds the British-spelled note.
      expect((await engine.call('search', { query: 'harbor', mode: 'keyword' })).hits.map((h) => h.path)).toEqual([join(notes, 'trip.md')])
      // A British plural finds the American singular (searched as colors, which the index stems as color).
      expect((await engine.call('search', { query: 'colours', mode: 'keyword' })).hits.map((h) => h.path)).toContain(join(notes, 'paint.md'))
    } finally {
      await engine.close()
    }
  })

  it('translates into Italian and Portuguese notes, which the language guess now tells from Spanish and French', async () => {
    const { notes, engine } = await keywordOnlyEngine({
      'rumore.md': 'I vicini sono rumorosi anche di notte e non riesco a dormire per la musica della festa.\n',
      'pane.md': 'Prima di infornare il pane, lascia lievitare la pasta per due ore nella cucina.\n',
      'barulho.md': 'Os vizinhos fazem barulho durante a noite e eu não consigo dormir com a música da festa pelo prédio.\n',
      'pao.md': 'Antes de assar o pão, deixe a massa crescer por duas horas em um lugar quente na cozinha.\n'
    })
    try {
      const noise = (await engine.call('search', { query: 'neighbours music at night', mode: 'keyword' })).hits.map((h) => h.path)
      expect(noise.slice(0, 2).sort()).toEqual([join(notes, 'barulho.md'), join(notes, 'rumore.md')])
      const bread = (await engine.call('search', { query: 'bake bread', mode: 'keyword' })).hits.map((h) => h.path)
      expect(bread.slice(0, 2).sort()).toEqual([join(notes, 'pane.md'), join(notes, 'pao.md')])
    } finally {
      await engine.close()
    }
  })
})
