// Stop-word lists and query split: the English list is one LanceDB's English filter agrees with; the query's language picks the list.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadLanceDb } from '../../src/main/engine/store/lancedb'
import { ENGLISH_STOP_WORDS, splitStopWords } from '../../src/main/engine/store/stop-words'
import { tempDataDir } from './rows'

let dir: string
let cleanup: () => Promise<void>

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDataDir())
})

afterEach(async () => {
  await cleanup()
})

describe('English stop words', () => {
  it('are each dropped by a LanceDB full-text index that removes stop words', async () => {
    const { connect, Index } = await loadLanceDb()
    const db = await connect(join(dir, 'db'))
    const table = await db.createTable('t', [{ text: 'some text' }])
    await table.createIndex('text', { config: Index.fts({ baseTokenizer: 'icu', stem: false, removeStopWords: true }) })
    const kept: string[] = []
    for (const word of ENGLISH_STOP_WORDS) if ((await table.tokenize(word, { column: 'text' })).length > 0) kept.push(word)
    expect(kept).toEqual([])
    // ...whose list is a union over languages that also drops English content words: why the index keeps every word.
    expect((await table.tokenize('dog war man protest', { column: 'text' })).map((t) => t.text)).toEqual(['protest'])
    db.close()
  })

  it('split a query into content (CJK untouched) and stop words, case-insensitively', () => {
    expect(splitStopWords('What was Ghandi\'s work called?')).toEqual({ content: 'Ghandi\'s work called?', stopWords: ['What', 'was'] })
    expect(splitStopWords('Cypiddids are not what?')).toEqual({ content: 'Cypiddids ?', stopWords: ['are', 'not', 'what'] })
    expect(splitStopWords('全文检索 the index')).toEqual({ content: '全文检索 index', stopWords: ['the'] })
    expect(splitStopWords('the a of')).toEqual({ content: '', stopWords: ['the', 'a', 'of'] })
    expect(splitStopWords('theory another')).toEqual({ content: 'theory another', stopWords: [] })
  })

  it("take the stop words of the query's language: most of its words in one list", () => {
    expect(splitStopWords('¿En qué año se fundó la ciudad de Carolina?')).toEqual({ content: '¿ año fundó ciudad Carolina?', stopWords: ['En', 'qué', 'se', 'la', 'de'] })
    expect(splitStopWords('Wann war die Gründung der Stadt?')).toEqual({ content: 'Gründung Stadt?', stopWords: ['Wann', 'war', 'die', 'der'] })
    // In an English query "war" and "die" are content words.
    expect(splitStopWords('the war to die for')).toEqual({ content: 'war die', stopWords: ['the', 'to', 'for'] })
    // Italian and Portuguese function words are set apart too (so "il" and "per" are never translated as words).
    expect(splitStopWords('Cuocere il pane nel forno per quaranta minuti')).toEqual({ content: 'Cuocere pane forno quaranta minuti', stopWords: ['il', 'nel', 'per'] })
    expect(splitStopWords('Asse o pão no forno por quarenta minutos')).toEqual({ content: 'Asse pão forno quarenta minutos', stopWords: ['o', 'no', 'por'] })
    // Dutch, Turkish, Polish and Indonesian too.
    expect(splitStopWords('De kat slaapt op de bank naast het raam')).toEqual({ content: 'kat slaapt bank naast raam', stopWords: ['De', 'op', 'de', 'het'] })
    expect(splitStopWords('Kedi ve köpek bu evde')).toEqual({ content: 'Kedi köpek evde', stopWords: ['ve', 'bu'] })
    expect(splitStopWords('Kot śpi na kanapie i nie je')).toEqual({ content: 'Kot śpi kanapie je', stopWords: ['na', 'i', 'nie'] })
    expect(splitStopWords('Kucing itu tidur di sofa dan tidak makan')).toEqual({ content: 'Kucing tidur sofa makan', stopWords: ['itu', 'di', 'dan', 'tidak'] })
    // Russian and Ukrainian (the same script, each its own list), Greek with or without accents, Arabic and Hindi.
    expect(splitStopWords('Как настроить прокси в Linux')).toEqual({ content: 'настроить прокси Linux', stopWords: ['Как', 'в'] })
    expect(splitStopWords('Що робити, якщо сервер не відповідає')).toEqual({ content: 'робити, сервер відповідає', stopWords: ['Що', 'якщо', 'не'] })
    expect(splitStopWords('Πώς να φτιάξεις ψωμί στο σπίτι')).toEqual({ content: 'φτιάξεις ψωμί σπίτι', stopWords: ['Πώς', 'να', 'στο'] })
    expect(splitStopWords('ΠΩΣ ΝΑ ΦΤΙΑΞΕΙΣ ΨΩΜΙ ΣΤΟ ΣΠΙΤΙ')).toEqual({ content: 'ΦΤΙΑΞΕΙΣ ΨΩΜΙ ΣΠΙΤΙ', stopWords: ['ΠΩΣ', 'ΝΑ', 'ΣΤΟ'] })
    expect(splitStopWords('كيف أصنع الخبز في البيت')).toEqual({ content: 'أصنع الخبز البيت', stopWords: ['كيف', 'في'] })
    expect(splitStopWords('घर में रोटी कैसे बनाएं')).toEqual({ content: 'घर रोटी बनाएं', stopWords: ['में', 'कैसे'] })
  })
})
