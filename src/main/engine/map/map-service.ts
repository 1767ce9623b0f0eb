// The map of notes for the engine: computes the layout in the background (worker thread) on first request, caches it per
// model table, places notes added or changed later onto it, and recomputes it in the background once enough changed.
import { relative } from 'node:path'
import type { MapLayout, MapPoint, MapProgress, MapProgressEvent, MapQuality, MapRequest, MapView } from '../../../shared/map'
import { readCachedLayout, writeCachedLayout, type CachedLayout } from './map-cache'
import { readNotes, type MapNote } from './note-reader'
import { LayoutWorker } from './worker-client'
import { searchSignal } from '../search-signal'

/** The same index gives the same map. */
const LAYOUT_SEED = 20_261_203
/** Share of the fitted notes that may change (be placed or dropped) before the layout is recomputed in the background. */
const RECOMPUTE_SHARE = 0.2
const RECOMPUTE_MIN_CHANGES = 3
/** k of the quality measures (the standard trustworthiness@10). */
const QUALITY_K = 10

/** The table the map is drawn from. */
export interface MapTable {
  name: string
  modelId: string
  dimension: number
}

/** A note as the index knows it now. */
export interface IndexedNote {
  path: string
  root: string
  contentHash: string
  mtime: number
}

export interface MapServiceDeps {
  dataDir: string
  /** The model table searches use, or null without a model. */
  table(): MapTable | null
  /** Every note searches can find now. */
  notes(): IndexedNote[]
  /** Names of all chunk tables (stale layouts of dropped tables are deleted). */
  liveTables(): Promise<string[]>
  emit(event: MapProgressEvent): void
}

interface Computation {
  table: string
  progress: MapProgress
  done: Promise<void>
}

export class MapService {
  private readonly worker = new LayoutWorker()
  private layout: CachedLayout | null = null
  private computation: Computation | null = null
  private lastFailure: { table: string; message: string } | null = null
  /** Updates (placing, dropping) run one at a time. */
  private updating: Promise<unknown> = Promise.resolve()
  private closed = false

  constructor(private readonly deps: MapServiceDeps) {}

  /** The map now: the layout brought up to date with the index, or progress while the first one is computed. */
  async view(request: MapRequest = {}): Promise<MapView> {
    const table = this.deps.table()
    if (!table) return { state: 'unavailable', reason: 'no-model' }
    if (this.deps.notes().length === 0) return { state: 'unavailable', reason: 'no-notes' }
    let layout = await this.loadLayout(table)
    if (!layout) {
      const computation = this.compute(table)
      if (!request.wait) return { state: 'computing', progress: computation.progress }
      await computation.done
      if (this.lastFailure?.table === table.name) return { state: 'failed', message: this.lastFailure.message }
      layout = await this.loadLayout(table)
      if (!layout) return { state: 'unavailable', reason: 'no-notes' }
    }
    layout = await this.serialized(() => this.bringUpToDate(table, layout!))
    if (layout.changes >= Math.max(RECOMPUTE_MIN_CHANGES, RECOMPUTE_SHARE * layout.fitted)) this.compute(table)
    if (request.wait && this.computation) {
      await this.computation.done
      return this.view({})
    }
    const recomputing = this.computation?.table === table.name ? this.computation.progress : undefined
    return { state: 'ready', layout: toMapLayout(layout, this.deps.notes()), ...(recomputing ? { recomputing } : {}) }
  }

  /** Where a query vector (or any vector) in language `lang` sits on the current map; null when there is no map yet. */
  async locate(vector: Float32Array, lang: string): Promise<MapPoint | null> {
    const table = this.deps.table()
    const layout = table ? await this.loadLayout(table) : null
    if (!table || !layout || layout.notes.path.length === 0) return null
    await this.ensureWorkerHolds(table, layout)
    const placed = await this.worker.place({ values: Float32Array.from(vector), count: 1, dim: vector.length }, [lang])
    return { x: placed.xy[0]!, y: placed.xy[1]! }
  }

  /** Quality of the current map (computing it first when needed), with the translation pairs the index holds. */
  async quality(): Promise<MapQuality> {
    const view = await this.view({ wait: true })
    if (view.state !== 'ready') throw new Error(view.state === 'failed' ? view.message : `no map: ${view.state === 'unavailable' ? view.reason : 'still computing'}`)
    await this.ensureWorkerHolds(this.deps.table()!, this.layout!, true)
    const layout = this.layout!
    const pairs = translationPairs(layout.notes)
    const { map, search } = await this.worker.quality(QUALITY_K, Int32Array.from(pairs.flat()))
    const summary = (scores: Float64Array) => ({
      closerThanRandom: mean(scores),
      pairsCloserThanMost: scores.length === 0 ? 0 : scores.filter((s) => s > 0.5).length / scores.length
    })
    return {
      notes: layout.notes.path.length,
      k: map.k,
      trustworthiness: map.trustworthiness,
      neighbourPreservation: map.neighbourPreservation,
      searchVectors: { trustworthiness: search.trustworthiness, neighbourPreservation: search.neighbourPreservation },
      translationPairs: pairs.length === 0 ? null : { pairs: pairs.length, onMap: summary(map.pairsOnMap), byMeaning: summary(search.pairsByMeaning) }
    }
  }

