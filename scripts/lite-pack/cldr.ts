// Korean words from Unicode CLDR (Debian unicode-cldr-core): emoji annotations aligned with the English ones, and display names.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DomUtils, parseDocument } from 'htmlparser2'
import { ENGLISH_STOP_WORDS } from '../../src/main/engine/store/stop-words'
import type { BilingualEntry } from './sources'

type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number]

/** A Korean word of two syllables or more (one syllable is too ambiguous: 개 is a dog and the counter of things). */
const KOREAN_WORD = /^\p{Script=Hangul}{2,}$/u
/** An English word of the annotations ("t-shirt", "o'clock"). */
const ENGLISH_WORD = /^[a-z][a-z'-]*$/
/** In how many emoji a word must be linked to an English word at least before that word is taken as its translation. */
const MIN_LINKS = 2

/** The least Dice coefficient of a linked pair: the emoji both annotate are at least half of the emoji each annotates, on average. */
const MIN_DICE = 0.5

/** Per emoji (its code points), the words of its keywords and of its spoken name, and that name. */
interface Annotation {
  words: Set<string>
  name: string
}

/**
 * Korean words CLDR names, with their English translations (Korean `stopWords` and English stop words left out). Two
 * readings, most certain first:
 * - Display names of languages, territories and relative days, matched by their CLDR key (FR: 프랑스, France; the day
 *   before today: 어제, yesterday), and the spoken names of emoji that are one word in both languages (🦔 고슴도치,
 *   hedgehog).
 * - The keywords of the emoji, aligned by competitive linking (Melamed 2000): in each emoji, the Korean and English
 *   words are paired one to one, most associated first (Dice coefficient of the emoji they annotate), so that 과일
 *   takes "fruit" and leaves "apple" to 사과 in 🍎. A word whose best English words tie is linked to none, and leaves
 *   them to the other words (어깨, shoulder, annotates the same shrug emoji as "shrug" and "indifference"); pairs that
 *   share too few of their emoji are never linked (MIN_DICE: 동물, animal, annotates 70 emoji, "hump" two of them). An
 *   English word is a translation when the two were linked in every emoji either annotates (both annotate one emoji
 *   and nothing else), or in at least MIN_LINKS emoji (another link made once is as often a guess as a translation).
 */
export function readCldrKorean(cldrDir: string, stopWords: ReadonlySet<string>): BilingualEntry[] {
  const translations = new Map<string, string[]>()
  const add = (word: string, english: string) => {
    if (!KOREAN_WORD.test(word) || stopWords.has(word) || ENGLISH_STOP_WORDS.has(english)) return
    const list = translations.get(word) ?? []
    if (!list.includes(english)) translations.set(word, [...list, english])
  }
  for (const [word, english] of displayNamePairs(cldrDir, 'ko')) add(word, english)
  const english = readAnnotations(cldrDir, 'en', (word) => ENGLISH_WORD.test(word) && !ENGLISH_STOP_WORDS.has(word))
  const korean = readAnnotations(cldrDir, 'ko', (word) => KOREAN_WORD.test(word) && !stopWords.has(word))
  for (const [emoji, { name }] of korean) {
    const englishName = english.get(emoji)?.name ?? ''
    if (KOREAN_WORD.test(name) && ENGLISH_WORD.test(englishName)) add(name, englishName)
  }
  const koreanEmoji = emojiOf(korean)
  const englishEmoji = emojiOf(english)
  for (const [word, links] of linkedWords(korean, english, koreanEmoji, englishEmoji)) {
    for (const [englishWord, count] of [...links].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))) {
      const everyEmoji = count === koreanEmoji.get(word)!.size && count === englishEmoji.get(englishWord)!.size
      if (everyEmoji || count >= MIN_LINKS) add(word, englishWord)
    }
  }
  return [...translations].sort((a, b) => compareText(a[0], b[0])).map(([word, glosses]) => ({ word, glosses, weight: 1 }))
}

