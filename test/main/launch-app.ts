// Launches the app entry (src/main/index.ts) on a fake desktop the way a user would start Semnote: fresh profile, argv, settings.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vi } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/types'
import { applyDesktop, createFakeElectron, type FakeDesktop, type FakeElectron } from './fake-electron'

/** Where the current fake lives; the test's `vi.mock('electron', ...)` forwards to `holder.current`. */
export interface FakeHolder {
  current: FakeElectron
}

export interface LaunchOptions {
  /** settings.json written into the profile before the start. */
  settings?: Partial<Settings>
  /** Reuse a profile folder (a restart). */
  userData?: string
  /** Changes to make to the fake before the app starts (shortcut outcomes, login item state, spies). */
  prepare?: (fake: FakeElectron) => void
  /** Extra environment for this launch (e.g. APPIMAGE). */
  env?: Record<string, string>
}

let restore: (() => void) | null = null

/** Lets a macrotask pass, so promise chains started by the app settle. */
export const flush = () => new Promise((resolve) => setImmediate(resolve))

/** Imports the app entry afresh on a new fake for `desktop`; resolves once start-up has run. */
export async function launchApp(holder: FakeHolder, desktop: FakeDesktop, options: LaunchOptions = {}): Promise<FakeElectron> {
  restoreLaunchEnvironment()
  const fake = createFakeElectron(desktop)
  fake.windows.length = 0
  fake.trays.length = 0
  fake.notifications.length = 0
  holder.current = fake
  fake.app.userData = options.userData ?? mkdtempSync(join(tmpdir(), 'semnote-app-'))
  if (options.settings) writeFileSync(join(fake.app.userData, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings }))
  options.prepare?.(fake)
  const restoreDesktop = applyDesktop(desktop)
  const savedEnv = Object.fromEntries(Object.keys(options.env ?? {}).map((key) => [key, process.env[key]]))
  Object.assign(process.env, options.env)
  const argv = process.argv
  process.argv = ['/opt/Semnote/semnote', ...(desktop.argv ?? [])]
  restore = () => {
    restoreDesktop()
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
  vi.resetModules()
  try {
    await import('../../src/main/index')
    await flush()
  } finally {
    process.argv = argv
  }
  return fake
}

/** Puts process.platform and the environment back (call in afterEach/afterAll). */
export function restoreLaunchEnvironment(): void {
  restore?.()
  restore = null
}

/** Answers the engine requests the app sent so far like a host would: `answer(call)` gives the value. */
export function answerEngine(child: FakeElectron['children'][number], answer: (call: string, arg: unknown) => unknown): void {
  for (const message of child.posted.splice(0)) {
    const request = message as { id?: number; call?: string; arg?: unknown }
    if (request.id !== undefined && request.call !== undefined) child.emit('message', { id: request.id, ok: true, value: answer(request.call, request.arg) })
  }
}

/** Invokes an API call as our renderer in `window` would (default: the first window the app made). */
export async function callApi(fake: FakeElectron, name: string, arg?: unknown, window = fake.windows[0]): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const handler = fake.ipcHandlers.get(`semnote:call:${name}`)
  if (!handler) throw new Error(`no IPC handler for ${name}`)
  const event = { sender: { id: window.webContents.id }, senderFrame: { url: window.url, parent: null } }
  return (arg === undefined ? handler(event) : handler(event, arg)) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>
}

/** Makes the first engine host ready, answering its start-up requests with an empty status. */
export async function engineReady(fake: FakeElectron, status: unknown): Promise<void> {
  const [child] = fake.children
  child.emit('message', { ready: true })
  await flush()
  answerEngine(child, () => status)
  await flush()
}
