// Domain types shared by the engine, the Electron main process, the preload bridge and the renderer.
import type { SemnoteErrorData } from './errors'

/** How a query is matched: both legs fused (default), embeddings only, or full-text only. */
export type SearchMode = 'hybrid' | 'semantic' | 'keyword'

export const SEARCH_MODES: readonly SearchMode[] = ['hybrid', 'semantic', 'keyword']

/** Filters apply to both the vector and the full-text leg. Dates are epoch milliseconds. */
export interface SearchFilters {
  /** Only notes under these watched roots (absolute paths). */
  roots?: string[]
  /** Only notes whose absolute path starts with this prefix. */
  pathPrefix?: string
  /** Only these file extensions, lower-case, without the dot: ["md", "txt"]. */
  extensions?: string[]
  modifiedAfter?: number
  modifiedBefore?: number
  /** Only notes carrying one of these tags (no "#", case-insensitive); a tag also matches its nested tags ("area" finds "area/sub"). */
  tags?: string[]
}

export interface SearchRequest {
  query: string
  mode?: SearchMode
  filters?: SearchFilters
  /** Notes per page (default 20, max 100). */
  limit?: number
  /** Notes to skip, for paging. */
  offset?: number
  /**
   * Find the sentence closest in meaning for a hit that shares no word with the query (one model call while the search
   * waits; default true). The app passes false and asks `highlightSentence` for the hit it shows.
   */
  scoreSentences?: boolean
}

/** A span of a text as UTF-16 offsets [start, end). */
export interface TextSpan {
  start: number
  end: number
}

/** A highlighted span inside `Passage.text`, as UTF-16 offsets [start, end). */
export interface HighlightRange extends TextSpan {
  /** `term`: a query term matched literally; `sentence`: the sentence closest in meaning. */
  kind: 'term' | 'sentence'
}

export interface Passage {
  chunkId: string
  /** The passage as it appears in the note (markup stripped), to show in results. */
  text: string
  /** Heading path, e.g. "Travel > Tokyo". Empty when the passage is above any heading. */
  heading: string
  /** 1-based line numbers in the source file. */
  lineStart: number
  lineEnd: number
  /** 1-based page of a PDF passage; its lines then count within that page's text. Absent for notes without pages. */
  page?: number
  highlights: HighlightRange[]
}

/** Why a note matched: the query's own words (`keyword`), their translations into the note's language (`translated`), meaning (`semantic`). */
export type MatchReason = 'keyword' | 'translated' | 'semantic'

/** One note in the results, with its best passage. */
export interface NoteHit {
  path: string
  root: string
  title: string
  /** Extension, lower-case, without the dot. */
  ext: string
  mtime: number
  size: number
  /** Relative score in [0, 1]: 1 for the best hit of this query. */
  score: number
  /** Above the relevance fold: one of this query's strong matches (the rest are listed folded as weaker matches). */
  strong: boolean
  reasons: MatchReason[]
  /** The note's tags (front matter and inline #tags), absent when it has none. */
  tags?: string[]
  passage: Passage
  /** Further matching passages of the same note, best first. */
  morePassages: Passage[]
}

export interface SearchResponse {
  query: string
  mode: SearchMode
  hits: NoteHit[]
  /** Number of matching notes available for paging (at least hits.length). */
  total: number
  offset: number
  tookMs: number
  /** False when the model is missing: the query ran as keyword search. */
  semanticAvailable: boolean
}

/** Why a file was not indexed. */
export type SkipReason =
  | 'binary'
  | 'too-large'
  | 'unreadable'
  | 'vanished'
  | 'unsupported-type'
  | 'symlink-loop'
  | 'not-a-file'
  /** A document without text to index, e.g. a scanned PDF ("no text layer (scanned)"). */
  | 'no-text'
  /** A password-protected document. */
  | 'encrypted'
  /** Past a safety limit while being read: time, memory, page count or unpacked size (zip bombs). */
  | 'limit'
  | 'error'

export interface SkippedFile {
  path: string
  reason: SkipReason
  /** Human-readable detail, e.g. "52.4 MB exceeds the 20 MB limit". */
  detail: string
  at: number
}

/** A file that was indexed, but not cleanly (e.g. invalid bytes replaced, an empty file indexed by its name). */
export interface FileWarning {
  path: string
  detail: string
  at: number
}

/**
 * `indexed`: the folder is there and indexed, but no process watches it for changes. `polling`: it cannot be watched live
 * (the system ran out of inotify watches) and is rescanned at an interval; `notice` says why and how to fix it.
 */
export type RootState = 'scanning' | 'watching' | 'polling' | 'indexed' | 'missing' | 'error'

export interface RootStatus {
  path: string
  state: RootState
  files: number
  chunks: number
  error?: string
  /** Something worth knowing that is not an error, e.g. why the folder is rescanned instead of watched. */
  notice?: string
}

/** The process indexing into a data dir, as the lock file and its published activity tell. */
export interface IndexerProcess {
  pid: number
  /** Its command line, e.g. "semnote index ~/notes --watch". */
  command: string
  /** When it took the lock (epoch ms). */
  since: number
  /** True when it watches its folders for changes. */
  watching: boolean
}