/** Per Korean word, how many emoji linked it to each English word (see readCldrKorean). */
function linkedWords(
  korean: ReadonlyMap<string, Annotation>,
  english: ReadonlyMap<string, Annotation>,
  koreanEmoji: ReadonlyMap<string, ReadonlySet<string>>,
  englishEmoji: ReadonlyMap<string, ReadonlySet<string>>
): Map<string, Map<string, number>> {
  const dice = (word: string, englishWord: string): number => {
    const a = koreanEmoji.get(word)!
    const b = englishEmoji.get(englishWord)!
    let shared = 0
    for (const emoji of a) if (b.has(emoji)) shared += 1
    return (2 * shared) / (a.size + b.size)
  }
  const links = new Map<string, Map<string, number>>()
  for (const [emoji, { words }] of korean) {
    const englishWords = english.get(emoji)?.words ?? new Set<string>()
    const pairs = [...words].flatMap((word) => [...englishWords].map((englishWord) => ({ word, englishWord, score: dice(word, englishWord) })))
    pairs.sort((a, b) => b.score - a.score || compareText(a.word, b.word) || compareText(a.englishWord, b.englishWord))
    const pairedWords = new Set<string>()
    const pairedEnglishWords = new Set<string>()
    for (const { word, englishWord, score } of pairs) {
      if (score < MIN_DICE) break
      if (pairedWords.has(word) || pairedEnglishWords.has(englishWord)) continue
      pairedWords.add(word)
      const tied = pairs.some((other) => other.word === word && other.englishWord !== englishWord && other.score === score && !pairedEnglishWords.has(other.englishWord))
      if (tied) continue
      pairedEnglishWords.add(englishWord)
      const counts = links.get(word) ?? new Map<string, number>()
      links.set(word, counts.set(englishWord, (counts.get(englishWord) ?? 0) + 1))
    }
  }
  return links
}

/** Code-point order, the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Per word, the emoji whose annotation holds it. */
function emojiOf(annotations: ReadonlyMap<string, Annotation>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const [emoji, { words }] of annotations) for (const word of words) out.set(word, (out.get(word) ?? new Set()).add(emoji))
  return out
}

/** The emoji annotations of `lang` (common/annotations/<lang>.xml), words lower-cased and kept when `keep` says so. */
function readAnnotations(cldrDir: string, lang: string, keep: (word: string) => boolean): Map<string, Annotation> {
  const out = new Map<string, Annotation>()
  for (const element of elements(join(cldrDir, 'annotations', `${lang}.xml`), 'annotation')) {
    const emoji = element.attribs.cp ?? ''
    const text = DomUtils.textContent(element).trim().toLowerCase()
    const annotation = out.get(emoji) ?? { words: new Set<string>(), name: '' }
    if (element.attribs.type === 'tts') annotation.name = text
    for (const word of text.split(/[\s|]+/)) if (keep(word)) annotation.words.add(word)
    out.set(emoji, annotation)
  }
  return out
}

/** [name in `lang`, English name] of every language, territory and relative day CLDR names in both (common/main). */
function displayNamePairs(cldrDir: string, lang: string): [string, string][] {
  const read = (locale: string) => {
    const names = new Map<string, string>()
    const file = join(cldrDir, 'main', `${locale}.xml`)
    for (const tag of ['language', 'territory']) {
      for (const element of elements(file, tag)) if (!element.attribs.alt) names.set(`${tag}:${element.attribs.type}`, DomUtils.textContent(element).trim())
    }
    for (const field of elements(file, 'field')) {
      for (const relative of DomUtils.getElementsByTagName('relative', field, true)) {
        names.set(`${field.attribs.type}:${relative.attribs.type}`, DomUtils.textContent(relative).trim())
      }
    }
    return names
  }
  const english = read('en')
  return [...read(lang)].flatMap(([key, name]) => (english.has(key) ? [[name, english.get(key)!.toLowerCase()] as [string, string]] : []))
}

const parsed = new Map<string, ReturnType<typeof parseDocument>>()

/** Every `tag` element of an XML file (parsed once). */
function elements(file: string, tag: string): Element[] {
  const document = parsed.get(file) ?? parseDocument(readFileSync(file, 'utf8'), { xmlMode: true })
  parsed.set(file, document)
  return DomUtils.getElementsByTagName(tag, document, true)
}
