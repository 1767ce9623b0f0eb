// Files that are not UTF-8: decide on a legacy encoding (GBK, Big5, Shift_JIS, EUC-JP, EUC-KR, Latin-1, ...) by chardet's confidence.
import { analyse } from 'chardet'

/** chardet sees at most this many leading bytes (it reads the whole buffer otherwise). */
const DETECT_BYTES = 64 * 1024
/**
 * chardet's confidence (0-100) from which a multi-byte guess is trusted. On one-sentence notes it reports the right CJK
 * encoding at 100 and the others at 10-60; when it cannot tell (a few characters), every candidate reads 10.
 */
const MIN_MULTIBYTE_CONFIDENCE = 70
/** A runner-up that decodes cleanly within this many points makes the decision worth a warning. */
const CLOSE_CALL_POINTS = 15
/** Single-byte encodings (Latin-1, ...) are weak guesses by nature: only taken when nearly all non-ASCII bytes are invalid UTF-8... */
const MIN_SINGLE_BYTE_INVALID_SHARE = 0.8
/** ...and there are a few of them at least: detection on a handful of bytes is guesswork. */
const MIN_SINGLE_BYTE_SEQUENCES = 8
/** A confident multi-byte encoding may replace a few bad bytes itself, as long as UTF-8 would replace this many times more. */
const LENIENT_ADVANTAGE = 10
const MULTIBYTE = /^(gb18030|gbk|big5|shift_jis|euc-jp|euc-kr|iso-2022-(jp|kr|cn))$/i

export interface LegacyDecoded {
  text: string
  /** WHATWG name of the encoding, e.g. "shift_jis", "gb18030", "windows-1252". */
  encoding: string
  /** Why the decision is worth a look, as one warning line. */
  warning: string
}

/** How the lenient UTF-8 reading of a file went: replacement characters it made, non-ASCII characters it read fine. */
export interface Utf8Reading {
  replaced: number
  validNonAscii: number
}

/**
 * Decides how to read bytes that are not valid UTF-8. Returns a legacy decoding with its warning, or keeps UTF-8 with
 * replacement characters: `uncertain` when a multi-byte encoding fits but none is detected with confidence, else null.
 * - Mostly valid UTF-8 (at least as many good non-ASCII characters as bad sequences): UTF-8 with a few bad bytes.
 * - Else the multi-byte encoding chardet names with confidence, if it decodes the bytes.
 * - Else a single-byte encoding when nearly every non-ASCII byte is invalid UTF-8 (Latin-1 text).
 */
export function decodeLegacy(bytes: Uint8Array, reading: Utf8Reading): LegacyDecoded | { uncertain: string } | null {
  if (reading.validNonAscii > reading.replaced) return null
  const matches = analyse(bytes.subarray(0, DETECT_BYTES)).filter((match) => !/^(utf|ascii)/i.test(match.name))
  const clean = matches.flatMap((match) => {
    const text = decodeFatal(bytes, match.name)
    return text === null ? [] : [{ ...match, text, encoding: whatwgName(match.name)! }]
  })
  const multibyte = clean.filter((m) => MULTIBYTE.test(m.name))
  const best = multibyte[0]
  if (best && best.confidence >= MIN_MULTIBYTE_CONFIDENCE) {
    const rival = multibyte.find((m) => m.encoding !== best.encoding && best.confidence - m.confidence <= CLOSE_CALL_POINTS)
    return { text: best.text, encoding: best.encoding, warning: detected(best.encoding, best.confidence, rival?.encoding) }
  }
  const lenient = lenientMultibyte(bytes, matches, reading.replaced)
  if (lenient) return lenient
  const share = reading.replaced / Math.max(1, reading.replaced + reading.validNonAscii)
  const singleByte = clean.find((m) => !MULTIBYTE.test(m.name))
  if (singleByte && share >= MIN_SINGLE_BYTE_INVALID_SHARE && reading.replaced >= MIN_SINGLE_BYTE_SEQUENCES) {
    const uncertain = singleByte.confidence < MIN_MULTIBYTE_CONFIDENCE ? '; uncertain, if the text looks wrong save it as UTF-8' : ''
    return { text: singleByte.text, encoding: singleByte.encoding, warning: `not UTF-8: decoded as ${singleByte.encoding} (detected with ${singleByte.confidence}% confidence${uncertain})` }
  }
  // Bytes that some multi-byte encoding reads cleanly look like one (a short GBK or EUC-KR note), but which one is guesswork.
  if (multibyte.length === 0) return null
  const fits = [...new Set(multibyte.map((m) => m.encoding))].slice(0, 4)
  return { uncertain: `not UTF-8, and the encoding could not be told (${fits.join(', ')} all fit, at most ${best!.confidence}% confidence): save it as UTF-8` }
}

function detected(encoding: string, confidence: number, rival: string | undefined): string {
  const doubt = rival ? `; ${rival} fits too, if the text looks wrong save it as UTF-8` : ''
  return `not UTF-8: decoded as ${encoding} (detected with ${confidence}% confidence${doubt})`
}

/** A confidently detected multi-byte encoding that needs a few replacements itself, when UTF-8 would need far more. */
function lenientMultibyte(bytes: Uint8Array, matches: { name: string; confidence: number }[], utf8Replaced: number): LegacyDecoded | null {
  const best = matches.find((m) => MULTIBYTE.test(m.name))
  const encoding = best ? whatwgName(best.name) : null
  if (!best || !encoding || best.confidence < MIN_MULTIBYTE_CONFIDENCE) return null
  const text = new TextDecoder(encoding).decode(bytes)
  let replaced = 0
  for (let at = text.indexOf('\ufffd'); at !== -1; at = text.indexOf('\ufffd', at + 1)) replaced++
  if (replaced * LENIENT_ADVANTAGE > utf8Replaced) return null
  return { text, encoding, warning: `not UTF-8: decoded as ${encoding} (detected with ${best.confidence}% confidence); ${replaced} invalid byte sequence${replaced === 1 ? '' : 's'} replaced with U+FFFD` }
}

/** The WHATWG name TextDecoder uses for a chardet name, or null when TextDecoder does not know it. */
function whatwgName(name: string): string | null {
  try {
    return new TextDecoder(name).encoding
  } catch {
    return null
  }
}

function decodeFatal(bytes: Uint8Array, name: string): string | null {
  try {
    return new TextDecoder(name, { fatal: true }).decode(bytes)
  } catch {
    return null // an unknown name, or the bytes do not fit this encoding
  }
}
