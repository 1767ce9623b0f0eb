// Messages between the map service (engine thread) and its layout worker thread.
import type { MapProgress } from '../../../shared/map'

/** Unit note vectors, row-major. */
export interface WireVectors {
  values: Float32Array
  count: number
  dim: number
}

/** A layout's notes for the worker to keep (for placing others onto it): their vectors and languages, positions, clusters. */
export interface WireLayout {
  vectors: WireVectors
  langs: string[]
  xy: Float32Array
  cluster: Int32Array
}

export type WorkerRequest =
  | { id: number; type: 'layout'; vectors: WireVectors; langs: string[]; texts: string[]; seed: number }
  | { id: number; type: 'load'; layout: WireLayout }
  | { id: number; type: 'place'; vectors: WireVectors; langs: string[] }
  | { id: number; type: 'quality'; k: number; pairs: Int32Array }

export interface LayoutResult {
  xy: Float32Array
  cluster: Int32Array
  clusterTerms: string[][]
}

export interface PlaceResult {
  xy: Float32Array
  cluster: Int32Array
}

/** Quality of a layout against one set of vectors. */
export interface SpaceQuality {
  k: number
  /** Venna & Kaski's trustworthiness at k: 1 when every map neighbour is also a neighbour by meaning. */
  trustworthiness: number
  /** Mean share of each note's k nearest notes by meaning that are also among its k nearest on the map. */
  neighbourPreservation: number
  /** For each pair: the share of other notes farther from its notes than they are from each other (on the map / by meaning). */
  pairsOnMap: Float64Array
  pairsByMeaning: Float64Array
}

/** Quality against the language-neutral vectors the map is drawn from, and against the vectors search uses. */
export interface QualityResult {
  map: SpaceQuality
  search: SpaceQuality
}

export type WorkerReply =
  | { id: number; progress: MapProgress }
  | { id: number; ok: true; result: LayoutResult | PlaceResult | QualityResult | null }
  | { id: number; ok: false; message: string }
