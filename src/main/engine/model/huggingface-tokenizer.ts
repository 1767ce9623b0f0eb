// TextTokenizer over a Hugging Face tokenizer.json (+ tokenizer_config.json), run by @huggingface/tokenizers.
import { readFile } from 'node:fs/promises'
import { Tokenizer } from '@huggingface/tokenizers'
import { SemnoteError } from '../../../shared/errors'
import type { TextTokenizer } from './tokenizer'

async function readJson(path: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
  } catch (error) {
    throw new SemnoteError('MODEL_INVALID', `Tokenizer file ${path} cannot be read as JSON (${(error as Error).message}).`)
  }
}

/** Texts longer than this are tokenized in whitespace-bounded pieces: @huggingface/tokenizers' Unigram slows down quadratically on long inputs. */
const PIECE_CHARS = 1000
/** A run without whitespace longer than this is cut anyway (the cut may add one word-start token per cut). */
const HARD_CUT_CHARS = 16384

/** True when a whitespace run starts at `i` (so a piece may begin there). */
function startsWhitespaceRun(text: string, i: number): boolean {
  return /\s/.test(text[i]!) && !/\s/.test(text[i - 1]!)
}

/**
 * Cuts `text` into pieces of about PIECE_CHARS characters, each later piece starting at a whitespace run, so that
 * tokenizing the pieces gives the same tokens as tokenizing the whole (pre-tokenizers split at whitespace).
 */
function* whitespacePieces(text: string): Generator<string> {
  let start = 0
  while (text.length - start > PIECE_CHARS) {
    let cut = start + PIECE_CHARS
    while (cut > start + 1 && !startsWhitespaceRun(text, cut)) cut--
    if (cut <= start + 1) {
      // No whitespace in the window: look ahead for the end of this unbroken run.
      cut = start + PIECE_CHARS
      while (cut < text.length && cut - start < HARD_CUT_CHARS && !startsWhitespaceRun(text, cut)) cut++
    }
    yield text.slice(start, cut)
    start = cut
  }
  yield text.slice(start)
}

/** Length of the common start of two id lists. */
function commonPrefixLength(a: readonly number[], b: readonly number[]): number {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return i
}

/**
 * Loads tokenizer.json (and its config) into a TextTokenizer.
 * Truncation keeps the special tokens the post-processor appends (e.g. XLM-R's `</s>`), as Hugging Face's Python tokenizers do.
 * @throws SemnoteError MODEL_INVALID naming the file when it is not a usable tokenizer.
 */
export async function createHuggingFaceTokenizer(tokenizerPath: string, configPath?: string): Promise<TextTokenizer> {
  const tokenizerJson = await readJson(tokenizerPath)
  const configJson = configPath ? await readJson(configPath) : {}
  let tokenizer: Tokenizer
  let emptyIds: number[]
  let probeIds: number[]
  try {
    tokenizer = new Tokenizer(tokenizerJson, configJson)
    emptyIds = tokenizer.encode('').ids
    probeIds = tokenizer.encode('a').ids
  } catch (error) {
    throw new SemnoteError(
      'MODEL_INVALID',
      `Tokenizer ${tokenizerPath} cannot be used (${(error as Error).message}). Fix: use the tokenizer.json that belongs to the model.`
    )
  }
  // Special tokens around every text, found by comparing the encodings of '' and 'a'.
  const leading = commonPrefixLength(emptyIds, probeIds)
  const trailing = emptyIds.length - leading
  let maxId = 0
  for (const id of tokenizer.get_vocab(true).values()) maxId = Math.max(maxId, id)
  const padToken = typeof configJson.pad_token === 'string' ? configJson.pad_token : undefined
  const padId = (padToken === undefined ? undefined : tokenizer.token_to_id(padToken)) ?? 0

  const leadingIds = emptyIds.slice(0, leading)
  const trailingIds = emptyIds.slice(leading)

  /** Ids of `text` with special tokens; the body stops growing once it has `bodyLimit` tokens. */
  function encodeUpTo(text: string, bodyLimit: number): number[] {
    if (text.length <= PIECE_CHARS) return tokenizer.encode(text).ids
    const body: number[] = []
    for (const piece of whitespacePieces(text)) {
      for (const id of tokenizer.encode(piece, { add_special_tokens: false }).ids) body.push(id)
      if (body.length >= bodyLimit) break
    }
    return [...leadingIds, ...body, ...trailingIds]
  }

  return {
    maxId,
    padId,
    spec: { type: 'huggingface', file: tokenizerPath, ...(configPath ? { config: configPath } : {}) },
    count: (text) => encodeUpTo(text, Number.POSITIVE_INFINITY).length,
    encode(text, maxTokens) {
      const ids = encodeUpTo(text, maxTokens)
      if (ids.length <= maxTokens) return ids
      const keepEnd = Math.min(trailing, maxTokens)
      return [...ids.slice(0, maxTokens - keepEnd), ...ids.slice(ids.length - keepEnd)]
    }
  }
}
