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

  return {
    maxId,
    padId,
    count: (text) => tokenizer.encode(text).ids.length,
    encode(text, maxTokens) {
      const ids = tokenizer.encode(text).ids
      if (ids.length <= maxTokens) return ids
      const keepEnd = Math.min(trailing, maxTokens)
      return [...ids.slice(0, maxTokens - keepEnd), ...ids.slice(ids.length - keepEnd)]
    }
  }
}
