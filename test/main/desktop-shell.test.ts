// The app on the desktops it will meet (fake electron per platform): the shortcut on Wayland and when another app holds it,
// the tray menu while indexing, GNOME without a tray, launch at login on macOS, shutdown and logoff.
import { afterAll, describe, expect, it, vi } from 'vitest'
import { eventChannel } from '../../src/shared/api'
import type { ShellStatus } from '../../src/shared/types'
import { answerEngine, callApi, engineReady, flush, launchApp, restoreLaunchEnvironment } from './launch-app'

const electron = await vi.hoisted(async () => (await import('./fake-electron')).swappableFakeElectron())
vi.mock('electron', () => electron.module)
afterAll(restoreLaunchEnvironment)

const HOTKEY = 'CommandOrControl+Shift+Space'
const idle = { phase: 'idle', filesDone: 0, filesTotal: 0, chunksDone: 0, chunksPerSecond: 0, etaSeconds: null }
const status = { roots: [], files: 0, chunks: 0, skipped: [], model: { state: 'ready', id: 'm', dimension: 4 }, progress: idle, health: 'ok', diskBytes: 0 }
const indexing = (done: number) => ({ ...idle, phase: 'indexing', filesDone: done, filesTotal: 5000, chunksDone: done * 3, chunksPerSecond: 900, etaSeconds: 40 })

async function shellStatus(fake: Awaited<ReturnType<typeof launchApp>>): Promise<ShellStatus> {
  const reply = await callApi(fake, 'shellStatus')
  expect(reply.ok).toBe(true)
  return reply.value as ShellStatus
}

describe('1. the quick-search shortcut', () => {
  it('on Wayland, asks for the desktop portal and names the app by its .desktop id before the app is ready', async () => {
    const fake = await launchApp(electron.holder, { platform: 'linux', wayland: true, currentDesktop: 'KDE' })
    expect(fake.commandLineSwitches.get('enable-features')).toContain('GlobalShortcutsPortal')
    expect(fake.app.desktopName).toBe('app.semnote.Semnote.desktop')
    expect(fake.shortcuts.press(HOTKEY)).toBe(true)
    // The portal may still refuse the bind without telling the app: the settings say so and offer the command.
    const shell = await shellStatus(fake)
    expect(shell).toMatchObject({ wayland: true, hotkey: { accelerator: HOTKEY, state: 'unconfirmed' } })
    expect(shell.toggleCommand).toMatch(/--toggle$/)
  })

  it('reports a shortcut another app holds (register "silently fails") as not live, and keeps saying so while indexing', async () => {
    const fake = await launchApp(electron.holder, { platform: 'linux' }, { prepare: (next) => next.shortcuts.outcomes.set(HOTKEY, 'silent') })
    expect(fake.shortcuts.press(HOTKEY)).toBe(false)
    expect((await shellStatus(fake)).hotkey).toMatchObject({ accelerator: HOTKEY, state: 'failed' })
    await engineReady(fake, status)
    for (let done = 1; done <= 3; done++) fake.children[0].emit('message', { event: 'progress', payload: indexing(done) })
    expect(fake.trays[0].tooltip).toContain('shortcut')
    expect(fake.trays[0].menu!.labels().join('\n')).toMatch(/shortcut/i)
  })

  it('tells the windows when the shortcut state changes', async () => {
    const fake = await launchApp(electron.holder, { platform: 'linux' }, { prepare: (next) => next.shortcuts.outcomes.set('Alt+Space', 'silent') })
    const reply = await callApi(fake, 'updateSettings', { hotkey: 'Alt+Space' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'HOTKEY_CONFLICT' } })
    expect(fake.shortcuts.press(HOTKEY)).toBe(true)
    expect(await callApi(fake, 'updateSettings', { hotkey: '' })).toMatchObject({ ok: true })
    expect(fake.windows[0].webContents.sentOn(eventChannel('shellStatus')).at(-1)).toMatchObject({ hotkey: { state: 'off' } })
  })
})

