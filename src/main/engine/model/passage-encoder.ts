// How a pack turns passages into token ids: counts for the chunker, ids for the model, and whole notes tokenized once where the tokenizer allows it.
import type { DocumentTokens } from './document-tokens'
import { tokenizerFromSpec, type TextTokenizer, type TokenizerSpec } from './tokenizer'
import { isCutSafe } from './word-runs'

/** A chunk as the chunker gives it: `embedText` is `context`, a blank line, then the document text's [start, end). */
export interface ChunkText {
  context: string
  embedText: string
  start: number
  end: number
}

/** A PassageEncoder as it crosses to a worker thread. */
export interface PassageEncoderSpec {
  tokenizer: TokenizerSpec
  prefix: string
  maxTokens: number
}

/** The pack's passage prefix and token limit around its tokenizer; holds no model, so prepare workers can use it. */
export class PassageEncoder {
  constructor(
    private readonly tokenizer: TextTokenizer,
    private readonly prefix: string,
    readonly maxTokens: number
  ) {}

  /** The encoder a spec describes (made in a worker thread from `spec`). */
  static async fromSpec(spec: PassageEncoderSpec): Promise<PassageEncoder> {
    return new PassageEncoder(await tokenizerFromSpec(spec.tokenizer), spec.prefix, spec.maxTokens)
  }

  /** How to make the same encoder in another thread. */
  get spec(): PassageEncoderSpec {
    return { tokenizer: this.tokenizer.spec, prefix: this.prefix, maxTokens: this.maxTokens }
  }

  /** Tokens `text` takes as a passage (prefix and special tokens included, before truncation to maxTokens). */
  count(text: string): number {
    return this.tokenizer.count(this.prefix + text)
  }

  /** The ids the model runs for passage `text` (prefix and special tokens included, cut to maxTokens). */
  encode(text: string): number[] {
    return this.tokenizer.encode(this.prefix + text, this.maxTokens)
  }

  /**
   * `text` tokenized once (see ChunkOptions.documentTokens), or undefined when the tokenizer cannot (special tokens,
   * sub-word merges across a cut) or the prefix would change the tokens of what follows it.
   */
  tokenizeDocument(text: string): DocumentTokens | undefined {
    if (!this.tokenizer.tokenizeDocument) return undefined
    if (this.prefix !== '' && !isCutSafe(this.prefix.charCodeAt(this.prefix.length - 1))) return undefined
    return this.tokenizer.tokenizeDocument(text)
  }

  /** The ids of a chunk (as `encode(chunk.embedText)` gives them), from the document's tokens when given. */
  encodeChunk(chunk: ChunkText, document?: DocumentTokens): Int32Array {
    if (!document) return Int32Array.from(this.encode(chunk.embedText))
    // The blank line between context and text is cut-safe: the ids are the context's followed by the range's.
    const context = this.tokenizer.encode(this.prefix + chunk.context, this.maxTokens)
    const range = document.ids(chunk.start, chunk.end)
    const ids = new Int32Array(Math.min(this.maxTokens, context.length + range.length))
    ids.set(context)
    ids.set(range.subarray(0, ids.length - context.length), context.length)
    return ids
  }
}
