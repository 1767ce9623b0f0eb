// Turns texts into normalized embedding vectors with a verified model pack on onnxruntime-node.
import { availableParallelism } from 'node:os'
import { SemnoteError } from '../../../shared/errors'
import { packRows, SUPPORTED_INPUTS, type OutputSpec } from './batch-run'
import type { PackManifest } from './manifest'
import { loadPack, type ModelPack } from './pack'
import { PassageEncoder } from './passage-encoder'
import { acquireSession, type RunPriority, type SharedSession } from './session'
import type { SessionInfo } from './session-worker'
import { createTokenizer, type TextTokenizer } from './tokenizer'
import { memoryMark } from '../memory-trace'

export interface EmbedderOptions {
  /** onnxruntime intra-op threads (default: CPU cores - 1, at least 1). */
  threads?: number
}

export interface EmbedOptions {
  /** Aborting stops before the next batch with SemnoteError CANCELLED. */
  signal?: AbortSignal
  /**
   * Queue position on the shared session: 'query' runs overtake queued indexing batches. Defaults to 'query' for
   * embedQueries and 'passage' for embedPassages; pass 'query' for passages a search is waiting on (best-sentence scoring).
   */
  priority?: RunPriority
}

/**
 * Padded tokens per batch (batch size x longest text) and texts per batch, unless the pack says otherwise. Measured on
 * the e5-small-sized int8 graph (1 thread): CPU time per text is lowest around 256-640 padded tokens (activations stay
 * in cache) and grows ~20% by 4096; small batches also let queries and cancellation get in sooner.
 */
const DEFAULT_BATCH = { tokens: 512, texts: 32 }

/** Default thread count: leave one core to the UI and file watching. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism() - 1)
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SemnoteError('CANCELLED', 'Embedding was cancelled.')
}

/** Token ids of one text, as a tokenizer gives them or as prepared ahead (e.g. by a prepare worker). */
export type TokenIds = readonly number[] | Int32Array

