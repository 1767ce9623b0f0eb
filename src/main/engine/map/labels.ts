// Cluster names: each cluster's most distinctive words by class-based TF-IDF (Grootendorst 2022), in the notes' own
// languages (ICU word segmentation through Intl.Segmenter, the same ICU that splits CJK words in the full-text index).
import { isStopWordOfAnyList } from '../store/stop-words'

/** Words named per cluster. */
export const TERMS_PER_CLUSTER = 3
/** Characters of each note's text that are read for naming (its beginning: title, first passages). */
export const LABEL_TEXT_CHARS = 3000

const segmenter = new Intl.Segmenter('en', { granularity: 'word' })
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
const HANGUL = /\p{Script=Hangul}/u
const ONLY_HIRAGANA = /^\p{Script=Hiragana}+$/u
const ONLY_KATAKANA = /^[\p{Script=Katakana}ー]+$/u
const HAS_DIGIT_OR_MARKUP = /[\p{N}_]/u
const LETTER = /\p{L}/u
/** Frequent Chinese function words of two characters (single characters are never used as names). */
const CHINESE_FUNCTION_WORDS = new Set(
  '我们 你们 他们 她们 它们 可以 一个 这个 那个 什么 因为 所以 但是 如果 没有 已经 还是 就是 自己 这些 那些 以及 或者 并且 然后 这样 那样 其中 之后 之前 通过 对于 关于'.split(' ')
)

type Script = 'cjk' | 'hangul' | 'other'

function scriptOf(word: string): Script {
  return CJK.test(word) ? 'cjk' : HANGUL.test(word) ? 'hangul' : 'other'
}

function scriptOfLanguage(lang: string): Script {
  const base = lang.toLowerCase().split('-')[0]
  return base === 'zh' || base === 'ja' ? 'cjk' : base === 'ko' ? 'hangul' : 'other'
}

/** Word segments of `text`, with runs of katakana joined (ICU splits loanwords it does not know: クラス|ター). */
function segments(text: string): string[] {
  const words: string[] = []
  let katakanaEnd = -1
  for (const { segment, index, isWordLike } of segmenter.segment(text)) {
    if (!isWordLike) continue
    const katakana = ONLY_KATAKANA.test(segment)
    if (katakana && index === katakanaEnd) words[words.length - 1] += segment
    else words.push(segment)
    katakanaEnd = katakana ? index + segment.length : -1
  }
  return words
}

/** The words of `text` worth naming a cluster by: lower-cased, no stop words, digits, single CJK characters or kana-only particles. */
export function contentWords(text: string): string[] {
  const words: string[] = []
  for (const segment of segments(text)) {
    const word = segment.toLowerCase()
    if (!LETTER.test(word) || HAS_DIGIT_OR_MARKUP.test(word)) continue
    const script = scriptOf(word)
    if (script === 'other' ? word.length < 3 : word.length < 2) continue
    if (script === 'cjk' && (ONLY_HIRAGANA.test(word) || CHINESE_FUNCTION_WORDS.has(word))) continue
    if (isStopWordOfAnyList(word)) continue
    words.push(word)
  }
  return words
}

/** One note as the namer sees it. */
export interface LabelNote {
  text: string
  lang: string
}

/**
 * Up to TERMS_PER_CLUSTER words per cluster (index = cluster id; `clusters[i]` is note i's cluster or -1). A word scores
 * its frequency in the cluster times log(1 + average words per cluster / its frequency in all clusters), and must occur
 * in two notes of the cluster (when it has two); `pausePoint` is called every few notes. When a cluster mixes scripts (e.g. English and Chinese notes) and the
 * second one has a quarter of its notes, its best word takes the last place, so both languages are named.
 */
export function clusterTerms(notes: readonly LabelNote[], clusters: Int32Array, clusterCount: number, pausePoint?: () => void): string[][] {
  const counts = Array.from({ length: clusterCount }, () => new Map<string, number>())
  const noteFrequency = Array.from({ length: clusterCount }, () => new Map<string, number>())
  const scriptNotes = Array.from({ length: clusterCount }, () => new Map<Script, number>())
  const sizes = new Int32Array(clusterCount)
  const totals = new Float64Array(clusterCount)
  const overall = new Map<string, number>()
  notes.forEach((note, i) => {
    if (i % 64 === 0) pausePoint?.()
    const cluster = clusters[i]!
    if (cluster < 0) return
    sizes[cluster]!++
    const script = scriptOfLanguage(note.lang)
    scriptNotes[cluster]!.set(script, (scriptNotes[cluster]!.get(script) ?? 0) + 1)
    const words = contentWords(note.text.slice(0, LABEL_TEXT_CHARS))
    for (const word of words) {
      counts[cluster]!.set(word, (counts[cluster]!.get(word) ?? 0) + 1)
      overall.set(word, (overall.get(word) ?? 0) + 1)
    }
    totals[cluster]! += words.length
    for (const word of new Set(words)) noteFrequency[cluster]!.set(word, (noteFrequency[cluster]!.get(word) ?? 0) + 1)
  })
  const averageWords = totals.reduce((a, b) => a + b, 0) / Math.max(1, clusterCount)
  return counts.map((wordCounts, cluster) => {
    const minNotes = Math.min(2, sizes[cluster]!)
    const scored: { word: string; score: number }[] = []
    for (const [word, count] of wordCounts) {
      if ((noteFrequency[cluster]!.get(word) ?? 0) < minNotes) continue
      const score = (count / Math.max(1, totals[cluster]!)) * Math.log(1 + averageWords / overall.get(word)!)
      scored.push({ word, score })
    }
    scored.sort((a, b) => b.score - a.score || (a.word < b.word ? -1 : 1))
    return pickTerms(scored, secondScript(scriptNotes[cluster]!, sizes[cluster]!))
  })
}

/** The script of the cluster's second language when it holds at least a quarter of the notes. */
function secondScript(scripts: Map<Script, number>, size: number): Script | null {
  const ranked = [...scripts].sort((a, b) => b[1] - a[1])
  return ranked.length > 1 && ranked[1]![1] >= size / 4 ? ranked[1]![0] : null
}

function pickTerms(scored: { word: string; score: number }[], mustInclude: Script | null): string[] {
  const picked: string[] = []
  const overlaps = (word: string) => picked.some((p) => p.includes(word) || word.includes(p))
  for (const { word } of scored) {
    if (picked.length === TERMS_PER_CLUSTER) break
    if (!overlaps(word)) picked.push(word)
  }
  if (mustInclude && !picked.some((word) => scriptOf(word) === mustInclude)) {
    const candidate = scored.find(({ word }) => scriptOf(word) === mustInclude && !overlaps(word))
    if (candidate) picked.splice(Math.min(picked.length, TERMS_PER_CLUSTER - 1), 1, candidate.word)
  }
  return picked
}
