// A scriptable stand-in for window.semnote (the preload bridge) for renderer component tests.
import { API_CALL_NAMES, type ApiCallName, type ApiCalls, type ApiEventName, type ApiEvents, type SemnoteApi } from '../../src/shared/api'
import { DEFAULT_SETTINGS, type IndexStatus, type NoteHit, type Passage, type SearchRequest, type SearchResponse } from '../../src/shared/types'

type Handler<K extends ApiCallName> = (arg: ApiCalls[K][0]) => Promise<ApiCalls[K][1]> | ApiCalls[K][1]
type Handlers = { [K in ApiCallName]: Handler<K> }

export interface RecordedCall {
  name: ApiCallName
  arg: unknown
}

export const ROOT = '/home/ada/notes'

/** A status with the given roots (default: one watched root) and an idle, ready engine. */
export function makeStatus(overrides: Partial<IndexStatus> = {}): IndexStatus {
  return {
    roots: [{ path: ROOT, state: 'watching', files: 3, chunks: 12 }],
    files: 3,
    chunks: 12,
    skipped: [],
    model: { state: 'ready', id: 'test-model', dimension: 8 },
    progress: { phase: 'idle', filesDone: 3, filesTotal: 3, chunksDone: 12, chunksPerSecond: 0, etaSeconds: null },
    health: 'ok',
    diskBytes: 1024,
    ...overrides
  }
}

/** A hit whose passage is `text`, with optional highlight ranges. */
export function makeHit(name: string, text: string, extra: Partial<NoteHit> = {}, passage: Partial<Passage> = {}): NoteHit {
  return {
    path: `${ROOT}/${name}.md`,
    root: ROOT,
    title: name,
    ext: 'md',
    mtime: Date.UTC(2026, 0, 5),
    size: text.length,
    score: 1,
    strong: true,
    reasons: ['keyword'],
    passage: { chunkId: `${name}#0`, text, heading: '', lineStart: 1, lineEnd: 2, highlights: [], ...passage },
    morePassages: [],
    ...extra
  }
}

/** A search response for `request` carrying `hits`. */
export function respond(request: SearchRequest, hits: NoteHit[]): SearchResponse {
  return { query: request.query, mode: request.mode ?? 'hybrid', hits, total: hits.length, offset: request.offset ?? 0, tookMs: 1, semanticAvailable: true }
}

/** Creates the fake bridge; replace entries of `handlers` to script answers, read `calls` to assert. */
export function createFakeApi(platform: SemnoteApi['platform'] = 'linux', windowKind: SemnoteApi['windowKind'] = 'main') {
  const calls: RecordedCall[] = []
  const listeners = new Map<ApiEventName, Set<(payload: never) => void>>()
  let settings = { ...DEFAULT_SETTINGS }
  const handlers: Handlers = {
    search: (request) => respond(request, []),
    highlightSentence: () => null,
    related: () => [],
    status: () => makeStatus(),
    previewRoot: ({ path }) => ({ path, files: 42, ignored: 3, ignoreRules: ['.git/', 'node_modules/'], sample: [`${path}/a.md`] }),
    addRoots: () => makeStatus(),
    removeRoot: () => makeStatus({ roots: [] }),
    indexFiles: () => makeStatus(),
    pauseIndexing: () => ({ phase: 'paused', filesDone: 1, filesTotal: 3, chunksDone: 4, chunksPerSecond: 0, etaSeconds: null }),
    resumeIndexing: () => ({ phase: 'indexing', filesDone: 1, filesTotal: 3, chunksDone: 4, chunksPerSecond: 2, etaSeconds: 5 }),
    readNote: ({ path }) => ({ path, title: 'Note', ext: 'md', text: '# Note\n\nBody text.', mtime: 0 }),
    openNote: () => undefined,
    revealNote: () => undefined,
    getSettings: () => settings,
    updateSettings: (patch) => {
      settings = { ...settings, ...patch }
      return settings
    },
    chooseFolder: () => '/home/ada/new-notes',
    retryModelDownload: () => ({ state: 'downloading', id: 'test-model', receivedBytes: 0, totalBytes: 100 }),
    chooseModelFolder: () => ({ state: 'ready', id: 'test-model', dimension: 8 }),
    hidePopup: () => undefined,
    addSampleNotes: () => makeStatus(),
    shellStatus: () => ({ hotkey: { accelerator: settings.hotkey, state: settings.hotkey ? 'live' : 'off' }, wayland: false, tray: true, toggleCommand: 'semnote --toggle' }),
    map: () => ({ state: 'unavailable', reason: 'no-notes' }),
    mapLocate: () => null
  }

  const api = {
    platform,
    windowKind,
    pathForFile: (file: File) => `/dropped/${file.name}`,
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (payload: never) => void)
      listeners.set(event, set)
      return () => set.delete(listener as (payload: never) => void)
    }
  } as Record<string, unknown>
  for (const name of API_CALL_NAMES) {
    api[name] = async (arg?: unknown) => {
      calls.push({ name, arg })
      return (handlers[name] as (a: unknown) => unknown)(arg)
    }
  }

  /** Delivers an event to every listener. */
  function emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void {
    for (const listener of listeners.get(event) ?? []) (listener as (p: ApiEvents[E]) => void)(payload)
  }

  const callsOf = (name: ApiCallName) => calls.filter((c) => c.name === name).map((c) => c.arg)
  return { api: api as unknown as SemnoteApi, handlers, calls, callsOf, emit }
}

/** A promise with its resolve function exposed, to answer calls out of order. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}
