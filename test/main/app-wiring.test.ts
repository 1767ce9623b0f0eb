// The app entry (src/main/index.ts) with electron mocked: single instance, sandbox, IPC registration, engine host spawn,
// event broadcast, --toggle from a second launch, crash reporting and a clean quit. Stands in for launching the app here.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { API_CALL_NAMES, callChannel, eventChannel } from '../../src/shared/api'
import { decodeEngineOptions } from '../../src/main/host/messages'

const fake = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events')
  const { FakeBrowserWindow } = (await import('./fake-electron')).fakeWindowClasses({ startLoading: false })
  const windows = FakeBrowserWindow.created
  const app = Object.assign(new EventEmitter(), {
    userData: '',
    isPackaged: false,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    getPath: () => app.userData,
    setPath: vi.fn(),
    getAppPath: () => process.cwd(),
    whenReady: () => Promise.resolve(),
    setLoginItemSettings: vi.fn()
  })
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>()
  const children: (InstanceType<typeof EventEmitter> & { posted: unknown[]; args: string[]; modulePath: string })[] = []
  const shortcuts: string[] = []
  const trays: { tooltip: string }[] = []
  return {
    app,
    windows,
    ipcHandlers,
    children,
    shortcuts,
    trays,
    module: {
      app,
      BrowserWindow: FakeBrowserWindow,
      screen: {
        getCursorScreenPoint: () => ({ x: 0, y: 0 }),
        getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
        getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]
      },
      ipcMain: {
        handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) => ipcHandlers.set(channel, listener),
        removeHandler: (channel: string) => ipcHandlers.delete(channel)
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: vi.fn(),
          setPermissionCheckHandler: vi.fn(),
          setDevicePermissionHandler: vi.fn(),
          webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() }
        }
      },
      globalShortcut: {
        register: (accelerator: string) => (shortcuts.push(accelerator), true),
        unregister: vi.fn(),
        unregisterAll: vi.fn()
      },
      utilityProcess: {
        fork: (modulePath: string, args: string[]) => {
          const child = Object.assign(new EventEmitter(), { posted: [] as unknown[], args, modulePath, kill: () => child.emit('exit', null) })
          ;(child as unknown as { postMessage: (m: unknown) => void }).postMessage = (message: unknown) => child.posted.push(message)
          children.push(child)
          return child
        }
      },
      Tray: class {
        tooltip = ''
        constructor() {
          trays.push(this)
        }
        on() {}
        setToolTip(text: string) {
          this.tooltip = text
        }
        setContextMenu() {}
        destroy() {}
      },
      Menu: { buildFromTemplate: (template: unknown) => template },
      nativeImage: { createFromBitmap: () => ({}) },
      dialog: { showMessageBox: vi.fn(async () => ({ response: 0 })), showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })) },
      shell: { openPath: vi.fn(async () => ''), openExternal: vi.fn(), showItemInFolder: vi.fn() }
    }
  }
})
vi.mock('electron', () => fake.module)

const flush = () => new Promise((resolve) => setImmediate(resolve))
const status = { roots: [], files: 0, chunks: 0, progress: { phase: 'idle', filesDone: 0, filesTotal: 0, chunksDone: 0, chunksPerSecond: 0, etaSeconds: null } }

/** Answers the engine requests the app sends (status only) like a host would. */
function answerRequests(child: (typeof fake.children)[number]) {
  for (const message of child.posted.splice(0)) {
    const request = message as { id?: number; call?: string }
    if (request.id !== undefined) child.emit('message', { id: request.id, ok: true, value: status })
  }
}

describe('app entry wiring', () => {
  /** Calls made while the app started (vitest clears mock histories before each test). */
  const startup = { sandbox: 0, singleInstance: 0, permissionHandler: 0 }

  beforeAll(async () => {
    fake.app.userData = mkdtempSync(join(tmpdir(), 'semnote-app-'))
    await import('../../src/main/index')
    await flush()
    startup.sandbox = fake.app.enableSandbox.mock.calls.length
    startup.singleInstance = fake.app.requestSingleInstanceLock.mock.calls.length
    startup.permissionHandler = fake.module.session.defaultSession.setPermissionRequestHandler.mock.calls.length
  })

  it('enforces the sandbox, takes the single-instance lock and registers one handler per call', () => {
    expect(startup.sandbox).toBeGreaterThan(0)
    expect(startup.singleInstance).toBeGreaterThan(0)
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(API_CALL_NAMES.map(callChannel).sort())
    expect(startup.permissionHandler).toBeGreaterThan(0)
  })

  it('spawns the engine host with options under userData, registers the hotkey, shows the main window and a tray', () => {
    expect(fake.children).toHaveLength(1)
    const [child] = fake.children
    expect(child.modulePath).toMatch(/engine-host\.js$/)
    const options = decodeEngineOptions(child.args)
    expect(options).toMatchObject({ dataDir: join(fake.app.userData, 'index'), modelId: 'multilingual-e5-small', watch: true })
    expect(options.modelDirs[0]).toBe(join(fake.app.userData, 'models'))
    expect(fake.shortcuts).toEqual(['CommandOrControl+Shift+Space'])
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
    expect(fake.module.globalShortcut.unregisterAll).toHaveBeenCalled()
    expect(fake.app.quit).not.toHaveBeenCalled()
    expect(child.posted).toContainEqual({ shutdown: true })
    child.emit('exit', 0)
    await expect.poll(() => fake.app.quit.mock.calls.length).toBe(1)
  })
})