describe('4. the tray', () => {
  it('keeps an open tray menu while indexing progresses, so "Pause indexing" can be clicked', async () => {
    const fake = await launchApp(electron.holder, { platform: 'win32' })
    await engineReady(fake, status)
    const child = fake.children[0]
    child.emit('message', { event: 'progress', payload: indexing(1) })
    const menu = fake.trays[0].openMenu()!
    for (let done = 2; done <= 25; done++) child.emit('message', { event: 'progress', payload: indexing(done) })
    expect(fake.trays[0].replacedWhileOpen).toBe(0)
    expect(fake.trays[0].tooltip).toContain('25')
    expect(menu.click('Pause indexing')).toBe(true)
    expect(child.posted).toContainEqual(expect.objectContaining({ call: 'pauseIndexing' }))
  })

  it('on GNOME (no tray), a start with --hidden leaves a notification that opens the window', async () => {
    const fake = await launchApp(electron.holder, { platform: 'linux', wayland: true, currentDesktop: 'GNOME', argv: ['--hidden'] })
    expect(fake.trays.every((tray) => !tray.shown)).toBe(true)
    expect(fake.windows.filter((w) => w.visible)).toHaveLength(0)
    expect(fake.notifications).toHaveLength(1)
    fake.notifications[0].click()
    const main = fake.windows.find((w) => w.url.includes('index.html'))!
    main.finishLoading()
    expect(main.visible).toBe(true)
    expect((await shellStatus(fake)).tray).toBe(false)
  })

  it('on GNOME, closing the main window says once how to come back', async () => {
    const fake = await launchApp(electron.holder, { platform: 'linux', currentDesktop: 'GNOME' })
    fake.windows[0].close()
    expect(fake.notifications).toHaveLength(1)
    expect(fake.notifications[0].options.body).toMatch(/Ctrl\+Shift\+Space/)
    fake.app.emit('second-instance', {}, ['semnote'], '/')
    fake.windows[1].close()
    expect(fake.notifications).toHaveLength(1)
  })

  it('with a tray, --hidden shows neither a window nor a notification', async () => {
    const fake = await launchApp(electron.holder, { platform: 'linux', currentDesktop: 'KDE', argv: ['--hidden'] })
    expect(fake.windows).toHaveLength(0)
    expect(fake.notifications).toHaveLength(0)
  })
})

describe('5. launch at login', () => {
  it('on macOS, an app opened at login stays in the menu bar (the --hidden argument is Windows-only)', async () => {
    const fake = await launchApp(electron.holder, { platform: 'darwin' }, { prepare: (next) => (next.app.loginItem = { openAtLogin: true, wasOpenedAtLogin: true }) })
    expect(fake.windows).toHaveLength(0)
  })

  it('on macOS, an ordinary start opens the main window', async () => {
    const fake = await launchApp(electron.holder, { platform: 'darwin' }, { prepare: (next) => (next.app.loginItem = { openAtLogin: true, wasOpenedAtLogin: false }) })
    expect(fake.windows).toHaveLength(1)
  })
})

describe('9. shutdown and logoff', () => {
  it('on Windows, a session end (no before-quit is emitted) stops the engine cleanly', async () => {
    const fake = await launchApp(electron.holder, { platform: 'win32' })
    const child = fake.children[0]
    fake.windows[0].emit('session-end', { reasons: ['logoff'], preventDefault: () => undefined })
    expect(child.posted).toContainEqual({ shutdown: true })
    child.emit('exit', 0)
    await flush()
    expect(fake.app.quitCalls).toBeGreaterThan(0)
  })

  it('on Linux and macOS, a system shutdown is delayed until the engine has closed', async () => {
    const fake = await launchApp(electron.holder, { platform: 'linux' })
    const child = fake.children[0]
    const event = { preventDefault: vi.fn() }
    fake.powerMonitor.emit('shutdown', event)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(child.posted).toContainEqual({ shutdown: true })
    answerEngine(child, () => status)
    child.emit('exit', 0)
    await flush()
    expect(fake.app.quitCalls).toBeGreaterThan(0)
  })
})
