// Entry of a model worker thread (see session.ts): holds one onnxruntime session and runs batches of token ids, so the
// engine's event loop never waits for the model (onnxruntime-node's run is synchronous).
import { parentPort, workerData } from 'node:worker_threads'
import { InferenceSession } from 'onnxruntime-node'
import { SemnoteError } from '../../../shared/errors'
import { feedsOf, pooledVectors, type OutputSpec, type PackedRows } from './batch-run'

/** What the worker is started with. */
export interface SessionWorkerData {
  modelPath: string
  threads: number
}

/** The graph's signature, as the embedder checks it at load. */
export interface SessionInfo {
  inputNames: string[]
  outputNames: string[]
  inputMetadata: InferenceSession.ValueMetadata[]
  outputMetadata: InferenceSession.ValueMetadata[]
}

/** What the worker is asked: run a batch (`quiet`: onnxruntime logs nothing, for the load-time probe), or free the session. */
export type SessionCall = { kind: 'run'; rows: PackedRows; padId: number; spec: OutputSpec; quiet: boolean } | { kind: 'release' }
export type SessionRequest = SessionCall & { id: number }

/** An error as it crosses back: a SemnoteError keeps its code. */
export interface WireError {
  message: string
  code?: string
}

export type SessionReply =
  | { id: number; ok: true; vectors: Float32Array; cpuMicros: number }
  | { id: number; ok: false; error: WireError; cpuMicros: number }
  | { id: number; ok: true; released: true; cpuMicros: number }

/** The first message: the session's signature, or why onnxruntime could not load the model. */
export type SessionOpened = { ok: true; info: SessionInfo } | { ok: false; message: string }

const { modelPath, threads } = workerData as SessionWorkerData

function threadCpu(): number {
  const cpu = process.threadCpuUsage()
  return cpu.user + cpu.system
}

function toWire(error: unknown): WireError {
  if (error instanceof SemnoteError) return { message: error.message, code: error.code }
  return { message: error instanceof Error ? error.message : String(error) }
}

async function main(): Promise<void> {
  let session: InferenceSession
  try {
    session = await InferenceSession.create(modelPath, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      logSeverityLevel: 3,
      // onnxruntime's CPU arena and memory patterns off: less memory held while indexing (issue 19.13).
      enableCpuMemArena: false,
      enableMemPattern: false,
      // Idle threads sleep instead of spinning: spinning doubled CPU time per text with 2 threads on a busy 2-core machine.
      extra: { session: { 'intra_op.allow_spinning': '0', 'inter_op.allow_spinning': '0' } }
    })
  } catch (error) {
    const opened: SessionOpened = { ok: false, message: (error as Error).message }
    parentPort!.postMessage(opened)
    return
  }
  const { inputNames, outputNames, inputMetadata, outputMetadata } = session
  const opened: SessionOpened = { ok: true, info: { inputNames: [...inputNames], outputNames: [...outputNames], inputMetadata: [...inputMetadata], outputMetadata: [...outputMetadata] } }
  parentPort!.postMessage(opened)

  parentPort!.on('message', async (request: SessionRequest) => {
    if (request.kind === 'release') {
      await session.release()
      const reply: SessionReply = { id: request.id, ok: true, released: true, cpuMicros: threadCpu() }
      parentPort!.postMessage(reply)
      return
    }
    try {
      const feeds = feedsOf(request.rows, inputNames, request.padId)
      const results = await session.run(feeds, [request.spec.output], request.quiet ? { logSeverityLevel: 4 } : {})
      const output = results[request.spec.output]!
      let vectors: Float32Array
      try {
        vectors = pooledVectors(output.data as Float32Array, output.dims, request.rows.lengths, request.spec)
      } finally {
        output.dispose()
      }
      const reply: SessionReply = { id: request.id, ok: true, vectors, cpuMicros: threadCpu() }
      parentPort!.postMessage(reply, [vectors.buffer as ArrayBuffer])
    } catch (error) {
      const reply: SessionReply = { id: request.id, ok: false, error: toWire(error), cpuMicros: threadCpu() }
      parentPort!.postMessage(reply)
    }
  })
}

void main()
