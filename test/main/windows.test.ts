// Windows with electron mocked: hardening flags, navigation/window.open/permission denial, CSP header, popup placement and toggling.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyDesktop, createFakeElectron, type FakeDesktop } from './fake-electron'

/** The fake electron of the current test (a fresh one per test; `useDesktop` switches the platform). */
const electron = await vi.hoisted(async () => (await import('./fake-electron')).swappableFakeElectron())

vi.mock('electron', () => electron.module)

let restoreDesktop: (() => void) | null = null
/** Starts a fresh fake electron on `desktop` (and points process.platform / the session variables at it). */
function useDesktop(desktop: FakeDesktop) {
  restoreDesktop?.()
  electron.holder.current = createFakeElectron(desktop)
  electron.holder.current.windows.length = 0
  restoreDesktop = applyDesktop(desktop)
  return electron.holder.current
}

import { AppWindows, mainWindowOptions, popupWindowOptions, POPUP_SIZE } from '../../src/main/windows/app-windows'
import { CONTENT_SECURITY_POLICY, hardenSession, hardenWebContents, secureWebPreferences, webRequestAllowed, WEB_URL_PATTERNS, type RequestDetails } from '../../src/main/windows/security'

const HARDENING = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false
}

function makeWindows() {
  return new AppWindows({ preload: '/app/out/preload/index.js', rendererDir: '/app/out/renderer', windowStateFile: '/nonexistent/window-state.json' })
}

beforeEach(() => {
  useDesktop({ platform: 'linux' })
})
afterEach(() => {
  restoreDesktop?.()
  restoreDesktop = null
})

const created = () => electron.holder.current.windows

describe('window options', () => {
  it('main and popup windows carry every hardening flag and our preload', () => {
    for (const options of [mainWindowOptions('/p.js'), popupWindowOptions('/p.js')]) {
      expect(options.webPreferences).toMatchObject({ ...HARDENING, preload: '/p.js' })
      expect(options.show).toBe(false)
    }
    expect(secureWebPreferences('/p.js', 'popup').additionalArguments).toEqual(['--semnote-window=popup'])
    expect(popupWindowOptions('/p.js')).toMatchObject({ frame: false, alwaysOnTop: true, skipTaskbar: true, resizable: false })
  })

  it('the windows AppWindows creates use those options, load our files and are hardened', () => {
    const windows = makeWindows()
    windows.showMain()
    windows.showPopup()
    const [main, popup] = created()
    expect(main.options.webPreferences).toMatchObject(HARDENING)
    expect(popup.options.webPreferences).toMatchObject(HARDENING)
    expect(main.loaded).toEqual({ file: '/app/out/renderer/index.html', options: { query: { window: 'main' } } })
    expect(popup.loaded).toEqual({ file: '/app/out/renderer/popup.html', options: { query: { window: 'popup' } } })
    for (const window of [main, popup]) {
      expect(window.webContents.openHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' })
      expect(window.webContents.listenerCount('will-navigate')).toBeGreaterThan(0)
    }
    expect(windows.isOurs(main.webContents.id)).toBe(true)
    expect(windows.isOurs(popup.webContents.id)).toBe(true)
    expect(windows.isOurs(9999)).toBe(false)
  })

  it('the main window stays hidden until ready-to-show', () => {
    makeWindows().showMain()
    const [main] = created()
    expect(main.visible).toBe(false)
    main.finishLoading()
    expect(main.visible).toBe(true)
  })
})

describe('hardenWebContents', () => {
  it('prevents navigation, frame navigation, redirects, webviews and new windows', () => {
    const contents = new electron.holder.current.FakeWebContents()
    hardenWebContents(contents as never)
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn()
      contents.emit(event, { preventDefault, url: 'https://evil.example', isMainFrame: true })
      expect(preventDefault, event).toHaveBeenCalled()
    }
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
  })
})

