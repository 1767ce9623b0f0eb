// The tokenizer interface the embedder uses, and the dispatch from a pack manifest's tokenizer.type to an implementation.
import type { DocumentTokens } from './document-tokens'
import { createHuggingFaceTokenizer } from './huggingface-tokenizer'
import type { ModelPack } from './pack'
import { createWordTokenizer, WordTokenizer, type WordTokenizerSpec } from './word-tokenizer'

/** What another thread needs to make the same tokenizer (structured-clonable; a word vocabulary travels as shared memory). */
export type TokenizerSpec = { type: 'huggingface'; file: string; config?: string } | { type: 'word-segmenter'; spec: WordTokenizerSpec }

/** Turns text into the token ids a pack's graph expects. Implementations are synchronous and pure. */
export interface TextTokenizer {
  /** Ids of `text` with the special tokens the model expects, cut to at most `maxTokens` (final special tokens kept). */
  encode(text: string, maxTokens: number): number[]
  /** Number of tokens `text` encodes to (special tokens included), before any truncation. */
  count(text: string): number
  /** Largest id `encode` can return; checked against the model's embedding table at load. */
  readonly maxId: number
  /** Id used to pad a batch (masked out by attention_mask). */
  readonly padId: number
  /** How to make this tokenizer again in a worker thread (see tokenizerFromSpec). */
  readonly spec: TokenizerSpec
  /**
   * Tokenizes a whole document once so that any range of it is counted and encoded by offsets. Only tokenizers that add no
   * special tokens, truncate by keeping the first ids, and give `a + b` the ids of `a` then those of `b` when `a` ends
   * with a line break (or another cut-safe character, see isCutSafe) offer it.
   */
  tokenizeDocument?(text: string): DocumentTokens
}

/**
 * Creates the tokenizer a verified pack declares.
 * @throws SemnoteError MODEL_INVALID when the tokenizer files cannot be used.
 */
export async function createTokenizer(pack: ModelPack): Promise<TextTokenizer> {
  const { tokenizer } = pack.manifest
  switch (tokenizer.type) {
    case 'huggingface':
      return createHuggingFaceTokenizer(pack.file(tokenizer.file), tokenizer.config ? pack.file(tokenizer.config) : undefined)
    case 'word-segmenter':
      return createWordTokenizer(pack)
  }
}

/** The tokenizer a spec describes (in a worker thread: a word vocabulary is shared, not read again). */
export async function tokenizerFromSpec(spec: TokenizerSpec): Promise<TextTokenizer> {
  switch (spec.type) {
    case 'huggingface':
      return createHuggingFaceTokenizer(spec.file, spec.config)
    case 'word-segmenter':
      return new WordTokenizer(WordTokenizer.dataOf(spec.spec))
  }
}