  async close(): Promise<void> {
    this.closed = true
    await this.worker.close()
    await this.computation?.done
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.updating.then(work, work)
    this.updating = run.catch(() => undefined)
    return run
  }

  private async loadLayout(table: MapTable): Promise<CachedLayout | null> {
    if (this.layout?.table === table.name && this.layout.modelId === table.modelId) return this.layout
    const cached = await readCachedLayout(this.deps.dataDir, table.name)
    this.layout = cached?.modelId === table.modelId ? cached : null
    return this.layout
  }

  /** Starts a full layout of `table` in the background (or returns the one running). */
  private compute(table: MapTable): Computation {
    if (this.computation?.table === table.name) return this.computation
    const computation: Computation = { table: table.name, progress: { phase: 'reading', done: 0, total: 1 }, done: Promise.resolve() }
    const onProgress = (progress: MapProgress) => {
      computation.progress = progress
      this.deps.emit(progress)
    }
    computation.done = this.runComputation(table, onProgress)
      .then(
        () => {
          if (this.lastFailure?.table === table.name) this.lastFailure = null
        },
        (error: Error) => {
          if (!this.closed) this.lastFailure = { table: table.name, message: error.message }
        }
      )
      .finally(() => {
        if (this.computation === computation) this.computation = null
        if (!this.closed) this.deps.emit({ finished: true })
      })
    this.computation = computation
    this.deps.emit(computation.progress)
    return computation
  }

  private async runComputation(table: MapTable, onProgress: (progress: MapProgress) => void): Promise<void> {
    const set = await readNotes(this.deps.dataDir, table.name, table.dimension, undefined, () => searchSignal.settled())
    onProgress({ phase: 'reading', done: 1, total: 1 })
    if (this.closed) return
    const stamp = Date.now()
    const texts = set.notes.map((note) => note.text)
    const langs = set.notes.map((note) => note.lang)
    const result = await this.worker.layout({ values: set.vectors, count: set.notes.length, dim: set.dim }, texts, langs, LAYOUT_SEED, stamp, onProgress)
    const layout: CachedLayout = {
      version: 1,
      table: table.name,
      modelId: table.modelId,
      computedAt: stamp,
      fitted: set.notes.length,
      changes: 0,
      notes: notesColumns(set.notes, result.xy, result.cluster),
      clusterTerms: result.clusterTerms
    }
    await this.serialized(async () => {
      if (this.closed) return
      this.layout = layout
      await writeCachedLayout(this.deps.dataDir, layout, await this.deps.liveTables())
    })
  }

  /** Drops notes no longer indexed and places new or changed ones; saves the layout when it changed. */
  private async bringUpToDate(table: MapTable, layout: CachedLayout): Promise<CachedLayout> {
    const indexed = new Map(this.deps.notes().map((note) => [note.path, note]))
    const { notes } = layout
    const keep: number[] = []
    let dropped = 0
    notes.path.forEach((path, i) => {
      if (indexed.get(path)?.contentHash === notes.contentHash[i]) keep.push(i)
      else dropped++
    })
    const known = new Set(keep.map((i) => notes.path[i]))
    const toPlace = [...indexed.keys()].filter((path) => !known.has(path))
    if (dropped === 0 && toPlace.length === 0) return layout
    const kept = pick(notes, keep)
    let next: CachedLayout = { ...layout, notes: kept, changes: layout.changes + dropped }
    if (toPlace.length > 0) {
      const fresh = await readNotes(this.deps.dataDir, table.name, table.dimension, toPlace)
      if (fresh.notes.length > 0 && kept.path.length > 0) {
        await this.ensureWorkerHolds(table, layout)
        const placed = await this.worker.place({ values: fresh.vectors, count: fresh.notes.length, dim: fresh.dim }, fresh.notes.map((note) => note.lang))
        next = { ...next, notes: concatNotes(kept, notesColumns(fresh.notes, placed.xy, placed.cluster)), changes: next.changes + fresh.notes.length }
      }
    }
    if (this.layout === layout) this.layout = next
    await writeCachedLayout(this.deps.dataDir, next, await this.deps.liveTables())
    return next
  }

  /**
   * Gives the worker the layout's notes with their vectors, unless it holds them already (it ends when idle). With
   * `exact`, the notes must be exactly the layout's (for quality measures); otherwise any earlier state of the same layout
   * will do for placing.
   */
  private async ensureWorkerHolds(table: MapTable, layout: CachedLayout, exact = false): Promise<void> {
    if (!exact && this.worker.holds(layout.computedAt)) return
    const set = await readNotes(this.deps.dataDir, table.name, table.dimension, layout.notes.path, () => searchSignal.settled())
    const row = new Map(layout.notes.path.map((path, i) => [path, i]))
    const rows = set.notes.map((note) => row.get(note.path)!)
    const xy = new Float32Array(rows.length * 2)
    rows.forEach((i, r) => {
      xy[r * 2] = layout.notes.x[i]!
      xy[r * 2 + 1] = layout.notes.y[i]!
    })
    const cluster = Int32Array.from(rows, (i) => layout.notes.cluster[i]!)
    if (exact) this.layout = { ...layout, notes: pick(layout.notes, rows) }
    const langs = set.notes.map((note) => note.lang)
    await this.worker.load({ vectors: { values: set.vectors, count: set.notes.length, dim: set.dim }, langs, xy, cluster }, layout.computedAt)
  }
}

