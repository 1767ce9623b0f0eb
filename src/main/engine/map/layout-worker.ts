// The layout worker thread (built as out/main/map-worker.js): neighbours, UMAP, clusters, names, placement and quality,
// off the engine's thread. Between row blocks and optimisation rounds it waits while the engine runs a search.
import { parentPort, workerData } from 'node:worker_threads'
import type { MapProgress } from '../../../shared/map'
import { lowerThreadPriority, SearchPause } from '../search-pause'
import { SEARCH_BURST_LINGER_MS, type SharedSearchSignal } from '../search-signal'
import { clusterOptionsFor, densityClusters } from './clusters'
import { clusterTerms } from './labels'
import { LanguageCentring } from './language-centring'
import { SimilarityEngine, type VectorSet } from './neighbours'
import { PLACEMENT_NEIGHBOURS, placeOnLayout } from './placement'
import { layoutQuality } from './quality'
import { UMAP_NEIGHBOURS, umapLayout } from './umap-layout'
import type { LayoutResult, PlaceResult, QualityResult, WorkerReply, WorkerRequest } from './worker-protocol'

/** Held back at most a second at once, then a tenth of a second of work: a stream of searches slows the map (to about a tenth) but cannot stall it. */
const PAUSE_BOUNDS = { maxPauseMs: 1000, workAfterHoldMs: 100 }

const port = parentPort!
// Background work: it yields the CPU to searches and indexing.
lowerThreadPriority(19)
/** The engine's searches (see search-signal.ts). */
const searches = new SearchPause(workerData as SharedSearchSignal)
let similarity: Promise<SimilarityEngine> | null = null

/** The layout new notes are placed onto: its notes' language-neutral vectors (and how to undo that), positions, clusters. */
interface HeldLayout {
  centring: LanguageCentring
  vectors: VectorSet
  norms: Float32Array
  langs: string[]
  xy: Float32Array
  cluster: Int32Array
}
let current: HeldLayout | null = null

function hold(vectors: VectorSet, langs: string[], xy: Float32Array, cluster: Int32Array): HeldLayout {
  const centring = LanguageCentring.fit(vectors, langs)
  const { centred, norms } = centring.apply(vectors, langs)
  return { centring, vectors: centred, norms, langs, xy, cluster }
}

function engine(): Promise<SimilarityEngine> {
  similarity ??= SimilarityEngine.create()
  return similarity
}

/**
 * Blocks this thread while a search runs and until SEARCH_BURST_LINGER_MS after the last one ended (at most a second at
 * once). Pausing only while a search ran was not enough on a busy machine: Linux shares the CPU between processes
 * (autogroups), so a niced thread that works between searches still leaves its process no idle credit, and the process's
 * next search waits behind other programs (searches during a layout 1.8x slower at p95 at load 7-11).
 * Called often from inside the work (UMAP's random source, the spanning tree, naming): an optimisation round
 * of 10,000 notes takes a tenth of a second of CPU, far too long to wait for its end.
 */
function pauseWhileSearching(): void {
  pauseForSearches(SEARCH_BURST_LINGER_MS)
}

/** Blocks while a search runs and until `lingerMs` after the last one ended (bounded by PAUSE_BOUNDS). */
function pauseForSearches(lingerMs: number): void {
  searches.pause({ lingerMs, ...PAUSE_BOUNDS })
}

/** Lets queued messages in, after waiting while a search is running (and, for background work, a little after). */
async function giveWay(): Promise<void> {
  pauseWhileSearching()
  await new Promise<void>((resolve) => setImmediate(resolve))
}

/** giveWay for work someone waits for (placing a query or new notes, quality figures): no waiting after searches. */
async function giveWayNow(): Promise<void> {
  pauseForSearches(0)
  await new Promise<void>((resolve) => setImmediate(resolve))
}

/** Reports progress at most every 100 ms (and always when a phase starts or ends). */
function progressReporter(id: number): (progress: MapProgress) => void {
  let last = 0
  let phase = ''
  return (progress) => {
    const now = Date.now()
    if (progress.phase === phase && progress.done < progress.total && now - last < 100) return
    last = now
    phase = progress.phase
    port.postMessage({ id, progress } satisfies WorkerReply)
  }
}

async function layout(request: Extract<WorkerRequest, { type: 'layout' }>): Promise<LayoutResult> {
  const report = progressReporter(request.id)
  const centring = LanguageCentring.fit(request.vectors, request.langs)
  const { centred: vectors, norms } = centring.apply(request.vectors, request.langs)
  const similarities = await engine()
  const neighbours = await similarities.neighbours(vectors, vectors, UMAP_NEIGHBOURS, {
    sameSet: true,
    onBlock: async (done, total) => {
      report({ phase: 'neighbours', done, total })
      await giveWay()
    }
  })
  const xy = await umapLayout(
    vectors.count,
    neighbours,
    request.seed,
    async (done, total) => {
      report({ phase: 'layout', done, total })
      await giveWay()
    },
    pauseWhileSearching
  )
  report({ phase: 'clusters', done: 0, total: 1 })
  const cluster = densityClusters(xy, clusterOptionsFor(vectors.count), pauseWhileSearching)
  await giveWay()
  report({ phase: 'labels', done: 0, total: 1 })
  const clusterCount = cluster.reduce((max, c) => Math.max(max, c + 1), 0)
  const notes = request.texts.map((text, i) => ({ text, lang: request.langs[i] ?? '' }))
  const terms = clusterTerms(notes, cluster, clusterCount, pauseWhileSearching)
  current = { centring, vectors, norms, langs: request.langs, xy, cluster }
  return { xy: xy.slice(), cluster: cluster.slice(), clusterTerms: terms }
}

async function place(vectors: VectorSet, langs: string[]): Promise<PlaceResult> {
  if (!current) throw new Error('no layout is loaded to place notes onto')
  const layoutNow = current
  const { centred } = layoutNow.centring.apply(vectors, langs)
  const similarities = await engine()
  const neighbours = await similarities.neighbours(centred, layoutNow.vectors, Math.min(PLACEMENT_NEIGHBOURS, layoutNow.vectors.count), { onBlock: giveWayNow })
  return placeOnLayout(neighbours, layoutNow.xy, layoutNow.cluster)
}

async function quality(k: number, pairs: Int32Array): Promise<QualityResult> {
  if (!current) throw new Error('no layout is loaded to measure')
  const held = current
  const similarities = await engine()
  const searchVectors = held.centring.restore(held.vectors, held.norms, held.langs)
  return {
    map: await layoutQuality(similarities, held.vectors, held.xy, k, pairs, giveWayNow),
    search: await layoutQuality(similarities, searchVectors, held.xy, k, pairs, giveWayNow)
  }
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  try {
    switch (request.type) {
      case 'layout':
        return { id: request.id, ok: true, result: await layout(request) }
      case 'load': {
        const { vectors, langs, xy, cluster } = request.layout
        current = hold(vectors, langs, xy, cluster)
        return { id: request.id, ok: true, result: null }
      }
      case 'place':
        return { id: request.id, ok: true, result: await place(request.vectors, request.langs) }
      case 'quality':
        return { id: request.id, ok: true, result: await quality(request.k, request.pairs) }
    }
  } catch (error) {
    return { id: request.id, ok: false, message: (error as Error).message ?? String(error) }
  }
}

port.on('message', (request: WorkerRequest) => {
  void handle(request).then((reply) => port.postMessage(reply))
})
