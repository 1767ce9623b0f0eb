// Bytes -> text: BOM and UTF-16 detection, binary sniffing, legacy encodings detected, invalid UTF-8 replaced with a
// warning, newlines and NFC normalised.
import { decodeLegacy } from './legacy-encoding'
import type { Skip, TextEncodingName } from './types'

/** How many leading bytes the binary and UTF-16 sniffers look at. */
const SNIFF_BYTES = 8192
/** Share of control characters above which a file counts as binary. */
const MAX_CONTROL_RATIO = 0.1
/** Share of zero bytes at odd (LE) or even (BE) positions that marks BOM-less UTF-16 text. */
const UTF16_ZERO_RATIO = 0.3

export interface DecodedText {
  ok: true
  /** The text with "\n" line ends, NUL replaced by U+FFFD, normalised to NFC. */
  text: string
  encoding: TextEncodingName
  warnings: string[]
}

/** The Unicode encodings recognised by BOM or sniffing. */
type UnicodeForm = 'utf-8' | 'utf-16le' | 'utf-16be'

/** True for C0 controls other than tab, line feed, vertical tab, form feed, carriage return and escape, plus DEL. */
function isControlCode(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d && code !== 0x1b) || code === 0x7f
}

function bomEncoding(bytes: Uint8Array): { encoding: UnicodeForm; length: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 }
  return null
}

/** Recognises UTF-16 without a BOM by its zero high bytes (mostly-ASCII text only). */
function sniffUtf16(head: Uint8Array): UnicodeForm | null {
  const pairs = Math.floor(head.length / 2)
  if (pairs < 4) return null
  let zeroEven = 0
  let zeroOdd = 0
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) zeroEven++
    if (head[i + 1] === 0) zeroOdd++
  }
  if (zeroOdd / pairs > UTF16_ZERO_RATIO && zeroEven / pairs < 0.02) return 'utf-16le'
  if (zeroEven / pairs > UTF16_ZERO_RATIO && zeroOdd / pairs < 0.02) return 'utf-16be'
  return null
}

function controlRatio(codes: ArrayLike<number>, limit: number): number {
  const count = Math.min(codes.length, limit)
  if (count === 0) return 0
  let controls = 0
  for (let i = 0; i < count; i++) if (isControlCode(codes[i])) controls++
  return controls / count
}

function hasNul(bytes: Uint8Array, limit: number): boolean {
  const end = Math.min(bytes.length, limit)
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true
  return false
}

/** Occurrences of an encoded U+FFFD (EF BF BD) in the input, so only replacements the decoder made are reported. */
function countEncodedReplacementChars(bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const needle = Buffer.from([0xef, 0xbf, 0xbd])
  let count = 0
  for (let at = buffer.indexOf(needle); at !== -1; at = buffer.indexOf(needle, at + 3)) count++
  return count
}

function countChar(text: string, char: string): number {
  let count = 0
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count++
  return count
}

/** UTF-8, or (when most non-ASCII bytes are invalid UTF-8) a legacy encoding chardet detects with confidence, else UTF-8 with replacements. */
function decodeUtf8(bytes: Uint8Array, warnings: string[]): { text: string; encoding: TextEncodingName } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    const replaced = Math.max(1, countChar(text, '\ufffd') - countEncodedReplacementChars(bytes))
    const legacy = decodeLegacy(bytes, { replaced, validNonAscii: countValidNonAscii(text) })
    if (legacy && 'text' in legacy) {
      warnings.push(legacy.warning)
      return { text: legacy.text, encoding: legacy.encoding }
    }
    const sequences = `${replaced} byte sequence${replaced === 1 ? '' : 's'} replaced with U+FFFD`
    warnings.push(legacy ? `${legacy.uncertain}; ${sequences}` : `invalid UTF-8: ${sequences}`)
    return { text, encoding: 'utf-8' }
  }
}

