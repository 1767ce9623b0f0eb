// The map of notes by meaning: layout, clusters and progress as the engine hands them to the renderer, the CLI and the export.

/**
 * Every note on the map, column by column (one index per note across all arrays), so tens of thousands of notes travel
 * as a few arrays instead of as many objects.
 */
export interface MapNotes {
  path: string[]
  title: string[]
  /** The indexed folder the note belongs to. */
  root: string[]
  /** Lower-case extension without the dot. */
  ext: string[]
  /** Detected language tag ('' when unknown). */
  lang: string[]
  /** Modification time, epoch milliseconds. */
  mtime: number[]
  /** The note's tags (front matter and inline #tags). */
  tags: string[][]
  /** Map coordinates (arbitrary units; only distances matter). */
  x: number[]
  y: number[]
  /** Index into MapLayout.clusters, or -1 for a note that belongs to no cluster (an outlier). */
  cluster: number[]
}

/** A group of notes close together on the map, named by its most distinctive words. */
export interface MapCluster {
  /** Up to three words, most distinctive first, in the notes' own languages. */
  terms: string[]
  /** Notes in the cluster. */
  size: number
  /** Where to write the name: the cluster's median position. */
  x: number
  y: number
}

export interface MapLayout {
  /** Embedding model the layout was computed from. */
  modelId: string
  notes: MapNotes
  clusters: MapCluster[]
  /** When the full layout was computed (epoch ms). */
  computedAt: number
  /** Notes placed onto the layout since (added or changed later); a full recompute starts once they are many. */
  placed: number
}

export type MapPhase = 'reading' | 'neighbours' | 'layout' | 'clusters' | 'labels'

export interface MapProgress {
  phase: MapPhase
  /** Work done and total within the phase (notes, or optimisation rounds in 'layout'). */
  done: number
  total: number
}

/** Why there is no map. */
export type MapUnavailableReason = 'no-model' | 'no-notes'

/**
 * The answer to `map`: a layout (possibly while a fresher one is computed in the background), progress while the first
 * one is computed, or the reason there can be none.
 */
export type MapView =
  | { state: 'ready'; layout: MapLayout; recomputing?: MapProgress }
  | { state: 'computing'; progress: MapProgress }
  | { state: 'unavailable'; reason: MapUnavailableReason }
  | { state: 'failed'; message: string }

export interface MapRequest {
  /** Wait until the layout is complete instead of answering 'computing' (CLI and export). */
  wait?: boolean
}

/** Engine event while a layout is computed, then `{ finished: true }` once it is ready or failed (ask `map` again). */
export type MapProgressEvent = MapProgress | { finished: true }

/** A point on the map (e.g. where a query would sit). */
export interface MapPoint {
  x: number
  y: number
}

/**
 * How faithful the map is to the note vectors (`semnote map --stats`). The map is drawn from language-neutral note
 * vectors (each note's vector minus its language's mean): `trustworthiness` and `neighbourPreservation` are measured
 * against those, `searchVectors` against the vectors search ranks by.
 */
export interface MapQuality {
  notes: number
  k: number
  /** Venna & Kaski's trustworthiness at k: 1 when every note's map neighbours are also its neighbours by meaning. */
  trustworthiness: number
  /** Mean share of each note's k nearest notes by meaning that are also among its k nearest on the map. */
  neighbourPreservation: number
  searchVectors: { trustworthiness: number; neighbourPreservation: number }
  /**
   * Notes with the same path under different indexed folders and in different languages (translations of one page).
   * `closerThanRandom`: the chance that such a pair sits closer together than a random pair holding one of its notes,
   * averaged over the pairs; `pairsCloserThanMost`: the share of pairs closer than half of those random pairs.
   * `byMeaning` measures the same with the search vectors' cosine similarity. Null when the index holds no such pairs.
   */
  translationPairs: {
    pairs: number
    onMap: { closerThanRandom: number; pairsCloserThanMost: number }
    byMeaning: { closerThanRandom: number; pairsCloserThanMost: number }
  } | null
}
