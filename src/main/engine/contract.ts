// The engine's call/event contract, shared by the in-process facade, the utilityProcess host and main's client.
import type { ApiCalls } from '../../shared/api'
import type { IndexProgress, IndexStatus, ModelState } from '../../shared/types'
import type { SemnoteErrorData } from '../../shared/errors'
import type { MapProgressEvent, MapQuality } from '../../shared/map'
import type { ProxySettings } from './model/fetch'

export interface EngineOptions {
  /** Folder for the index (LanceDB tables + manifest). */
  dataDir: string
  /** Folders searched for model packs, in order (user folder first, bundled resources last). */
  modelDirs: string[]
  /** Pack id to use; falls back to the best pack found when absent or missing. */
  modelId?: string
  /** Threads for the embedder (default: cores - 1, at least 1). */
  threads?: number
  /** Worker threads that read, extract, chunk and tokenize notes (default: from the cores, see defaultPrepareThreads). */
  prepareThreads?: number
  /** Files larger than this are skipped with reason `too-large` (default 20 MB). */
  maxFileBytes?: number
  /** Watch roots for changes (default true). The CLI's one-shot `index` turns it off. */
  watch?: boolean
  /** Ignore patterns applied to every root (gitignore syntax). */
  ignorePatterns?: string[]
  /**
   * Load the pack's query-translation lexicon in the background once indexing is idle after opening, so the first search
   * does not wait ~0.3 s for it (the app, `serve`, `mcp`: engines that answer searches for a while). Default false: a
   * one-shot command loads it on its first search that needs it, and `index` never does.
   */
  preloadQueryLexicon?: boolean
}

/** Calls the engine answers. Main handles the rest of ApiCalls itself (settings, dialogs, windows). */
export type EngineCalls = Pick<
  ApiCalls,
  'search' | 'highlightSentence' | 'related' | 'status' | 'previewRoot' | 'addRoots' | 'removeRoot' | 'indexFiles' | 'pauseIndexing' | 'resumeIndexing' | 'readNote'
  | 'map' | 'mapLocate'
> & {
  /** Download the default model again; `proxy` (the system's, from main) replaces the proxy variables of the environment. */
  retryModelDownload: [{ proxy?: ProxySettings } | undefined, ModelState]
  setIgnorePatterns: [{ patterns: string[] }, IndexStatus]
  /** Use the model pack in this folder (validated) and re-embed in the background. */
  useModelFolder: [{ path: string }, ModelState]
  /** Resolves a path for opening: real path inside an indexed root, else PATH_OUTSIDE_ROOTS. */
  resolveNotePath: [{ path: string }, { path: string; root: string }]
  /** The indexed notes in path order, a page at a time (the MCP and HTTP doors list them). */
  listNotes: [{ offset?: number; limit?: number }, NoteList]
  /** A note's plain text as indexed (markup stripped), a slice at a time; only inside indexed roots, size-capped. */
  readNoteText: [{ path: string; offset?: number; maxChars?: number }, NoteText]
  /** How faithful the map is to the vectors (computing the map first when needed): `semnote map --stats`. */
  mapStats: [void, MapQuality]
}

/** One page of the indexed notes. */
export interface NoteList {
  notes: { path: string; root: string; mtime: number; size: number; chunks: number }[]
  /** All indexed notes. */
  total: number
  offset: number
}

/** A slice of a note's plain text. */
export interface NoteText {
  path: string
  root: string
  title: string
  ext: string
  mtime: number
  /** File size in bytes. */
  size: number
  /** text = the note's plain text from `offset` (UTF-16 code units), at most maxChars long. */
  text: string
  offset: number
  totalChars: number
  /** Where the next slice starts; null when this one reaches the end. */
  nextOffset: number | null
}

export type EngineCallName = keyof EngineCalls

export interface EngineEvents {
  status: IndexStatus
  progress: IndexProgress
  model: ModelState
  mapProgress: MapProgressEvent
}

export type EngineEventName = keyof EngineEvents

/** Messages on the port between main and the engine host. */
export type HostRequest = { id: number; call: EngineCallName; arg: unknown }
export type HostReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SemnoteErrorData }
export type HostEvent = { event: EngineEventName; payload: unknown }
export type HostMessage = HostReply | HostEvent | { ready: true }