/** Non-ASCII characters of a lenient UTF-8 decoding that are not replacement characters (well-formed UTF-8 sequences). */
function countValidNonAscii(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x80 && code !== 0xfffd && !(code >= 0xdc00 && code <= 0xdfff)) count++
  }
  return count
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', warnings: string[]): string {
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes)
  if (bytes.length % 2 === 1) warnings.push(`truncated ${encoding.toUpperCase()}: odd number of bytes, last byte replaced with U+FFFD`)
  return text
}

/**
 * Long text is normalised a piece of about this many characters at a time, each cut after a newline: NFC never
 * composes or reorders across a newline (a starter that composes with nothing), so the pieces give the same text as the
 * whole, and ICU's copies of the text (its UTF-16 input and output buffers) stay small. Decoding and normalising a 19 MB
 * note took RSS +146 MB at its peak with the text normalised whole, +60 MB in pieces (issue 19.13).
 */
const NORMALIZE_PIECE_CHARS = 1 << 20

/** "\r\n" and lone "\r" become "\n"; NUL becomes U+FFFD; the result is NFC so decomposed (macOS) text matches composed queries. */
export function normalizeText(text: string): string {
  const unified = text.replace(/\r\n?/g, '\n').replace(/\0/g, '\ufffd')
  if (unified.length <= NORMALIZE_PIECE_CHARS) return unified.normalize('NFC')
  const pieces: string[] = []
  for (let start = 0; start < unified.length; ) {
    const newline = unified.indexOf('\n', start + NORMALIZE_PIECE_CHARS)
    const end = newline < 0 ? unified.length : newline + 1
    pieces.push(unified.slice(start, end).normalize('NFC'))
    start = end
  }
  return pieces.join('')
}

/** Number of lines in normalised text as an editor counts them (a final newline does not start a line; "" has 0). */
export function countLines(text: string): number {
  if (text.length === 0) return 0
  const newlines = countChar(text, '\n')
  return text.endsWith('\n') ? newlines : newlines + 1
}

/**
 * Decodes a text file's bytes. UTF-8 (with or without BOM) and UTF-16 LE/BE (BOM, or sniffed for mostly-ASCII text)
 * are recognised; files that look binary (NUL bytes or many control characters near the start) are skipped.
 */
export function decodeText(bytes: Uint8Array): DecodedText | Skip {
  const warnings: string[] = []
  const bom = bomEncoding(bytes)
  let form: UnicodeForm = bom?.encoding ?? 'utf-8'
  if (!bom) {
    const head = bytes.subarray(0, SNIFF_BYTES)
    const hasNulByte = hasNul(head, SNIFF_BYTES)
    const sniffed = hasNulByte ? sniffUtf16(head) : null
    if (sniffed) {
      form = sniffed
      warnings.push(`no byte order mark; decoded as ${sniffed.toUpperCase()} by its zero bytes`)
    } else if (hasNulByte) {
      return { ok: false, reason: 'binary', detail: 'binary file (NUL bytes near the start)' }
    } else if (controlRatio(head, SNIFF_BYTES) > MAX_CONTROL_RATIO) {
      return { ok: false, reason: 'binary', detail: 'binary file (many control characters near the start)' }
    }
  }
  const body = bom ? bytes.subarray(bom.length) : bytes
  if (form === 'utf-8') {
    const { text, encoding } = decodeUtf8(body, warnings)
    return { ok: true, text: normalizeText(text), encoding, warnings }
  }
  const text = decodeUtf16(body, form, warnings)
  const head = text.slice(0, SNIFF_BYTES)
  const codes = Array.from(head, (ch) => ch.charCodeAt(0))
  if (head.includes('\0') || controlRatio(codes, SNIFF_BYTES) > MAX_CONTROL_RATIO) {
    return { ok: false, reason: 'binary', detail: `binary file (control characters after ${form.toUpperCase()} decoding)` }
  }
  return { ok: true, text: normalizeText(text), encoding: form, warnings }
}
