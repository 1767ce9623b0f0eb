// Bench corpus for the lite section: seeded synthetic Markdown notes made from the lite pack's own vocabulary, enough of them to measure steady-state indexing.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { seededRandom } from './bench-stats'

/** Words drawn from the vocabulary per script; sampling is log-uniform over them, so a few words are very common (like real text). */
const LATIN_WORDS = 40_000
const CJK_WORDS = 8_000
/** Share of sentences written in CJK (no spaces: the tokenizer's dictionary segmentation), and of words not in the vocabulary. */
const CJK_SENTENCE_SHARE = 0.2
const UNKNOWN_WORD_SHARE = 0.04
const INFLECTED_WORD_SHARE = 0.06
const MIN_NOTE_BYTES = 150
const MAX_NOTE_BYTES = 9_000

/**
 * Writes `count` notes (title, then sections of paragraphs and lists until a size drawn between 150 B and 9 kB; Latin-script
 * and CJK sentences, inflected and unknown words for the tokenizer's fallbacks) into `dir`, the same for the same seed and vocabulary; returns the bytes written.
 */
export async function writeSyntheticNotes(dir: string, vocabFile: string, count: number, seed = 8): Promise<number> {
  const random = seededRandom(seed)
  const vocab = (await readFile(vocabFile, 'utf8')).split('\n')
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const sample = (words: string[], size: number) => Array.from({ length: Math.min(size, words.length) }, () => pick(words))
  const latin = sample(vocab.filter((w) => /^[a-zà-ÿ]{2,14}$/.test(w)), LATIN_WORDS)
  const cjk = sample(vocab.filter((w) => /^[\u4e00-\u9fff]{1,4}$/.test(w)), CJK_WORDS)
  if (latin.length === 0 || cjk.length === 0) throw new Error(`bench: ${vocabFile} has too few Latin or CJK words for synthetic notes`)
  const common = (words: string[]) => words[Math.min(words.length - 1, Math.floor(Math.exp(random() * Math.log(words.length))) - 1)]!
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1))
  const latinWord = () => {
    const roll = random()
    if (roll < UNKNOWN_WORD_SHARE) return Array.from({ length: int(4, 11) }, () => pick([...'bcdfghklmnprstvwzaeiou'])).join('')
    if (roll < UNKNOWN_WORD_SHARE + INFLECTED_WORD_SHARE) return common(latin) + pick(['s', 'en', 'ed', 'er', 'ing', 'es'])
    return common(latin)
  }
  const sentence = () => {
    if (random() < CJK_SENTENCE_SHARE) return Array.from({ length: int(4, 14) }, () => common(cjk)).join('') + '。'
    const words = Array.from({ length: int(6, 18) }, latinWord)
    words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1)
    return words.join(' ') + pick(['.', '.', '.', '?', '!'])
  }
  const paragraph = () => Array.from({ length: int(2, 6) }, sentence).join(' ')
  const list = () => Array.from({ length: int(3, 6) }, () => `- ${Array.from({ length: int(2, 7) }, latinWord).join(' ')}`).join('\n')
  const heading = (words: number) => Array.from({ length: words }, latinWord).join(' ')
  let bytes = 0
  for (let n = 0; n < count; n++) {
    // Note sizes spread log-uniformly from a few lines to a few pages (mean about 2 kB), like a folder of personal notes.
    const target = Math.exp(Math.log(MIN_NOTE_BYTES) + random() * Math.log(MAX_NOTE_BYTES / MIN_NOTE_BYTES))
    let text = `# ${heading(int(2, 4))}\n\n${paragraph()}\n`
    while (text.length < target) {
      const blocks = Array.from({ length: int(1, 3) }, () => (random() < 0.2 ? list() : paragraph()))
      text += `\n## ${heading(int(1, 3))}\n\n${blocks.join('\n\n')}\n`
    }
    const folder = join(dir, `set-${n % 10}`)
    await mkdir(folder, { recursive: true })
    await writeFile(join(folder, `note-${String(n).padStart(5, '0')}.md`), text)
    bytes += Buffer.byteLength(text)
  }
  return bytes
}
