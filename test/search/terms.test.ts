// Query terms in passages: highlight ranges land on the matched words, in Latin and CJK scripts; coverage; sentences; respellings.
import { describe, expect, it } from 'vitest'
import { editDistance, fold, queryTerms, respelling, sentenceByTerms, termCoverage, termHighlights } from '../../src/main/engine/search/terms'

const marked = (text: string, terms: string[]) => termHighlights(text, terms).map((r) => text.slice(r.start, r.end))

describe('term highlights', () => {
  it('marks whole words case- and accent-insensitively, including inflections of a stemmed term', () => {
    const text = 'Running a CAFÉ: the runner runs; Cafeteria and runaways are other words.'
    expect(marked(text, ['run', 'cafe'])).toEqual(['Running', 'CAFÉ', 'runner', 'runs'])
    expect(termHighlights(text, ['run'])[0]).toEqual({ start: 0, end: 7, kind: 'term' })
  })

  it('marks Chinese and Japanese terms inside longer runs of characters', () => {
    const zh = '中文文本的全文检索是一个有趣的问题，检索很快。'
    expect(marked(zh, ['全文', '检索'])).toEqual(['全文检索', '检索'])
    const start = zh.indexOf('全文')
    expect(termHighlights(zh, ['全文', '检索'])[0]).toEqual({ start, end: start + 4, kind: 'term' })
    const ja = '東京は日本の首都です。全文検索エンジンを作る。'
    expect(marked(ja, ['首都', '検索'])).toEqual(['首都', '検索'])
  })

  it('matches single CJK characters only as whole words', () => {
    expect(marked('我们的队伍', ['队'])).toEqual([])
    expect(marked('他 队 很好', ['队'])).toEqual(['队'])
    // Word segmentation tells a word of one character from a character of a longer word.
    expect(marked('隣の部屋の人が夜に音楽がうるさい。', ['夜'])).toEqual(['夜'])
    expect(marked('晚上音乐很吵，邻居经常放到半夜十二点', ['吵', '夜'])).toEqual(['吵'])
    expect(marked('夜中に目が覚めた', ['夜'])).toEqual([])
    expect(marked('東京は日本の首都です', ['日本', 'の', '首都'])).toEqual(['日本', '首都'])
  })

  it('uses the index terms when given, else the query words folded', () => {
    expect(queryTerms('The Runners', ['runner'])).toEqual(['runner'])
    expect(queryTerms('How many cities', ['mani', 'citi'])).toEqual(['many', 'citi'])
    expect(queryTerms('Café 東京の天気', [])).toEqual(['cafe', '東京', 'の', '天気'])
    expect(fold('ÉTÉ')).toBe('ete')
  })
})

describe('coverage and sentences', () => {
  it('is the share of terms present', () => {
    expect(termCoverage('apples and pears', ['appl', 'pear', 'plum', 'fig'])).toBe(0.5)
    expect(termCoverage('anything', [])).toBe(0)
  })

  it('picks the sentence with the most distinct terms', () => {
    const text = 'Tokyo is large. 東京の天気は晴れです。The weather in Tokyo is sunny today! Nothing here.'
    const span = sentenceByTerms(text, ['weather', 'tokyo', 'sunny'])!
    expect(text.slice(span.start, span.end)).toBe('The weather in Tokyo is sunny today!')
    const zh = sentenceByTerms(text, ['天気'])!
    expect(text.slice(zh.start, zh.end)).toBe('東京の天気は晴れです。')
    expect(sentenceByTerms(text, ['absent'])).toBeNull()
  })
})

describe('respellings of a misspelt query word', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('ghandi', 'gandhi')).toBe(2)
    expect(editDistance('recieve', 'receive')).toBe(1)
    expect(editDistance('colour', 'color')).toBe(1)
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('same', 'same')).toBe(0)
  })

  it('picks the spelling within two edits found in most texts, accents folded, and null when none is close', () => {
    const texts = ['Gandhi led the salt march.', 'Mahatma Gandhi and satyagraha', 'Handel wrote operas; Gandhí spelt oddly']
    expect(respelling('ghandi', texts)).toBe('gandhi')
    expect(respelling('Ctenophroes', ['The cydippids are ctenophores.'])).toBe('ctenophores')
    expect(respelling('zebra', texts)).toBeNull()
  })
})
