// Tokenizing a document once: every range's ids equal those of the range tokenized on its own, on hostile random text and
// on the dev corpora with the bundled pack; the word-run scanner equals the regex it replaces; cut-safe characters are safe.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTokenizer } from '../../src/main/engine/model/tokenizer'
import { loadPack } from '../../src/main/engine/model/pack'
import { Vocabulary } from '../../src/main/engine/model/vocabulary'
import { WordTokenizer } from '../../src/main/engine/model/word-tokenizer'
import { forEachWordRun, isCutSafe } from '../../src/main/engine/model/word-runs'
import { rng } from '../helpers/rng'

const LITE_PACK = join(__dirname, '..', '..', 'resources', 'models', 'semnote-lite-multi')
const EVAL_DIR = join(__dirname, '..', '..', '..', 'shared', 'eval')
const WORD_RUN = /[\p{L}\p{M}\p{N}_]+(?:(?:['\u2019.:]|(?<=\p{N}),(?=\p{N}))[\p{L}\p{M}\p{N}_]+)*/gu

/** Characters that stress normalization, casing, joiners and segmentation at a cut. */
const HOSTILE = [
  ...'abcxyzΣσςΑΟΔİIıi',
  ...'0123456789',
  ...",.:'\u2019^`-_/;!?()\"",
  ' ', '\t', '\n', '\r', '\u00a0', '\u3000',
  '\u0301', '\u0308', '\u3099', // combining marks
  '\u1100', '\u1161', '\u11a8', '가', // Hangul jamo compose under NFKC
  'ﬁ', '㍿', '㎏', 'Ｍ', 'ｕ', '１', '：', '，', '．', // compatibility characters
  '𝟏', '𠀀', '😀', '\u{1f3fb}', '\ud800', // astral characters and a lone surrogate
  ...'晚上音乐很吵猫犬夜にがうるさい',
  ...'、。「」『』【】！？（）'
]

const vocab = ['[pad]', '[unk]', 'music', 'night', 'loud', '音乐', '晚上', '吵', '音楽', '夜', 'うるさい', '猫', '犬', 'a', 'b', 'ab', 'σ', 'ς', 'i', '1', '1,1', 'fi', '가']

function smallTokenizer(): WordTokenizer {
  return new WordTokenizer({
    vocabulary: Vocabulary.fromWords(vocab),
    lowercase: true,
    padId: 0,
    unknownId: 1,
    suffixRules: [['s', '']],
    hashBuckets: { offset: vocab.length, count: 1000 },
    cjkCharacters: true,
    compounds: true
  })
}

function randomText(random: () => number, length: number): string {
  return Array.from({ length }, () => HOSTILE[Math.floor(random() * HOSTILE.length)]).join('')
}

/** Every range of `text` whose ends are both in `cuts` (and a sample of the others) counts and encodes like the slice alone. */
function expectRangesExact(t: WordTokenizer, text: string, random: () => number, ranges: number): void {
  const doc = t.tokenizeDocument(text)
  for (let k = 0; k < ranges; k++) {
    const a = Math.floor(random() * (text.length + 1))
    const b = a + Math.floor(random() * (text.length - a + 1))
    const slice = text.slice(a, b)
    expect(doc.count(a, b), `${JSON.stringify(text)} [${a}, ${b})`).toBe(t.count(slice))
    expect([...doc.ids(a, b)], `${JSON.stringify(text)} [${a}, ${b})`).toEqual(t.encode(slice))
  }
}

describe('word runs', () => {
  it('finds exactly the matches of the word-run regex', () => {
    const random = rng(20)
    for (let n = 0; n < 3000; n++) {
      const text = randomText(random, 1 + Math.floor(random() * 40))
      const runs: string[] = []
      forEachWordRun(text, (start, end) => runs.push(text.slice(start, end)))
      expect(runs, JSON.stringify(text)).toEqual([...text.matchAll(WORD_RUN)].map((m) => m[0]))
    }
  })

  it('cuts at cut-safe characters without changing tokens on either side', () => {
    const t = smallTokenizer()
    const random = rng(21)
    const safe = HOSTILE.filter((char) => char.length === 1 && isCutSafe(char.charCodeAt(0)))
    expect(safe.length).toBeGreaterThan(10)
    for (let n = 0; n < 3000; n++) {
      const left = randomText(random, Math.floor(random() * 12))
      const right = randomText(random, Math.floor(random() * 12))
      const cut = safe[Math.floor(random() * safe.length)]!
      const whole = t.encode(left + cut + right)
      const context = JSON.stringify([left, cut, right])
      expect([...t.encode(left + cut), ...t.encode(right)], context).toEqual(whole)
      expect([...t.encode(left), ...t.encode(cut + right)], context).toEqual(whole)
    }
  })
})

describe('WordTokenizer.tokenizeDocument', () => {
  it('gives every range of hostile random text the ids of the range tokenized alone', () => {
    const t = smallTokenizer()
    const random = rng(22)
    for (let n = 0; n < 400; n++) expectRangesExact(t, randomText(random, 1 + Math.floor(random() * 120)), random, 25)
  })

  it('takes the whole-text path for ordinary text and the line-by-line path for text NFKC or casing changes, with the same ids', () => {
    const t = smallTokenizer()
    const random = rng(23)
    const plain = 'Loud music at night. 晚上音乐很吵。「夜」にうるさい！ 1,1 a.b ab\nΣΑΣ σ ς'
    for (const text of [plain, `${plain}\nİ ﬁ Ｍusic ㍿\n${plain}`, `${plain}\u0301`]) expectRangesExact(t, text, random, 300)
  })

  it('gives every range of the dev corpora the ids the bundled pack gives the range alone', async () => {
    const tokenizer = (await createTokenizer(await loadPack(LITE_PACK))) as WordTokenizer
    const random = rng(24)
    const sets = (await readdir(EVAL_DIR)).filter((set) => !set.endsWith('.md') && !set.endsWith('.py')).sort()
    let files = 0
    for (const set of sets) {
      const corpus = join(EVAL_DIR, set, 'corpus')
      const names = (await readdir(corpus, { recursive: true }).catch(() => [] as string[])).filter((name) => /\.(md|txt|html?)$/.test(name)).sort()
      for (const name of names.slice(0, 6)) {
        expectRangesExact(tokenizer, await readFile(join(corpus, name), 'utf8'), random, 40)
        files++
      }
    }
    expect(files).toBeGreaterThan(20)
  })
})