export type IndexPhase = 'idle' | 'scanning' | 'indexing' | 'paused'

export interface IndexProgress {
  phase: IndexPhase
  filesDone: number
  filesTotal: number
  chunksDone: number
  chunksPerSecond: number
  /** Estimated seconds left, null while unknown. */
  etaSeconds: number | null
  currentFile?: string
}

/** Where the embedding model stands. Without a ready model, search falls back to keyword mode. */
export type ModelState =
  | { state: 'ready'; id: string; dimension: number }
  | { state: 'loading'; id: string }
  | { state: 'missing'; id: string; reason: string }
  | { state: 'downloading'; id: string; receivedBytes: number; totalBytes: number }
  | { state: 'failed'; id: string; error: string }

/** `stopped`: indexing waits for a storage fault to clear (disk full, read-only); `fault` says which and what to do. */
export type IndexHealth = 'ok' | 'rebuilding' | 'damaged' | 'stopped'

export interface IndexStatus {
  roots: RootStatus[]
  files: number
  chunks: number
  skipped: SkippedFile[]
  /** Files indexed with a problem worth knowing about (additive; absent from older engines). */
  warnings?: FileWarning[]
  model: ModelState
  progress: IndexProgress
  health: IndexHealth
  /** Why health is not ok, e.g. "index folder was corrupt; rebuilt from notes". */
  healthDetail?: string
  /** The storage fault that stopped indexing (health `stopped`), with the fix in its message; retried by itself. */
  fault?: SemnoteErrorData
  /** Another process that holds the index's write lock (seen from a process that only reads, e.g. `semnote status`). */
  indexer?: IndexerProcess
  diskBytes: number
  /** Notes per tag, most used first (additive; absent from older engines). */
  tags?: TagCount[]
}

/** What adding a folder would do, shown before the user confirms. */
export interface RootPreview {
  path: string
  files: number
  ignored: number
  /** The ignore rules in force (defaults, .semnoteignore, user patterns). */
  ignoreRules: string[]
  /** A few of the files that would be indexed. */
  sample: string[]
}

/** A note's full text for the preview pane. */
export interface NoteContent {
  path: string
  title: string
  ext: string
  /** The source text; for documents (PDF, Word, EPUB, OpenDocument) the extracted text, for a PDF the text of `page`. */
  text: string
  mtime: number
  /** PDF: the page `text` holds (1-based) and how many pages the document has. */
  page?: number
  pageCount?: number
}

/** How many notes carry a tag (nested tags counted under their own name). */
export interface TagCount {
  tag: string
  notes: number
}

export type ThemeSetting = 'system' | 'light' | 'dark'
export type UiLanguage = 'system' | 'en' | 'zh-CN' | 'ja'

export interface Settings {
  roots: string[]
  /** gitignore-style patterns applied to every root. */
  ignorePatterns: string[]
  /** Electron accelerator for the quick-search popup. */
  hotkey: string
  theme: ThemeSetting
  language: UiLanguage
  launchAtLogin: boolean
  /** Model pack id to use; the default pack unless the user chose another. */
  modelId: string
  resultsPerPage: number
  /** Command to open a note at a line, with {file}, {line} (and {page}) placeholders; empty = system default app. */
  editorCommand: string
  /** Command to open a PDF at a page, with {file} and {page} placeholders (e.g. `evince -p {page} {file}`); empty = the default app. */
  pdfViewerCommand: string
  /** Allow remote images in the preview pane. */
  allowRemoteImages: boolean
  /** Serve the local HTTP API on 127.0.0.1 (token-protected) while the app runs; off by default. */
  localApi: boolean
  /** Worker threads that read, extract, chunk and tokenize notes while indexing; 0 = automatic (from the cores). */
  indexingThreads: number
}

export const DEFAULT_SETTINGS: Settings = {
  roots: [],
  ignorePatterns: [],
  hotkey: 'CommandOrControl+Shift+Space',
  theme: 'system',
  language: 'system',
  launchAtLogin: false,
  modelId: 'multilingual-e5-small',
  resultsPerPage: 20,
  editorCommand: '',
  pdfViewerCommand: '',
  allowRemoteImages: false,
  localApi: false,
  indexingThreads: 0
}

/**
 * Whether the quick-search shortcut works, as far as the app can tell: `live` (the OS granted it), `unconfirmed` (handed
 * to the Wayland desktop portal, which may refuse it without saying), `failed` (taken or refused), `off` (none set).
 */
export type HotkeyState = 'live' | 'unconfirmed' | 'failed' | 'off'

/** What the desktop shell can and cannot do here, for the settings screen to show the ways that work. */
export interface ShellStatus {
  hotkey: { accelerator: string; state: HotkeyState; detail?: string }
  /** A Linux Wayland session: global shortcuts and window placement are up to the desktop. */
  wayland: boolean
  /** False where the desktop shows no tray icons (stock GNOME): a window or a notification is the way back. */
  tray: boolean
  /** The command line that shows or hides the quick-search popup, to bind in the desktop's keyboard settings. */
  toggleCommand: string
}
