// Dictionary readers of the lite-pack build on tiny dictd databases: Mueller's English-Russian and FreeDict English -> X read reversed and ranked, WikDict entries.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { readDictd, readDictdRanked, readMuellerRussian } from '../../scripts/lite-pack/sources'
import { tempFolders } from '../engine/helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function base64Number(value: number): string {
  let text = ''
  do {
    text = BASE64[value % 64] + text
    value = Math.floor(value / 64)
  } while (value > 0)
  return text
}

/** Writes `<name>.index` and `<name>.dict.dz` (gzip, which dictzip files are) holding `entries` as dictd does. */
function writeDictd(dir: string, name: string, entries: [string, string][]): void {
  const bodies: Buffer[] = []
  const index: string[] = []
  let offset = 0
  for (const [headword, body] of entries) {
    const bytes = Buffer.from(body, 'utf8')
    index.push(`${headword}\t${base64Number(offset)}\t${base64Number(bytes.length)}`)
    bodies.push(bytes)
    offset += bytes.length
  }
  writeFileSync(join(dir, `${name}.index`), index.join('\n') + '\n')
  writeFileSync(join(dir, `${name}.dict.dz`), gzipSync(Buffer.concat(bodies)))
}

describe('readMuellerRussian', () => {
  it('reverses single Russian words to their English headwords, main translations and long entries first', () => {
    const dir = temp.make('mueller')
    writeDictd(dir, 'mueller7', [
      ['00databaseinfo', 'info\n   not an entry\n'],
      ['cat', 'cat\n   [kæt] _n.\n   1) кот, кошка\n   2) _зоол. животное семейства кошачьих\n   3) кошка (плеть)\n'],
      ['kitty', 'kitty\n   [↗kɪtɪ] _n. кот\n'],
      ['pussycat', 'pussycat\n   [↗pʊsɪkæt] _n. кошка\n'],
      ['appendices', 'appendices\n   [ɜ↗pɛndɪsi:z] _pl. от appendix\n'],
      ['loud', 'loud\n   [laʊd] _a.\n   1) громкий; звучный\n   2) шумный (о человеке и т.п.)\n'],
      ['Boston', 'Boston\n   _n. Бостон\n']
    ])
    const entries = new Map(readMuellerRussian(dir).map((entry) => [entry.word, entry]))
    // кот is listed first under cat and kitty: cat's entry is the longer one, so it comes first. кошка is listed first
    // under pussycat and second under cat: the earlier listing comes first.
    expect(entries.get('кот')).toEqual({ word: 'кот', glosses: ['cat', 'kitty'], weight: 0.7 })
    expect(entries.get('кошка')?.glosses).toEqual(['pussycat', 'cat'])
    expect(entries.get('громкий')?.glosses).toEqual(['loud'])
    expect(entries.get('шумный')?.glosses).toEqual(['loud'])
    // Labels, transcriptions, notes in parentheses, phrases, cross-references and capitalised headwords are left out.
    expect([...entries.keys()].sort()).toEqual(['громкий', 'звучный', 'кот', 'кошка', 'шумный'])
  })
})

describe('readDictd', () => {
  it('reads the translation lines of a FreeDict entry, not its examples, notes, synonyms or cross-references', () => {
    const dir = temp.make('deu-eng')
    // As FreeDict's German-English writes them (from Ding): "Synonyms:" had been read as the English word "synonym".
    writeDictd(dir, 'freedict-deu-eng', [
      ['Bus', 'Bus /bˈʊs/ <masc, n, sg>\nbus <n>\n      "mit dem Bus fahren"  - go by bus\n   Synonym: {Autobus}\n\n see: {Autobusse}, {Busse}\n'],
      ['Last', 'Last /lˈast/ <fem, n, sg>\n [übtr.] strain <n> [fig.]\n         Note: on sb.\n   Synonyms: {Anstrengung}, {Belastung}\n   Notes: rare\n   Examples: none\n']
    ])
    expect(readDictd(dir, 'freedict-deu-eng').map((entry) => [entry.word, entry.glosses.map((gloss) => gloss.trim())])).toEqual([
      ['Bus', ['bus <n>']],
      ['Last', ['[übtr.] strain <n> [fig.]']]
    ])
  })
})

describe('readDictdRanked and WikDict entries', () => {
  it('reverses an English -> X dictionary, main translations first, rarer words weighing less', () => {
    const dir = temp.make('eng-pol')
    writeDictd(dir, 'freedict-eng-pol', [
      ['cat', 'cat /kæt/ <N>\n  kot\n'],
      ['whip', 'whip /wɪp/\nI.  <N> 1.  [narzędzie]  bicz, kańczug\n 2.  [polityka]  kot\nII.  <V> 1.  chłostać\n'],
      ['Warsaw', 'Warsaw\n  Warszawa\n']
    ])
    const entries = new Map(readDictdRanked(dir, 'freedict-eng-pol', /^[a-ząćęłńóśźż]+$/).map((entry) => [entry.word, entry]))
    // kot is listed first under cat, later under whip; kańczug only second under whip: it is the rarer word.
    expect(entries.get('kot')).toEqual({ word: 'kot', glosses: ['cat', 'whip'], weight: 0.7 })
    expect(entries.get('kańczug')?.glosses).toEqual(['whip'])
    expect(entries.get('kańczug')!.weight).toBeLessThan(0.7)
    // Labels, bracketed notes, part-of-speech marks and capitalised headwords are left out.
    expect([...entries.keys()].sort()).toEqual(['bicz', 'chłostać', 'kańczug', 'kot'])
  })

  it('reads only the translation lines of WikDict entries, not the definitions between them', () => {
    const dir = temp.make('wikdict')
    writeDictd(dir, 'freedict-eng-ind', [
      ['dog', 'dog //dɑɡ// <n>\n1. anjing, asu\nanimal\n2. anjing jantan\nmale canine\n'],
      ['music', 'music //ˈmjuzɪk// <n>\nmusik 2.\nsound, organized in time\n 3.\nany pleasing sounds\n']
    ])
    const reversed = new Map(readDictdRanked(dir, 'freedict-eng-ind', /^[a-z]+$/, { wikdict: true }).map((entry) => [entry.word, entry.glosses]))
    expect(Object.fromEntries(reversed)).toEqual({ anjing: ['dog'], asu: ['dog'], musik: ['music'] })
    writeDictd(dir, 'freedict-pol-eng', [['noc', 'noc /nɔʦ̑/ <n>\nnight\nokres od zmierzchu do świtu;\n']])
    expect(readDictd(dir, 'freedict-pol-eng', { wikdict: true })).toEqual([{ word: 'noc', glosses: ['night'], weight: 1 }])
  })
})