/** Splits text indices (sorted longest first) into batches within `limits` (padded tokens, texts). */
function planBatches(order: readonly number[], lengths: readonly number[], limits: { tokens: number; texts: number }): number[][] {
  const batches: number[][] = []
  let current: number[] = []
  let longest = 0
  for (const index of order) {
    const length = lengths[index]!
    const nextLongest = Math.max(longest, length)
    if (current.length > 0 && (current.length >= limits.texts || nextLongest * (current.length + 1) > limits.tokens)) {
      batches.push(current)
      current = []
    }
    longest = current.length === 0 ? length : Math.max(longest, length)
    current.push(index)
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/** An embedding model ready to run; create with `Embedder.create`, free with `dispose`. */
export class Embedder {
  readonly id: string
  readonly dimension: number
  readonly maxTokens: number
  /** The pack's folder. */
  readonly packDir: string
  /** True when running the model costs little beside preparing its input (a static-embedding pack such as the lite one). */
  readonly modelIsLight: boolean
  /**
   * True when the pack ships the query lexicon (the lite pack): its vocabulary comes from the lexicon's dictionaries, and
   * a query's Korean words reach the model with their English readings too (they carry more than the word's vector).
   */
  readonly readsQueriesThroughLexicon: boolean
  /** Counts and ids of passages (prefix included), as the chunker and prepare steps need them. */
  readonly passages: PassageEncoder
  /** How the graph's output becomes vectors (read in the model's worker). */
  private readonly output: OutputSpec
  private readonly manifest: PackManifest
  private disposed = false

  private constructor(
    pack: ModelPack,
    private readonly tokenizer: TextTokenizer,
    private readonly shared: SharedSession
  ) {
    const { manifest } = pack
    this.manifest = manifest
    this.packDir = pack.dir
    this.modelIsLight = manifest.tokenizer.type === 'word-segmenter'
    this.readsQueriesThroughLexicon = manifest.queryLexicon !== undefined
    this.id = manifest.id
    this.dimension = manifest.dimension
    this.maxTokens = manifest.maxTokens
    this.passages = new PassageEncoder(tokenizer, manifest.passagePrefix, manifest.maxTokens)
    const output = manifest.output ?? (manifest.pooling === 'none' ? 'sentence_embedding' : 'last_hidden_state')
    this.output = { modelId: manifest.id, output, pooling: manifest.pooling, normalize: manifest.normalize, dimension: manifest.dimension }
  }

  /**
   * Loads and verifies the pack in `packDir`, opens its model and checks that graph, tokenizer and manifest agree.
   * @throws SemnoteError MODEL_MISSING / MODEL_INVALID naming the file at fault and the fix.
   */
  static async create(packDir: string, options: EmbedderOptions = {}): Promise<Embedder> {
    const pack = await loadPack(packDir)
    const tokenizer = await createTokenizer(pack)
    memoryMark('pack and tokenizer loaded')
    const threads = Math.max(1, Math.floor(options.threads ?? defaultThreads()))
    const shared = await acquireSession(pack.file(pack.manifest.model), threads)
    memoryMark('onnx session open')
    const embedder = new Embedder(pack, tokenizer, shared)
    try {
      checkGraphSignature(pack, shared.info)
      await embedder.probe(pack)
    } catch (error) {
      await embedder.dispose()
      throw error
    }
    return embedder
  }

  /** Embeds search queries (the pack's query prefix is added). Vectors come back in input order. */
  async embedQueries(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    this.throwIfDisposed()
    const encoded = texts.map((text) => this.tokenizer.encode(this.manifest.queryPrefix + text, this.maxTokens))
    return this.embed(encoded, options.priority ?? 'query', options.signal)
  }

  /** Embeds note passages (the pack's passage prefix is added). Vectors come back in input order. */
  async embedPassages(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    this.throwIfDisposed()
    return this.embedPassageIds(texts.map((text) => this.passages.encode(text)), options)
  }

  /** Embeds passages already tokenized by `passages` (encode or encodeChunk); the same vectors as embedPassages of their texts. */
  async embedPassageIds(rows: readonly TokenIds[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    const tooLong = rows.find((ids) => ids.length > this.maxTokens)
    if (tooLong) throw new RangeError(`a passage of ${tooLong.length} token ids exceeds the model's ${this.maxTokens}`)
    return this.embed(rows, options.priority ?? 'passage', options.signal)
  }

  /** Vectors of prepared chunks in order: from their token ids (made by `passages`) when they have them, else from their text. */
  async embedChunks(chunks: readonly { embedText: string; tokenIds?: TokenIds }[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    return this.embedPassageIds(chunks.map((chunk) => chunk.tokenIds ?? this.passages.encode(chunk.embedText)), options)
  }

  /** The model worker's work so far (shared by embedders of the same model): batches run and CPU time of its thread, µs. */
  get modelStats(): { runs: number; cpuMicros: number } {
    return this.shared.stats
  }

  /** Tokens `text` takes as a passage (prefix and special tokens included, before truncation to maxTokens). */
  countTokens(text: string): number {
    return this.passages.count(text)
  }

  /** Releases the model session (shared sessions close when their last embedder is disposed). */
  async dispose(): Promise<void> {
    if (this.disposed) return
    this.disposed = true
    await this.shared.release()
  }

  /**
   * Runs texts already tokenized (exact lengths for sorting) in the model's worker, batch after batch; the next batch waits
   * in the session's queue while one runs, so the worker goes on at once (and a query can still overtake it).
   */
  private async embed(encoded: readonly TokenIds[], priority: RunPriority, signal?: AbortSignal): Promise<Float32Array[]> {
    this.throwIfDisposed()
    throwIfAborted(signal)
    const lengths = encoded.map((ids) => ids.length)
    const order = encoded.map((_, i) => i).sort((a, b) => lengths[b]! - lengths[a]!)
    const limits = this.manifest.batch ?? DEFAULT_BATCH
    const batches = planBatches(order, lengths, limits)
    const vectors = new Array<Float32Array>(encoded.length)
    const run = (indices: number[]) =>
      this.shared.queue.run(priority, () => {
        this.throwIfDisposed()
        throwIfAborted(signal)
        return this.shared.run(packRows(indices.map((i) => encoded[i]!)), this.tokenizer.padId, this.output)
      })
    let pending = batches.length > 0 ? run(batches[0]!) : undefined
    for (let k = 0; k < batches.length; k++) {
      const next = k + 1 < batches.length ? run(batches[k + 1]!) : undefined
      // A queued batch that fails after an earlier one failed no longer matters.
      next?.catch(() => undefined)
      const flat = await pending!
      batches[k]!.forEach((textIndex, row) => (vectors[textIndex] = flat.subarray(row * this.dimension, (row + 1) * this.dimension)))
      pending = next
    }
    return vectors
  }

  private throwIfDisposed(): void {
    if (this.disposed) throw new SemnoteError('ENGINE_UNAVAILABLE', `Embedder ${this.id} was disposed.`)
  }

  /** Runs one batch outside the queue (load-time probe) and returns its pooled vectors. */
  private async runOnce(ids: readonly number[]): Promise<Float32Array> {
    return this.shared.run(packRows([ids]), this.tokenizer.padId, this.output, true)
  }

  /**
   * Runs the graph once at full length with the tokenizer's largest id, so a tokenizer bigger than the embedding table,
   * a maxTokens beyond the position table or a wrong dimension fail here with a clear message, not later.
   */
  private async probe(pack: ModelPack): Promise<void> {
    const { maxId } = this.tokenizer
    const runsWith = async (length: number): Promise<Error | undefined> => {
      try {
        // Failures are reported below as a SemnoteError; keep onnxruntime's own error log quiet.
        const vector = await this.runOnce(Array.from({ length }, () => maxId))
        if (!vector.every(Number.isFinite)) return new Error('the output contains NaN or infinite values')
        return undefined
      } catch (error) {
        if (error instanceof SemnoteError) throw error
        return error as Error
      }
    }
    const fullLengthError = await runsWith(this.maxTokens)
    if (!fullLengthError) return
    const modelFile = pack.file(pack.manifest.model)
    const shortError = await runsWith(Math.min(2, this.maxTokens))
    if (shortError) {
      const tokenizerFile = pack.manifest.tokenizer.type === 'huggingface' ? pack.manifest.tokenizer.file : pack.manifest.tokenizer.vocab
      throw new SemnoteError(
        'MODEL_INVALID',
        `Tokenizer ${pack.file(tokenizerFile)} does not match the model ${modelFile}: token id ${maxId} fails in the graph (${shortError.message}). Fix: use the tokenizer files that were exported with this model.`
      )
    }
    throw new SemnoteError(
      'MODEL_INVALID',
      `Model ${modelFile} cannot take ${this.maxTokens} tokens (${fullLengthError.message}). Fix: set "maxTokens" in ${pack.dir}/semnote-pack.json to the model's limit.`
    )
  }
}

/** Checks the graph's declared inputs and output against what Semnote feeds and what the manifest promises. */
function checkGraphSignature(pack: ModelPack, session: SessionInfo): void {
  const { manifest } = pack
  const modelFile = pack.file(manifest.model)
  const unsupported = session.inputNames.filter((name) => !(SUPPORTED_INPUTS as readonly string[]).includes(name))
  if (unsupported.length > 0 || !session.inputNames.includes('input_ids')) {
    throw new SemnoteError(
      'MODEL_INVALID',
      `Model ${modelFile} declares inputs [${session.inputNames.join(', ')}]; Semnote feeds input_ids (required), attention_mask and token_type_ids only. Fix: export the model with those inputs.`
    )
  }
  for (const input of session.inputMetadata) {
    if (input.isTensor && input.type !== 'int64') {
      throw new SemnoteError('MODEL_INVALID', `Model ${modelFile} input ${input.name} is ${input.type}; Semnote feeds int64. Fix: export the model with int64 inputs.`)
    }
  }
  const outputName = manifest.output ?? (manifest.pooling === 'none' ? 'sentence_embedding' : 'last_hidden_state')
  const output = session.outputMetadata.find((o) => o.name === outputName)
  if (!output) {
    throw new SemnoteError(
      'MODEL_INVALID',
      `Model ${modelFile} has no output named ${outputName} (it has ${session.outputNames.join(', ')}). Fix: set "output" in ${pack.dir}/semnote-pack.json.`
    )
  }
  const lastDim = output.isTensor ? output.shape[output.shape.length - 1] : undefined
  if (typeof lastDim === 'number' && lastDim !== manifest.dimension) {
    throw new SemnoteError(
      'MODEL_INVALID',
      `${pack.dir}/semnote-pack.json says dimension ${manifest.dimension}, but model ${modelFile} outputs ${lastDim}-dimensional vectors. Fix: set "dimension": ${lastDim} in semnote-pack.json (and rebuild the index).`
    )
  }
}
