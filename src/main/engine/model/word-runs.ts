// Finds the word runs of normalized text with a character table instead of a regex, and the separator characters at which text can be cut without changing its tokens.

/**
 * The runs this finds are exactly the matches of
 * /[\p{L}\p{M}\p{N}_]+(?:(?:['\u2019.:]|(?<=\p{N}),(?=\p{N}))[\p{L}\p{M}\p{N}_]+)*\/gu: letters, marks, digits and _,
 * with single ' ’ . : between them, and , between digits, kept inside (don't, 3.14, e.g, 1,000).
 */
const WORD = 1
const NUMBER = 2
const LETTER = 4
/** Scripts written without spaces, whose words Intl.Segmenter finds with its dictionaries. */
const SEGMENTED = 8
const WORD_CHAR = /^[\p{L}\p{M}\p{N}_]$/u
const NUMBER_CHAR = /^\p{N}$/u
const LETTER_CHAR = /^\p{L}$/u
const SEGMENTED_CHAR = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u

/** Class bits of every UTF-16 code unit (surrogates are 0: pairs are classified as code points). */
let bmpClasses: Uint8Array | undefined
const astralClasses = new Map<number, number>()

function classOfCodePoint(codePoint: number): number {
  const char = String.fromCodePoint(codePoint)
  return (
    (WORD_CHAR.test(char) ? WORD : 0) | (NUMBER_CHAR.test(char) ? NUMBER : 0) | (LETTER_CHAR.test(char) ? LETTER : 0) | (SEGMENTED_CHAR.test(char) ? SEGMENTED : 0)
  )
}

function buildBmpClasses(): Uint8Array {
  const classes = new Uint8Array(0x10000)
  for (let code = 0; code < 0x10000; code++) if (code < 0xd800 || code > 0xdfff) classes[code] = classOfCodePoint(code)
  return classes
}

function astralClass(codePoint: number): number {
  let bits = astralClasses.get(codePoint)
  if (bits === undefined) astralClasses.set(codePoint, (bits = classOfCodePoint(codePoint)))
  return bits
}

/** Class bits and length (1 or 2 code units) of the code point at `at`, packed as bits | length << 4 (bits fit in 4). */
function codePointAt(text: string, at: number, classes: Uint8Array): number {
  const code = text.charCodeAt(at)
  if (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length) {
    const low = text.charCodeAt(at + 1)
    if (low >= 0xdc00 && low <= 0xdfff) return astralClass(((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000) | (2 << 4)
  }
  return classes[code]! | (1 << 4)
}

function isJoiner(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2e || code === 0x3a
}

/**
 * Calls `onRun(start, end, segmented)` for every word run of `text`, in order (see the regex above); `segmented` is true
 * when the run holds a character of a script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar).
 */
export function forEachWordRun(text: string, onRun: (start: number, end: number, segmented: boolean) => void): void {
  const classes = (bmpClasses ??= buildBmpClasses())
  const length = text.length
  let at = 0
  while (at < length) {
    let point = codePointAt(text, at, classes)
    if ((point & WORD) === 0) {
      at += point >> 4
      continue
    }
    const start = at
    let lastWasNumber = false
    let segmented = 0
    // Inside a run: word characters, or a joiner between word characters (a comma only between digits).
    for (;;) {
      while (at < length && (point & WORD) !== 0) {
        lastWasNumber = (point & NUMBER) !== 0
        segmented |= point & SEGMENTED
        at += point >> 4
        if (at < length) point = codePointAt(text, at, classes)
      }
      if (at + 1 >= length) break
      const code = text.charCodeAt(at)
      const next = codePointAt(text, at + 1, classes)
      const joins = isJoiner(code) ? (next & WORD) !== 0 : code === 0x2c && lastWasNumber && (next & NUMBER) !== 0
      if (!joins) break
      at += 1
      point = next
    }
    onRun(start, at, segmented !== 0)
  }
}

/** Calls `onRun(start, end)` for every maximal run of letters (\p{L}) of `text`, in order, like /\p{L}+/gu. */
export function forEachLetterRun(text: string, onRun: (start: number, end: number) => void): void {
  const classes = (bmpClasses ??= buildBmpClasses())
  const length = text.length
  let start = -1
  for (let at = 0; at < length; ) {
    const point = codePointAt(text, at, classes)
    if ((point & LETTER) !== 0) {
      if (start < 0) start = at
    } else if (start >= 0) {
      onRun(start, at)
      start = -1
    }
    at += point >> 4
  }
  if (start >= 0) onRun(start, length)
}

/**
 * True for the characters at which text may be cut without changing its tokens: the tokens of `a + b` are those of `a`
 * followed by those of `b` when `a` ends or `b` starts with one. Each is a starter that never composes under NFKC (and
 * blocks reordering), is neither cased nor case-ignorable (so lower-casing, e.g. Greek final sigma, sees the same
 * context on both sides), and is neither a word character nor a joiner, before or after NFKC. test/lite/document-tokens.test.ts
 * checks the property on random text.
 */
export function isCutSafe(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d)
  if (code < 0x3001) return false
  return (
    code === 0x3001 || // 、
    code === 0x3002 || // 。
    (code >= 0x300c && code <= 0x3011) || // 「」『』【】
    code === 0xff01 || // ！
    code === 0xff08 || // （
    code === 0xff09 || // ）
    code === 0xff1f // ？
  )
}
