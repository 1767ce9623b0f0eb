// Bench section 1: embedding throughput of Semnote's Embedder vs the @huggingface/transformers pipeline vs a bare
// onnxruntime-node session.run loop, on the same chunks, the same int8 file and the same thread count, in interleaved rounds.
import { InferenceSession, Tensor } from 'onnxruntime-node'
import { Embedder } from '../engine/model/embedder'
import { loadPack } from '../engine/model/pack'
import { createTokenizer } from '../engine/model/tokenizer'
import type { BenchConfig } from './bench-setup'
import { corpusChunks, evenSample } from './bench-setup'
import { median, pairedRatio, round, timed } from './bench-stats'

/** Padded tokens per batch for the bare loop: the size measured fastest on this model (see embedder.ts). */
const BARE_TOKENS_PER_BATCH = 512
/** Texts per call for the transformers pipeline, in note order (as a file-by-file indexer hands them over). */
const PEER_BATCH = 32

export interface Throughput {
  passagesPerSecond: number
  tokensPerSecond: number
  /** CPU time of the whole process per passage, ms (steadier than wall time on a busy machine). */
  cpuMsPerPassage: number
  /** Wall time of each round, ms. */
  roundsMs: number[]
}

export interface EmbeddingResult {
  passages: number
  tokens: number
  meanTokens: number
  threads: number
  semnote: Throughput
  transformers: Throughput
  bareOnnxruntime: Throughput
  /** (a)/(b) and (a)/(c) in passages per second: median over rounds of the ratio within each round (back-to-back runs share the machine's load). */
  ratioSemnoteToTransformers: number
  ratioSemnoteToBare: number
  /** The same ratios by CPU time per passage (less sensitive to other processes competing for the cores). */
  cpuRatioSemnoteToTransformers: number
  cpuRatioSemnoteToBare: number
  /** Lowest cosine between Semnote's and the transformers pipeline's vectors for the same passage (1 = identical). */
  minCosineSemnoteVsTransformers: number
  transformersBatch: number
  bareTokensPerBatch: number
}

type Runner = () => Promise<unknown>

/** Loads @huggingface/transformers at run time (a dev dependency: kept out of the CLI bundle). */
async function loadTransformers(): Promise<typeof import('@huggingface/transformers')> {
  const specifier = '@huggingface/transformers'
  return (await import(/* @vite-ignore */ specifier)) as typeof import('@huggingface/transformers')
}

/** (b): the feature-extraction pipeline on the pack's own files, offline; returns the runner and a way to get vectors. */
async function transformersPeer(packDir: string, model: string, threads: number, texts: string[]) {
  const { env, pipeline } = await loadTransformers()
  env.allowRemoteModels = false
  env.allowLocalModels = true
  env.localModelPath = `${packDir}/..`
  const [, subfolder = '', file] = /^(?:(.*)\/)?([^/]+)\.onnx$/.exec(model) ?? []
  const quantized = file?.endsWith('_quantized')
  const extractor = await pipeline('feature-extraction', packDir.split(/[\\/]/).pop()!, {
    local_files_only: true,
    subfolder,
    model_file_name: quantized ? file!.slice(0, -'_quantized'.length) : file!,
    dtype: quantized ? 'q8' : 'fp32',
    session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 }
  })
  const embed = async (batch: string[]): Promise<Float32Array[]> => {
    const output = await extractor(batch, { pooling: 'mean', normalize: true })
    const dimension = output.dims[1]!
    const data = output.data as Float32Array
    const vectors = batch.map((_, i) => data.slice(i * dimension, (i + 1) * dimension))
    output.dispose()
    return vectors
  }
  const run = async () => {
    for (let i = 0; i < texts.length; i += PEER_BATCH) await embed(texts.slice(i, i + PEER_BATCH))
  }
  return { run, embed, dispose: () => extractor.dispose() }
}

