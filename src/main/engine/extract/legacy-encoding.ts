// Files that are mostly not UTF-8: detect a legacy encoding (GBK, Big5, Shift_JIS, EUC-KR, Latin-1, ...) with chardet.
import { analyse } from 'chardet'

/** Share of non-ASCII characters that must be invalid UTF-8 before another encoding is considered... */
const MIN_INVALID_SHARE = 0.8
/** ...and how many there must be at least: detection on a handful of bytes is guesswork. */
const MIN_INVALID_SEQUENCES = 8
/** chardet sees at most this many leading bytes (it reads the whole buffer otherwise). */
const DETECT_BYTES = 64 * 1024
/** Multi-byte guesses below this confidence (0-100) are ignored; single-byte guesses are weak by nature and kept. */
const MIN_MULTIBYTE_CONFIDENCE = 50
const MULTIBYTE = /^(gb18030|big5|shift_jis|euc-jp|euc-kr|iso-2022-(jp|kr|cn))$/i

export interface LegacyDecoded {
  text: string
  /** WHATWG name of the encoding, e.g. "shift_jis", "gb18030", "windows-1252". */
  encoding: string
  confidence: number
}

/**
 * Decodes `bytes` in a detected legacy encoding when nearly all of their non-ASCII characters are invalid UTF-8
 * (`lenient` is their lenient UTF-8 decoding, `replaced` the number of replacements it made). Returns null for
 * files that are UTF-8 with a few bad bytes, or when no detected encoding decodes them cleanly.
 */
export function decodeLegacy(bytes: Uint8Array, lenient: string, replaced: number): LegacyDecoded | null {
  let nonAscii = 0
  for (let i = 0; i < lenient.length; i++) if (lenient.charCodeAt(i) >= 0x80) nonAscii++
  if (replaced < MIN_INVALID_SEQUENCES || replaced / nonAscii < MIN_INVALID_SHARE) return null
  const candidates = analyse(bytes.subarray(0, DETECT_BYTES)).filter(
    (match) => !/^(utf|ascii)/i.test(match.name) && (!MULTIBYTE.test(match.name) || match.confidence >= MIN_MULTIBYTE_CONFIDENCE)
  )
  for (const candidate of candidates.slice(0, 3)) {
    let decoder: InstanceType<typeof TextDecoder>
    try {
      decoder = new TextDecoder(candidate.name, { fatal: true })
    } catch {
      continue // a name TextDecoder does not know
    }
    try {
      return { text: decoder.decode(bytes), encoding: decoder.encoding, confidence: candidate.confidence }
    } catch {
      continue // the bytes do not fit this encoding after all
    }
  }
  return null
}
