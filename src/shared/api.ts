// The one API contract between the renderer and the rest of the app: every call and every event.
import type {
  IndexProgress,
  IndexStatus,
  ModelState,
  NoteContent,
  NoteHit,
  RootPreview,
  SearchMode,
  SearchRequest,
  SearchResponse,
  Settings,
  ShellStatus,
  TextSpan
} from './types'
import type { SemnoteErrorData } from './errors'
import type { MapPoint, MapProgressEvent, MapRequest, MapView } from './map'

/** Every request the renderer can make: channel name -> [argument, result]. */
export interface ApiCalls {
  search: [SearchRequest, SearchResponse]
  /**
   * The sentence of a passage's `text` closest in meaning to `query` (the tint of a hit found by meaning), asked after the
   * results are shown; null without a model or a sentence.
   */
  highlightSentence: [{ query: string; text: string }, TextSpan | null]
  related: [{ path: string; limit?: number }, NoteHit[]]
  status: [void, IndexStatus]
  previewRoot: [{ path: string }, RootPreview]
  addRoots: [{ paths: string[] }, IndexStatus]
  removeRoot: [{ path: string }, IndexStatus]
  /** Index single files (e.g. dropped on the window) without watching their folder. */
  indexFiles: [{ paths: string[] }, IndexStatus]
  pauseIndexing: [void, IndexProgress]
  resumeIndexing: [void, IndexProgress]
  /** A note's text for the preview; for a PDF the text of `page` (default 1). */
  readNote: [{ path: string; page?: number }, NoteContent]
  /** Opens in the configured editor (or the default app) at a 1-based line; a PDF in the PDF viewer at a 1-based page. */
  openNote: [{ path: string; line?: number; page?: number }, void]
  revealNote: [{ path: string }, void]
  getSettings: [void, Settings]
  updateSettings: [Partial<Settings>, Settings]
  /** Shows a native folder picker; null when cancelled. */
  chooseFolder: [void, string | null]
  retryModelDownload: [void, ModelState]
  /** Lets the user pick a folder holding a model pack. */
  chooseModelFolder: [void, ModelState]
  /** Quick-search popup only: hide it (Escape / after opening a result). */
  hidePopup: [void, void]
  /** First run: add the bundled multilingual sample notes (resources/samples) as a root. */
  addSampleNotes: [void, IndexStatus]
  /** Whether the quick-search shortcut is live, and what the desktop offers instead where it is not. */
  shellStatus: [void, ShellStatus]
  /** The map of all notes by meaning (starts computing it in the background when there is none yet). */
  map: [MapRequest, MapView]
  /** Where a query would sit on the map (placed as a new note would be); null without a map or a model. */
  mapLocate: [{ query: string }, MapPoint | null]
}

export type ApiCallName = keyof ApiCalls
export type ApiArg<K extends ApiCallName> = ApiCalls[K][0]
export type ApiResult<K extends ApiCallName> = ApiCalls[K][1]

/** Every event the renderer can receive: event name -> payload. */
export interface ApiEvents {
  status: IndexStatus
  progress: IndexProgress
  model: ModelState
  settings: Settings
  /** The engine process crashed; `restarting` says whether the supervisor will bring it back. */
  engineCrashed: { message: string; restarting: boolean }
  engineReady: { restarted: boolean }
  /** The quick-search popup was shown: focus and select the input. */
  focusSearch: void
  /** The shortcut's state or the desktop's abilities changed. */
  shellStatus: ShellStatus
  /** Popup only: search for this (a semnote://search link). */
  searchFor: { query: string; mode?: SearchMode }
  /** A map layout is being computed (progress), or is ready (`done`: ask `map` again). */
  mapProgress: MapProgressEvent
}

export type ApiEventName = keyof ApiEvents

/** The IPC reply envelope: a value or a typed error, never a thrown exception across the bridge. */
export type ApiReply<T> = { ok: true; value: T } | { ok: false; error: SemnoteErrorData }

type CallMethod<K extends ApiCallName> = ApiArg<K> extends void
  ? () => Promise<ApiResult<K>>
  : (arg: ApiArg<K>) => Promise<ApiResult<K>>

/**
 * `window.semnote` as the preload exposes it. Calls reject with an Error whose `code`
 * is an ErrorCode. `pathForFile` resolves a dropped File to its absolute path.
 */
export type SemnoteApi = { [K in ApiCallName]: CallMethod<K> } & {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void
  pathForFile(file: File): string
  /** Which window this is. */
  readonly windowKind: 'main' | 'popup'
  readonly platform: 'darwin' | 'win32' | 'linux' | 'other'
}

/** IPC channel names, prefixed so they cannot collide with Electron's own. */
export const callChannel = (name: ApiCallName): string => `semnote:call:${name}`
export const eventChannel = (name: ApiEventName): string => `semnote:event:${name}`

/** The call names, as a runtime list (kept in sync with ApiCalls by the type below). */
export const API_CALL_NAMES = [
  'search',
  'highlightSentence',
  'related',
  'status',
  'previewRoot',
  'addRoots',
  'removeRoot',
  'indexFiles',
  'pauseIndexing',
  'resumeIndexing',
  'readNote',
  'openNote',
  'revealNote',
  'getSettings',
  'updateSettings',
  'chooseFolder',
  'retryModelDownload',
  'chooseModelFolder',
  'hidePopup',
  'addSampleNotes',
  'shellStatus',
  'map',
  'mapLocate'
] as const satisfies readonly ApiCallName[]

export const API_EVENT_NAMES = [
  'status',
  'progress',
  'model',
  'settings',
  'engineCrashed',
  'engineReady',
  'focusSearch',
  'shellStatus',
  'searchFor',
  'mapProgress'
] as const satisfies readonly ApiEventName[]

// Compile-time check that the runtime lists name every call and event.
type Missing<All, Listed> = Exclude<All, Listed>
const _allCallsListed: Missing<ApiCallName, (typeof API_CALL_NAMES)[number]> extends never ? true : never = true
const _allEventsListed: Missing<ApiEventName, (typeof API_EVENT_NAMES)[number]> extends never ? true : never = true
export const API_LISTS_COMPLETE = _allCallsListed && _allEventsListed