describe('hardenSession', () => {
  it('denies every permission, cancels web requests the policy refuses, and adds the CSP header to responses', () => {
    let requestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null
    let checkHandler: (() => boolean) | null = null
    let deviceHandler: (() => boolean) | null = null
    let beforeRequest: { filter: { urls: string[] }; handler: (details: RequestDetails, cb: (r: { cancel: boolean }) => void) => void } | null = null
    let headersHandler: ((details: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void) | null = null
    const session = {
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
      setDevicePermissionHandler: (h: typeof deviceHandler) => (deviceHandler = h),
      webRequest: {
        onBeforeRequest: (filter: { urls: string[] }, handler: NonNullable<typeof beforeRequest>['handler']) => (beforeRequest = { filter, handler }),
        onHeadersReceived: (h: typeof headersHandler) => (headersHandler = h)
      }
    }
    let remoteImages = false
    hardenSession(session as never, { allowRemoteImages: () => remoteImages })
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn()
      requestHandler!(null, permission, callback)
      expect(callback).toHaveBeenCalledWith(false)
    }
    expect(checkHandler!()).toBe(false)
    expect(deviceHandler!()).toBe(false)
    expect(beforeRequest!.filter.urls).toEqual(WEB_URL_PATTERNS)
    const image = { url: 'https://example.org/a.png', resourceType: 'image' }
    const decide = vi.fn()
    beforeRequest!.handler(image, decide)
    remoteImages = true
    beforeRequest!.handler(image, decide)
    expect(decide.mock.calls).toEqual([[{ cancel: true }], [{ cancel: false }]])
    const reply = vi.fn()
    headersHandler!({ responseHeaders: { 'X-Other': ['1'] } }, reply)
    expect(reply).toHaveBeenCalledWith({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })

  it('lets out only https images while remote images are allowed, and the dev server in development', () => {
    const on = { allowRemoteImages: () => true }
    const off = { allowRemoteImages: () => false }
    expect(webRequestAllowed({ url: 'https://example.org/a.png', resourceType: 'image' }, on)).toBe(true)
    expect(webRequestAllowed({ url: 'https://example.org/a.png', resourceType: 'image' }, off)).toBe(false)
    expect(webRequestAllowed({ url: 'http://example.org/a.png', resourceType: 'image' }, on)).toBe(false)
    for (const resourceType of ['script', 'xhr', 'subFrame', 'mainFrame', 'media', 'webSocket', 'other']) {
      expect(webRequestAllowed({ url: 'https://example.org/x', resourceType }, on), resourceType).toBe(false)
    }
    const dev = { ...off, devServerUrl: 'http://localhost:5173/' }
    expect(webRequestAllowed({ url: 'http://localhost:5173/src/main.ts', resourceType: 'script' }, dev)).toBe(true)
    expect(webRequestAllowed({ url: 'ws://localhost:5173/', resourceType: 'webSocket' }, dev)).toBe(true)
    expect(webRequestAllowed({ url: 'http://localhost:5174/x.js', resourceType: 'script' }, dev)).toBe(false)
  })

  it('the CSP allows only our own scripts and no objects, frames or base changes', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]))
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'"
    })
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/)
  })
})

describe('quick-search popup', () => {
  it('is centred on the display with the cursor, focuses search, and toggles', () => {
    const windows = makeWindows()
    windows.togglePopup()
    const [popup] = created()
    expect(popup.position).toEqual({ x: 1920 + (2560 - POPUP_SIZE.width) / 2, y: Math.round(1440 * 0.22) })
    expect(popup.size).toEqual(POPUP_SIZE)
    expect(popup.visible).toBe(false)
    popup.finishLoading()
    expect(popup.visible).toBe(true)
    expect(popup.webContents.sent).toEqual([['semnote:event:focusSearch', undefined]])
    windows.togglePopup()
    expect(popup.visible).toBe(false)
    windows.togglePopup()
    expect(popup.visible).toBe(true)
    expect(created()).toHaveLength(1)
  })

  it('hides on blur and on Escape', () => {
    const windows = makeWindows()
    windows.showPopup()
    const [popup] = created()
    popup.finishLoading()
    expect(popup.isFocused()).toBe(true)
    electron.holder.current.userSwitchesAway()
    expect(popup.visible).toBe(false)
    windows.showPopup()
    expect(popup.visible).toBe(true)
    const preventDefault = vi.fn()
    popup.webContents.emit('before-input-event', { preventDefault }, { type: 'keyDown', key: 'Escape' })
    expect(preventDefault).toHaveBeenCalled()
    expect(popup.visible).toBe(false)
  })

  it('broadcasts events to every window', () => {
    const windows = makeWindows()
    windows.showMain()
    windows.showPopup()
    windows.broadcast('engineReady', { restarted: true })
    for (const window of created()) {
      expect(window.webContents.sent).toContainEqual(['semnote:event:engineReady', { restarted: true }])
    }
  })
})