function notesColumns(notes: MapNote[], xy: Float32Array, cluster: Int32Array): CachedLayout['notes'] {
  return {
    path: notes.map((n) => n.path),
    contentHash: notes.map((n) => n.contentHash),
    title: notes.map((n) => n.title),
    root: notes.map((n) => n.root),
    ext: notes.map((n) => n.ext),
    lang: notes.map((n) => n.lang),
    mtime: notes.map((n) => n.mtime),
    tags: notes.map((n) => n.tags),
    x: Array.from({ length: notes.length }, (_, i) => round(xy[i * 2]!)),
    y: Array.from({ length: notes.length }, (_, i) => round(xy[i * 2 + 1]!)),
    cluster: Array.from(cluster)
  }
}

/** Six decimals: far below a pixel at any zoom, and a smaller file. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6
}

function pick(notes: CachedLayout['notes'], rows: number[]): CachedLayout['notes'] {
  const column = <T>(values: T[]) => rows.map((i) => values[i]!)
  return {
    path: column(notes.path),
    contentHash: column(notes.contentHash),
    title: column(notes.title),
    root: column(notes.root),
    ext: column(notes.ext),
    lang: column(notes.lang),
    mtime: column(notes.mtime),
    tags: column(notes.tags),
    x: column(notes.x),
    y: column(notes.y),
    cluster: column(notes.cluster)
  }
}

function concatNotes(a: CachedLayout['notes'], b: CachedLayout['notes']): CachedLayout['notes'] {
  return {
    path: [...a.path, ...b.path],
    contentHash: [...a.contentHash, ...b.contentHash],
    title: [...a.title, ...b.title],
    root: [...a.root, ...b.root],
    ext: [...a.ext, ...b.ext],
    lang: [...a.lang, ...b.lang],
    mtime: [...a.mtime, ...b.mtime],
    tags: [...a.tags, ...b.tags],
    x: [...a.x, ...b.x],
    y: [...a.y, ...b.y],
    cluster: [...a.cluster, ...b.cluster]
  }
}

/** The layout as the renderer gets it: current roots and modification times, cluster sizes and name positions. */
function toMapLayout(layout: CachedLayout, indexed: IndexedNote[]): MapLayout {
  const now = new Map(indexed.map((note) => [note.path, note]))
  const { notes } = layout
  const members = layout.clusterTerms.map(() => [] as number[])
  notes.cluster.forEach((cluster, i) => {
    if (cluster >= 0) members[cluster]!.push(i)
  })
  return {
    modelId: layout.modelId,
    computedAt: layout.computedAt,
    placed: layout.changes,
    notes: {
      path: notes.path,
      title: notes.title,
      root: notes.path.map((path, i) => now.get(path)?.root ?? notes.root[i]!),
      ext: notes.ext,
      lang: notes.lang,
      mtime: notes.path.map((path, i) => now.get(path)?.mtime ?? notes.mtime[i]!),
      tags: notes.tags,
      x: notes.x,
      y: notes.y,
      cluster: notes.cluster
    },
    clusters: layout.clusterTerms.map((terms, c) => ({
      terms,
      size: members[c]!.length,
      x: median(members[c]!.map((i) => notes.x[i]!)),
      y: median(members[c]!.map((i) => notes.y[i]!))
    }))
  }
}

/** A language the guess told ("und": it could not). */
function knownLanguage(lang: string | undefined): boolean {
  return lang !== undefined && lang !== '' && lang !== 'und'
}

/**
 * Pairs of note rows that are translations of each other: the same path relative to their indexed folder, under
 * different folders, in different known languages.
 */
export function translationPairs(notes: Pick<CachedLayout['notes'], 'path' | 'root' | 'lang'>): [number, number][] {
  const byRelative = new Map<string, number[]>()
  notes.path.forEach((path, i) => {
    const key = relative(notes.root[i]!, path)
    byRelative.set(key, [...(byRelative.get(key) ?? []), i])
  })
  const pairs: [number, number][] = []
  for (const rows of byRelative.values()) {
    for (let a = 0; a < rows.length; a++) {
      for (let b = a + 1; b < rows.length; b++) {
        const [i, j] = [rows[a]!, rows[b]!]
        if (notes.root[i] !== notes.root[j] && knownLanguage(notes.lang[i]) && knownLanguage(notes.lang[j]) && notes.lang[i] !== notes.lang[j]) pairs.push([i, j])
      }
    }
  }
  return pairs
}

function median(values: number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function mean(values: Float64Array): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length
}
