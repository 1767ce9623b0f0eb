// The app entry (src/main/index.ts) with electron mocked: single instance, sandbox, IPC registration, engine host spawn,
// event broadcast, --toggle from a second launch, crash reporting and a clean quit. Stands in for launching the app here.
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { API_CALL_NAMES, callChannel, eventChannel } from '../../src/shared/api'
import { decodeEngineOptions } from '../../src/main/host/messages'
import type { FakeElectron } from './fake-electron'
import { answerEngine, flush, launchApp, restoreLaunchEnvironment } from './launch-app'

const electron = await vi.hoisted(async () => (await import('./fake-electron')).swappableFakeElectron())
vi.mock('electron', () => electron.module)
afterAll(restoreLaunchEnvironment)

const status = { roots: [], files: 0, chunks: 0, progress: { phase: 'idle', filesDone: 0, filesTotal: 0, chunksDone: 0, chunksPerSecond: 0, etaSeconds: null } }

/** Answers the engine requests the app sends (status only) like a host would. */
const answerRequests = (child: FakeElectron['children'][number]) => answerEngine(child, () => status)

describe('app entry wiring', () => {
  /** Calls made while the app started. */
  const startup: string[] = []
  let fake: FakeElectron

  beforeAll(async () => {
    fake = await launchApp(electron.holder, { platform: 'linux' }, {
      prepare: (next) => {
        const app = next.app as unknown as Record<string, (...args: unknown[]) => unknown>
        for (const method of ['enableSandbox', 'requestSingleInstanceLock']) {
          const original = app[method]
          app[method] = (...args) => (startup.push(method), original(...args))
        }
        next.module.session.defaultSession.setPermissionRequestHandler = () => void startup.push('setPermissionRequestHandler')
      }
    })
  })

  it('enforces the sandbox, takes the single-instance lock and registers one handler per call', () => {
    expect(startup).toEqual(expect.arrayContaining(['enableSandbox', 'requestSingleInstanceLock', 'setPermissionRequestHandler']))
    expect(fake.app.listenerCount('web-contents-created')).toBe(1)
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(API_CALL_NAMES.map(callChannel).sort())
  })

  it('spawns the engine host with options under userData, registers the hotkey, shows the main window and a tray', () => {
    expect(fake.children).toHaveLength(1)
    const [child] = fake.children
    expect(child.modulePath).toMatch(/engine-host\.js$/)
    // glibc malloc tuned to give memory back and V8's young generation small (issue 19.13): the engine host starts with both.
    expect(child.options.env).toMatchObject({ MALLOC_ARENA_MAX: '2' })
    expect(child.options.execArgv).toEqual(['--max-semi-space-size=8'])
    const options = decodeEngineOptions(child.args)
    expect(options).toMatchObject({ dataDir: join(fake.app.userData, 'index'), modelId: 'multilingual-e5-small', watch: true, preloadQueryLexicon: true })
    expect(options.modelDirs[0]).toBe(join(fake.app.userData, 'models'))
    expect([...fake.shortcuts.active.keys()]).toEqual(['CommandOrControl+Shift+Space'])
    expect(fake.windows).toHaveLength(1)
    expect(fake.windows[0].url).toContain('index.html')
    expect(fake.trays).toHaveLength(1)
  })

  it('answers a call from the main window and refuses the same call from an unknown page', async () => {
    const main = fake.windows[0]
    const handler = fake.ipcHandlers.get(callChannel('getSettings'))!
    const ours = { sender: { id: main.webContents.id }, senderFrame: { url: main.url, parent: null } }
    await expect(handler(ours)).resolves.toMatchObject({ ok: true, value: { hotkey: 'CommandOrControl+Shift+Space' } })
    const foreign = { sender: { id: main.webContents.id }, senderFrame: { url: pathToFileURL('/tmp/evil.html').href, parent: null } }
    await expect(handler(foreign)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
  })

  it('broadcasts engine readiness and events to the windows and shows progress in the tray', async () => {
    const [child] = fake.children
    child.emit('message', { ready: true })
    await flush()
    answerRequests(child)
    await flush()
    child.emit('message', { event: 'progress', payload: { ...status.progress, phase: 'indexing', filesDone: 3, filesTotal: 9 } })
    const sent = fake.windows[0].webContents.sent
    expect(sent).toContainEqual([eventChannel('engineReady'), { restarted: false }])
    expect(sent.some(([channel]) => channel === eventChannel('progress'))).toBe(true)
    expect(fake.trays[0].tooltip).toBe('Semnote — Indexing 3 of 9 files')
  })

  it('shows the popup when a second launch passes --toggle', () => {
    fake.app.emit('second-instance', {}, ['semnote', '--toggle'], '/')
    expect(fake.windows).toHaveLength(2)
    expect(fake.windows[1].url).toContain('popup.html')
    expect(fake.windows[1].options).toMatchObject({ frame: false, alwaysOnTop: true })
  })

  it('reports an engine crash to the windows and restarts the host', async () => {
    fake.children[0].emit('exit', 1)
    expect(fake.windows[0].webContents.sent).toContainEqual([eventChannel('engineCrashed'), { message: 'the engine process exited (code 1)', restarting: true }])
    await expect.poll(() => fake.children.length, { timeout: 5000 }).toBe(2)
  })

  it('quits cleanly: shuts the engine down before letting the app quit', async () => {
    const child = fake.children[1]
    const event = { preventDefault: vi.fn() }
    fake.app.emit('before-quit', event)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(fake.shortcuts.active.size).toBe(0)
    expect(fake.app.quitCalls).toBe(0)
    expect(child.posted).toContainEqual({ shutdown: true })
    child.emit('exit', 0)
    await expect.poll(() => fake.app.quitCalls).toBe(1)
  })
})

describe('indexing threads setting', () => {
  it('hands a chosen count to the engine host as its prepare workers, and leaves "automatic" to the engine', async () => {
    const chosen = await launchApp(electron.holder, { platform: 'linux' }, { settings: { indexingThreads: 3 } })
    expect(decodeEngineOptions(chosen.children[0]!.args)).toMatchObject({ prepareThreads: 3 })
    const automatic = await launchApp(electron.holder, { platform: 'linux' }, { settings: { indexingThreads: 0 } })
    expect(decodeEngineOptions(automatic.children[0]!.args)).not.toHaveProperty('prepareThreads')
  })
})
