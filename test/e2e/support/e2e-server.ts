// E2E server on 127.0.0.1: serves the built renderer and exposes the REAL engine over HTTP/JSON (POST /call/<name>, events as SSE).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import type { ApiCallName, ApiEventName, ApiEvents } from '../../../src/shared/api'
import { SemnoteError } from '../../../src/shared/errors'
import { DEFAULT_SETTINGS, type Settings, type ShellStatus } from '../../../src/shared/types'
import type { Engine } from '../../../src/main/engine/engine'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2'
}

export interface E2eServer {
  origin: string
  /** Every call the renderer made, in order (name and argument). */
  calls: { name: string; arg: unknown }[]
  /** What the next chooseFolder call answers (the native picker stand-in). */
  nextChosenFolder: string | null
  settings: Settings
  /** What shellStatus answers (the shortcut's state and the desktop's abilities as main would report them). */
  shell: ShellStatus
  /** Sends an event to every page, as main does to its windows. */
  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void
  close(): Promise<void>
}

/** Starts the server; `samplesDir` is what addSampleNotes adds (main does the same with resources/samples). */
export async function startE2eServer(
  engine: Engine,
  staticDir: string,
  samplesDir: string,
  /** Side effects main applies for a settings change before saving it (e.g. starting the Local API); a throw refuses it. */
  applySettings: (patch: Partial<Settings>) => Promise<void> = async () => undefined
): Promise<E2eServer> {
  const streams = new Set<ServerResponse>()
  const send = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => {
    const data = `data: ${JSON.stringify({ event, payload })}\n\n`
    for (const stream of streams) stream.write(data)
  }
  const unsubscribers = [
    engine.on('status', (p) => send('status', p)),
    engine.on('progress', (p) => send('progress', p)),
    engine.on('model', (p) => send('model', p)),
    engine.on('mapProgress', (p) => send('mapProgress', p))
  ]

  const state: E2eServer = {
    origin: '',
    calls: [],
    nextChosenFolder: null,
    settings: { ...DEFAULT_SETTINGS },
    shell: { hotkey: { accelerator: DEFAULT_SETTINGS.hotkey, state: 'live' }, wayland: false, tray: true, toggleCommand: 'semnote --toggle' },
    emit: send,
    close: async () => {
      unsubscribers.forEach((off) => off())
      for (const stream of streams) stream.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }

  /** What main does for each call, with the engine standing in for the utilityProcess. */
  const handlers: Record<ApiCallName, (arg: never) => Promise<unknown>> = {
    search: (arg) => engine.call('search', arg),
    highlightSentence: (arg) => engine.call('highlightSentence', arg),
    related: (arg) => engine.call('related', arg),
    status: () => engine.call('status', undefined),
    previewRoot: (arg) => engine.call('previewRoot', arg),
    addRoots: (arg) => engine.call('addRoots', arg),
    removeRoot: (arg) => engine.call('removeRoot', arg),
    indexFiles: (arg) => engine.call('indexFiles', arg),
    pauseIndexing: () => engine.call('pauseIndexing', undefined),
    resumeIndexing: () => engine.call('resumeIndexing', undefined),
    readNote: (arg) => engine.call('readNote', arg),
    openNote: async (arg: { path: string }) => void (await engine.call('resolveNotePath', { path: arg.path })),
    revealNote: async (arg: { path: string }) => void (await engine.call('resolveNotePath', { path: arg.path })),
    getSettings: async () => state.settings,
    updateSettings: async (patch: Partial<Settings>) => {
      await applySettings(patch)
      state.settings = { ...state.settings, ...patch }
      if (patch.ignorePatterns) await engine.call('setIgnorePatterns', { patterns: patch.ignorePatterns })
      send('settings', state.settings)
      return state.settings
    },
    chooseFolder: async () => state.nextChosenFolder,
    retryModelDownload: () => engine.call('retryModelDownload', undefined),
    chooseModelFolder: async () => (await engine.call('status', undefined)).model,
    hidePopup: async () => undefined,
    addSampleNotes: () => engine.call('addRoots', { paths: [samplesDir] }),
    shellStatus: async () => state.shell,
    map: (arg) => engine.call('map', arg),
    mapLocate: (arg) => engine.call('mapLocate', arg)
  }

  async function handleCall(name: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const { arg } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { arg?: unknown }
    state.calls.push({ name, arg })
    let reply: unknown
    try {
      const handler = handlers[name as ApiCallName]
      if (!handler) throw new SemnoteError('INVALID_PAYLOAD', `Unknown call ${name}`)
      reply = { ok: true, value: (await handler(arg as never)) ?? null }
    } catch (error) {
      const code = error instanceof SemnoteError ? error.code : 'INTERNAL'
      reply = { ok: false, error: { code, message: (error as Error).message } }
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply))
  }

  async function serveStatic(urlPath: string, response: ServerResponse): Promise<void> {
    const relative = normalize(decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)).replace(/^([/\\])+/, '')
    const file = join(staticDir, relative)
    if (!file.startsWith(staticDir + sep)) return void response.writeHead(403).end()
    try {
      const body = await readFile(file)
      response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(body)
    } catch {
      response.writeHead(404).end()
    }
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (request.method === 'POST' && url.pathname.startsWith('/call/')) return void handleCall(url.pathname.slice(6), request, response)
    if (url.pathname === '/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
      response.write(': connected\n\n')
      streams.add(response)
      request.on('close', () => streams.delete(response))
      return
    }
    void serveStatic(url.pathname, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return state
}