describe('window state', () => {
  it('ignores a missing state file and saves bounds on close', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const file = join(mkdtempSync(join(tmpdir(), 'semnote-win-')), 'window-state.json')
    const windows = new AppWindows({ preload: '/p.js', rendererDir: '/r', windowStateFile: file })
    windows.showMain()
    const [main] = created()
    expect(main.options).toMatchObject({ width: 1100, height: 720 })
    main.emit('close')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 10, y: 20, width: 900, height: 600, maximized: false })
    new AppWindows({ preload: '/p.js', rendererDir: '/r', windowStateFile: file }).showMain()
    expect(created()[1].options).toMatchObject({ x: 10, y: 20, width: 900, height: 600 })
  })
})

describe('2. the popup where the desktop limits windows', () => {
  it('on Wayland, leaves placement to the compositor and gets a frame the user can close it by', () => {
    const fake = useDesktop({ platform: 'linux', wayland: true })
    const windows = makeWindows()
    windows.showPopup()
    const [popup] = created()
    expect(popup.boundsRequests.every((request) => request.x === undefined && request.y === undefined)).toBe(true)
    expect(popup.size).toEqual(POPUP_SIZE)
    expect(popup.options).toMatchObject({ frame: true })
    // Wayland gives no focus to a window the user did not click: the popup never blurs, the shortcut hides it again.
    popup.finishLoading()
    expect(popup.visible).toBe(true)
    expect(popup.isFocused()).toBe(false)
    windows.togglePopup()
    expect(popup.visible).toBe(false)
    expect(fake.windows).toHaveLength(1)
  })

  it('on macOS, comes to the front over another app and over full-screen Spaces', () => {
    const fake = useDesktop({ platform: 'darwin', otherAppActive: true })
    const windows = makeWindows()
    windows.showPopup()
    const [popup] = created()
    popup.finishLoading()
    expect(popup.isFocused()).toBe(true)
    expect(popup.visibleOnAllWorkspaces).toEqual({ visible: true, options: expect.objectContaining({ visibleOnFullScreen: true }) })
    // Escape hands the focus back to the app the user came from.
    popup.webContents.emit('before-input-event', { preventDefault: () => undefined }, { type: 'keyDown', key: 'Escape', isComposing: false })
    expect(popup.visible).toBe(false)
    expect(fake.app.hidden).toBe(true)
  })

  it('on macOS, hiding the popup while the main window is open keeps the app in front', () => {
    const fake = useDesktop({ platform: 'darwin' })
    const windows = makeWindows()
    windows.showMain()
    created()[0].finishLoading()
    windows.showPopup()
    const popup = created()[1]
    popup.finishLoading()
    windows.hidePopup()
    expect(fake.app.hidden).toBe(false)
  })
})

describe('6. Escape during IME composition', () => {
  it('belongs to the input method: the popup stays up, and a later Escape hides it', () => {
    const windows = makeWindows()
    windows.showPopup()
    const [popup] = created()
    popup.finishLoading()
    const composing = vi.fn()
    popup.webContents.emit('before-input-event', { preventDefault: composing }, { type: 'keyDown', key: 'Escape', isComposing: true })
    expect(composing).not.toHaveBeenCalled()
    expect(popup.visible).toBe(true)
    popup.webContents.emit('before-input-event', { preventDefault: () => undefined }, { type: 'keyDown', key: 'Escape', isComposing: false })
    expect(popup.visible).toBe(false)
  })
})

describe('8. a main window saved maximized', () => {
  it('stays hidden until its content is ready, then shows maximized and focused', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const file = join(mkdtempSync(join(tmpdir(), 'semnote-win-')), 'window-state.json')
    writeFileSync(file, JSON.stringify({ x: 10, y: 20, width: 900, height: 600, maximized: true }))
    const windows = new AppWindows({ preload: '/p.js', rendererDir: '/r', windowStateFile: file })
    windows.showMain()
    const [main] = created()
    expect(main.visible).toBe(false)
    main.finishLoading()
    expect(main.visible).toBe(true)
    expect(main.isMaximized()).toBe(true)
    expect(main.isFocused()).toBe(true)
  })
})