/** (c): pre-tokenized, length-sorted batches of at most BARE_TOKENS_PER_BATCH padded tokens; only session.run is timed. */
async function barePeer(packDir: string, threads: number, texts: string[]) {
  const pack = await loadPack(packDir)
  const tokenizer = await createTokenizer(pack)
  const session = await InferenceSession.create(pack.file(pack.manifest.model), { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' })
  const encoded = texts.map((t) => tokenizer.encode(pack.manifest.passagePrefix + t, pack.manifest.maxTokens)).sort((a, b) => b.length - a.length)
  const batches: number[][][] = []
  for (const ids of encoded) {
    const current = batches[batches.length - 1]
    if (current && current[0]!.length * (current.length + 1) <= BARE_TOKENS_PER_BATCH) current.push(ids)
    else batches.push([ids])
  }
  const output = pack.manifest.output ?? 'last_hidden_state'
  const feeds = batches.map((rows) => {
    const width = rows[0]!.length
    const ids = new BigInt64Array(rows.length * width).fill(BigInt(tokenizer.padId))
    const mask = new BigInt64Array(rows.length * width)
    rows.forEach((row, r) => row.forEach((id, t) => ((ids[r * width + t] = BigInt(id)), (mask[r * width + t] = 1n))))
    const all: Record<string, Tensor> = {
      input_ids: new Tensor('int64', ids, [rows.length, width]),
      attention_mask: new Tensor('int64', mask, [rows.length, width]),
      token_type_ids: new Tensor('int64', new BigInt64Array(rows.length * width), [rows.length, width])
    }
    return Object.fromEntries(session.inputNames.map((name) => [name, all[name]!]))
  })
  const run = async () => {
    for (const feed of feeds) (await session.run(feed, [output]))[output]!.dispose()
  }
  return { run, tokens: encoded.reduce((sum, ids) => sum + ids.length, 0), dispose: () => session.release() }
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!
  return dot
}

/** Runs section 1 and returns its figures. */
export async function benchEmbedding(config: BenchConfig): Promise<EmbeddingResult> {
  const pack = await loadPack(config.packDir)
  const semnote = await Embedder.create(config.packDir, { threads: config.threads })
  const texts = evenSample(await corpusChunks(config.corpusDir, semnote), config.embedChunks)
  const prefixed = texts.map((t) => pack.manifest.passagePrefix + t)
  const peer = await transformersPeer(config.packDir, pack.manifest.model, config.threads, prefixed)
  const bare = await barePeer(config.packDir, config.threads, texts)
  try {
    // Same vectors? (sanity: both pool and normalize the same graph's output)
    const sample = texts.slice(0, 8)
    const ours = await semnote.embedPassages(sample)
    const theirs = await peer.embed(sample.map((t) => pack.manifest.passagePrefix + t))
    const minCosine = Math.min(...ours.map((v, i) => cosine(v, theirs[i]!)))
    // Warm-up: one full pass each, so every batch shape has been seen once by every session.
    await semnote.embedPassages(texts)
    await peer.run()
    await bare.run()
    const runners: Record<'semnote' | 'transformers' | 'bareOnnxruntime', Runner> = {
      semnote: () => semnote.embedPassages(texts),
      transformers: peer.run,
      bareOnnxruntime: bare.run
    }
    const names = Object.keys(runners) as (keyof typeof runners)[]
    const wall = { semnote: [] as number[], transformers: [] as number[], bareOnnxruntime: [] as number[] }
    const cpu = { semnote: [] as number[], transformers: [] as number[], bareOnnxruntime: [] as number[] }
    for (let r = 0; r < config.rounds; r++) {
      for (const name of names) {
        const cpuBefore = process.cpuUsage()
        wall[name].push((await timed(runners[name]))[1])
        const used = process.cpuUsage(cpuBefore)
        cpu[name].push((used.user + used.system) / 1000)
      }
    }
    const throughput = (name: keyof typeof runners): Throughput => {
      const seconds = median(wall[name]) / 1000
      return {
        passagesPerSecond: round(texts.length / seconds, 1),
        tokensPerSecond: Math.round(bare.tokens / seconds),
        cpuMsPerPassage: round(median(cpu[name]) / texts.length),
        roundsMs: wall[name].map((m) => Math.round(m))
      }
    }
    const [a, b, c] = names.map(throughput) as [Throughput, Throughput, Throughput]
    return {
      passages: texts.length,
      tokens: bare.tokens,
      meanTokens: round(bare.tokens / texts.length, 1),
      threads: config.threads,
      semnote: a,
      transformers: b,
      bareOnnxruntime: c,
      ratioSemnoteToTransformers: pairedRatio(wall.transformers, wall.semnote),
      ratioSemnoteToBare: pairedRatio(wall.bareOnnxruntime, wall.semnote),
      cpuRatioSemnoteToTransformers: round(b.cpuMsPerPassage / a.cpuMsPerPassage),
      cpuRatioSemnoteToBare: round(c.cpuMsPerPassage / a.cpuMsPerPassage),
      minCosineSemnoteVsTransformers: round(minCosine, 4),
      transformersBatch: PEER_BATCH,
      bareTokensPerBatch: BARE_TOKENS_PER_BATCH
    }
  } finally {
    await semnote.dispose()
    await peer.dispose()
    await bare.dispose()
  }
}
