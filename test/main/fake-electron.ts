// A fake `electron` module for main-process tests that models the documented behaviour a real desktop shows (Electron 45's
// electron.d.ts): silent shortcut failures, Wayland limits, focus rules, ready-to-show, menus replaced while open, no tray on GNOME.
import { EventEmitter } from 'node:events'
import { pathToFileURL } from 'node:url'

/** The desktop the fake pretends to run on. */
export interface FakeDesktop {
  platform: 'linux' | 'darwin' | 'win32'
  /** Linux: a Wayland session (XDG_SESSION_TYPE=wayland). */
  wayland?: boolean
  /**
   * Linux: XDG_CURRENT_DESKTOP. Stock GNOME has no tray (no StatusNotifier host): tray icons never appear; Ubuntu's
   * GNOME ("ubuntu:GNOME") ships the AppIndicator extension, so they do.
   */
  currentDesktop?: string
  /** macOS: another app is frontmost, so our windows only get focus after app.focus({ steal: true }). */
  otherAppActive?: boolean
  /** argv of this launch. */
  argv?: string[]
}

/**
 * How the OS answers a shortcut registration. 'ok': registered. 'taken': register() returns false. 'silent': another app
 * holds it and the call "silently fails" (d.ts: register returns true, isRegistered stays false). 'throws': not an accelerator.
 */
export type ShortcutOutcome = 'ok' | 'taken' | 'silent' | 'throws'

/** Points the process at the fake desktop (platform and session variables); returns a function that restores both. */
export function applyDesktop(desktop: FakeDesktop): () => void {
  const platform = Object.getOwnPropertyDescriptor(process, 'platform')!
  const keys = ['XDG_SESSION_TYPE', 'XDG_CURRENT_DESKTOP', 'WAYLAND_DISPLAY', 'APPIMAGE'] as const
  const saved = Object.fromEntries(keys.map((key) => [key, process.env[key]]))
  Object.defineProperty(process, 'platform', { ...platform, value: desktop.platform })
  for (const key of keys) delete process.env[key]
  if (desktop.platform === 'linux') {
    process.env.XDG_SESSION_TYPE = desktop.wayland ? 'wayland' : 'x11'
    if (desktop.wayland) process.env.WAYLAND_DISPLAY = 'wayland-0'
    if (desktop.currentDesktop) process.env.XDG_CURRENT_DESKTOP = desktop.currentDesktop
  }
  return () => {
    Object.defineProperty(process, 'platform', platform)
    for (const key of keys) {
      if (saved[key] === undefined) delete process.env[key]
      else process.env[key] = saved[key]
    }
  }
}

/** Builds a fresh fake electron module for `desktop`, with handles to inspect and drive it. */
export function createFakeElectron(desktop: FakeDesktop = { platform: 'linux' }) {
  const linux = desktop.platform === 'linux'
  const wayland = linux && desktop.wayland === true
  const desktops = (desktop.currentDesktop ?? '').toLowerCase().split(':')
  const gnome = linux && desktops.some((name) => name.startsWith('gnome')) && !desktops.includes('ubuntu')
  let nextWebContentsId = 1

  /** Which window has keyboard focus, and whether the app is the active one (macOS). */
  const focus = { window: null as FakeBrowserWindow | null, appActive: !(desktop.platform === 'darwin' && desktop.otherAppActive) }

  /** Can a programmatic show()/focus() take focus right now? The rules each platform documents. */
  function mayTakeFocus(): boolean {
    if (desktop.platform === 'darwin') return focus.appActive
    // Wayland: focus() "may show a notification or flash the app icon if the window or app is not already focused".
    if (wayland) return focus.window !== null
    return true
  }

  function giveFocus(window: FakeBrowserWindow | null): void {
    if (focus.window === window) return
    const previous = focus.window
    focus.window = window
    previous?.emit('blur')
    window?.emit('focus')
  }

  class FakeWebContents extends EventEmitter {
    id = nextWebContentsId++
    openHandler: ((details: { url: string }) => { action: string }) | null = null
    sent: [string, unknown][] = []
    loading = true
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload])
    }
    isLoading() {
      return this.loading
    }
    getURL() {
      return 'file:///app/out/renderer/index.html'
    }
    /** Events sent on `channel`, in order. */
    sentOn(channel: string): unknown[] {
      return this.sent.filter(([name]) => name === channel).map(([, payload]) => payload)
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    static created: FakeBrowserWindow[] = []
    static getAllWindows() {
      return FakeBrowserWindow.created.filter((w) => !w.destroyed)
    }
    static getFocusedWindow() {
      return focus.window
    }
    webContents = new FakeWebContents()
    visible: boolean
    maximized = false
    destroyed = false
    readonly createdHidden: boolean
    /** Every bounds request; `position` is null where the platform ignores it (Wayland). */
    boundsRequests: { x?: number; y?: number; width?: number; height?: number }[] = []
    position: { x: number; y: number } | null = null
    size: { width: number; height: number }
    visibleOnAllWorkspaces: { visible: boolean; options?: Record<string, unknown> } | null = null
    loaded: { file?: string; url?: string; options?: unknown } = {}
    constructor(readonly options: Record<string, unknown>) {
      super()
      this.createdHidden = options.show === false
      this.visible = !this.createdHidden
      this.size = { width: Number(options.width ?? 800), height: Number(options.height ?? 600) }
      FakeBrowserWindow.created.push(this)
      if (this.visible && mayTakeFocus()) giveFocus(this)
    }
    /** The URL of what was loaded (a file as a file: URL). */
    get url(): string {
      return this.loaded.file ? pathToFileURL(this.loaded.file).href : (this.loaded.url ?? '')
    }
    loadFile(file: string, options?: unknown) {
      this.loaded = { file, options }
      return Promise.resolve()
    }
    loadURL(url: string) {
      this.loaded = { url }
      return Promise.resolve()
    }
    /**
     * The page painted for the first time. 'ready-to-show' is emitted only for a window that is still hidden then
     * (a window created hidden; one that was shown meanwhile, e.g. by maximize(), never gets it).
     */
    finishLoading() {
      this.webContents.loading = false
      if (this.createdHidden && !this.visible && this.options.paintWhenInitiallyHidden !== false) this.emit('ready-to-show')
    }
    /** "Shows and gives focus to the window" where the platform lets the app take focus. */
    show() {
      const wasVisible = this.visible
      this.visible = true
      if (!wasVisible) this.emit('show')
      if (mayTakeFocus()) giveFocus(this)
    }
    showInactive() {
      this.visible = true
    }
    hide() {
      if (!this.visible) return
      this.visible = false
      if (focus.window === this) giveFocus(null)
      this.emit('hide')
    }
    focus() {
      if (this.visible && mayTakeFocus()) giveFocus(this)
    }
    isFocused() {
      return focus.window === this
    }
    /** The user clicks into the window: it gets focus on every platform, and the app becomes active. */
    userClick() {
      focus.appActive = true
      if (this.visible) giveFocus(this)
    }
    isVisible() {
      return this.visible
    }
    isDestroyed() {
      return this.destroyed
    }
    close() {
      this.emit('close', { preventDefault: () => undefined })
      this.destroy()
    }
    destroy() {
      if (this.destroyed) return
      this.hide()
      this.destroyed = true
      this.emit('closed')
    }
    isMinimized() {
      return false
    }
    restore() {}
    /** d.ts: "This will also show (but not focus) the window if it isn't being displayed already." */
    maximize() {
      this.maximized = true
      if (!this.visible) {
        this.visible = true
        this.emit('show')
      }
    }
    isMaximized() {
      return this.maximized
    }
    getNormalBounds() {
      return { x: 10, y: 20, width: 900, height: 600 }
    }
    /** Wayland: "Not supported": the compositor places windows, so x/y are dropped. */
    setBounds(bounds: { x?: number; y?: number; width?: number; height?: number }) {
      this.boundsRequests.push(bounds)
      if (bounds.width !== undefined && bounds.height !== undefined) this.size = { width: bounds.width, height: bounds.height }
      if (!wayland && bounds.x !== undefined && bounds.y !== undefined) this.position = { x: bounds.x, y: bounds.y }
    }
    setPosition(x: number, y: number) {
      this.boundsRequests.push({ x, y })
      if (!wayland) this.position = { x, y }
    }
    setSize(width: number, height: number) {
      this.boundsRequests.push({ width, height })
      this.size = { width, height }
    }
    center() {
      if (!wayland) this.position = { x: 0, y: 0 }
    }
    setAlwaysOnTop() {}
    setVisibleOnAllWorkspaces(visible: boolean, options?: Record<string, unknown>) {
      this.visibleOnAllWorkspaces = { visible, options }
    }
  }

  class FakeMenu extends EventEmitter {
    open = false
    constructor(readonly items: { label?: string; type?: string; enabled?: boolean; click?: () => void }[]) {
      super()
    }
    /** The user clicks an item of this menu while it is open; disabled items and closed menus do nothing. */
    click(label: string): boolean {
      const item = this.items.find((i) => i.label === label)
      if (!this.open || !item || item.enabled === false || !item.click) return false
      this.open = false
      this.emit('menu-will-close')
      item.click()
      return true
    }
    labels(): string[] {
      return this.items.filter((i) => i.type !== 'separator').map((i) => i.label ?? '')
    }
  }

  class FakeTray extends EventEmitter {
    static created: FakeTray[] = []
    tooltip = ''
    menu: FakeMenu | null = null
    destroyed = false
    /** Menus swapped in while the user had one open (the open menu closes or refreshes under the pointer). */
    replacedWhileOpen = 0
    /** Whether the icon can be seen at all: stock GNOME shows no tray icons and says nothing about it. */
    readonly shown = !gnome
    constructor() {
      super()
      FakeTray.created.push(this)
    }
    setToolTip(text: string) {
      this.tooltip = text
    }
    setContextMenu(menu: FakeMenu | null) {
      if (this.menu?.open) {
        this.replacedWhileOpen++
        this.menu.open = false
        this.menu.emit('menu-will-close')
      }
      this.menu = menu
    }
    /** The user opens the context menu (right click); null when the icon is not shown. */
    openMenu(): FakeMenu | null {
      if (!this.shown || !this.menu) return null
      this.menu.open = true
      this.menu.emit('menu-will-show')
      return this.menu
    }
    destroy() {
      this.destroyed = true
    }
  }

  class FakeNotification extends EventEmitter {
    static shown: FakeNotification[] = []
    static isSupported() {
      return true
    }
    constructor(readonly options: { title?: string; body?: string }) {
      super()
    }
    show() {
      FakeNotification.shown.push(this)
    }
    /** The user clicks the notification. */
    click() {
      this.emit('click')
    }
  }

  /** Global shortcuts as the OS grants them; `outcomes` scripts the answer per accelerator (default 'ok'). */
  const shortcuts = {
    outcomes: new Map<string, ShortcutOutcome>(),
    active: new Map<string, () => void>(),
    attempts: [] as string[],
    /** The user presses `accelerator` anywhere: only a shortcut the OS really granted fires. */
    press(accelerator: string): boolean {
      const callback = shortcuts.active.get(accelerator)
      callback?.()
      return callback !== undefined
    }
  }
  const commandLineSwitches = new Map<string, string>()
  const globalShortcut = {
    register(accelerator: string, callback: () => void): boolean {
      shortcuts.attempts.push(accelerator)
      let outcome = shortcuts.outcomes.get(accelerator) ?? 'ok'
      // Wayland without the GlobalShortcutsPortal feature: no X11 grab reaches other apps; every register fails silently.
      if (wayland && !(commandLineSwitches.get('enable-features') ?? '').split(',').includes('GlobalShortcutsPortal') && outcome === 'ok') outcome = 'silent'
      if (outcome === 'throws') throw new Error(`Error processing argument at index 0, conversion failure from ${accelerator}`)
      if (outcome === 'taken') return false
      if (outcome === 'ok') shortcuts.active.set(accelerator, callback)
      return true
    },
    isRegistered: (accelerator: string) => shortcuts.active.has(accelerator),
    unregister: (accelerator: string) => void shortcuts.active.delete(accelerator),
    unregisterAll: () => shortcuts.active.clear()
  }

  const notifications = FakeNotification.shown
  const app = Object.assign(new EventEmitter(), {
    userData: '',
    isPackaged: false,
    loginItem: { openAtLogin: false, wasOpenedAtLogin: false },
    desktopName: null as string | null,
    protocolClients: [] as { protocol: string; path?: string; args?: string[] }[],
    quitCalls: 0,
    hidden: false,
    enableSandbox() {},
    requestSingleInstanceLock: () => true,
    quit() {
      app.quitCalls++
    },
    exit() {},
    getPath: () => app.userData,
    setPath(_name: string, path: string) {
      app.userData = path
    },
    getAppPath: () => process.cwd(),
    whenReady: () => Promise.resolve(),
    setLoginItemSettings(settings: { openAtLogin: boolean }) {
      app.loginItem.openAtLogin = settings.openAtLogin
    },
    getLoginItemSettings: () => ({ ...app.loginItem }),
    setDesktopName(name: string) {
      app.desktopName = name
    },
    setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]) {
      app.protocolClients.push({ protocol, path, args })
      return true
    },
    /** macOS: without `steal`, the app does not become active while another app is. */
    focus(options?: { steal?: boolean }) {
      if (desktop.platform !== 'darwin' || options?.steal || !desktop.otherAppActive) focus.appActive = true
    },
    hide() {
      app.hidden = true
      focus.appActive = false
      giveFocus(null)
    },
    commandLine: {
      appendSwitch(name: string, value = '') {
        commandLineSwitches.set(name, value)
      },
      hasSwitch: (name: string) => commandLineSwitches.has(name),
      getSwitchValue: (name: string) => commandLineSwitches.get(name) ?? ''
    }
  })

  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>()
  type FakeChild = EventEmitter & { posted: unknown[]; args: string[]; modulePath: string; options: { env?: Record<string, string | undefined>; execArgv?: string[] }; kill(): void; postMessage(m: unknown): void }
  const children: FakeChild[] = []
  const powerMonitor = new EventEmitter()
  const shellCalls: unknown[][] = []
  const dialogs: unknown[] = []

  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: { buildFromTemplate: (template: FakeMenu['items']) => new FakeMenu(template) },
    Tray: FakeTray,
    Notification: FakeNotification,
    nativeImage: { createFromBitmap: () => ({}) },
    globalShortcut,
    powerMonitor,
    screen: {
      /** d.ts: "Not supported on Wayland" (the compositor does not tell where the pointer is). */
      getCursorScreenPoint: () => (wayland ? { x: 0, y: 0 } : { x: 2500, y: 300 }),
      getDisplayNearestPoint: (point: { x: number }) =>
        point.x >= 1920 ? { workArea: { x: 1920, y: 0, width: 2560, height: 1440 } } : { workArea: { x: 0, y: 0, width: 1920, height: 1080 } },
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }, { workArea: { x: 1920, y: 0, width: 2560, height: 1440 } }]
    },
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) => ipcHandlers.set(channel, listener),
      removeHandler: (channel: string) => ipcHandlers.delete(channel)
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler() {},
        setPermissionCheckHandler() {},
        setDevicePermissionHandler() {},
        resolveProxy: async () => 'DIRECT',
        webRequest: { onBeforeRequest() {}, onHeadersReceived() {} }
      }
    },
    utilityProcess: {
      fork: (modulePath: string, args: string[], options: FakeChild['options'] = {}) => {
        const child = Object.assign(new EventEmitter(), { posted: [] as unknown[], args, modulePath, options }) as FakeChild
        child.kill = () => void child.emit('exit', null)
        child.postMessage = (message: unknown) => void child.posted.push(message)
        children.push(child)
        return child
      }
    },
    dialog: {
      showMessageBox: async (...args: unknown[]) => (dialogs.push(args), { response: 0 }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] })
    },
    shell: {
      openPath: async (path: string) => (shellCalls.push(['openPath', path]), ''),
      openExternal: async (url: string) => void shellCalls.push(['openExternal', url]),
      showItemInFolder: (path: string) => void shellCalls.push(['showItemInFolder', path])
    }
  }

  return {
    desktop,
    module,
    /** The user switches to another application: our focused window blurs and the app is no longer active. */
    userSwitchesAway() {
      focus.appActive = false
      giveFocus(null)
    },
    app,
    windows: FakeBrowserWindow.created,
    trays: FakeTray.created,
    notifications,
    shortcuts,
    commandLineSwitches,
    ipcHandlers,
    children,
    powerMonitor,
    shellCalls,
    dialogs,
    focus,
    FakeBrowserWindow,
    FakeWebContents
  }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>
export type FakeWindow = InstanceType<FakeElectron['FakeBrowserWindow']>

/** The exports of the fake module, for mocks that forward to whichever fake is current. */
const MODULE_KEYS = [
  'app',
  'BrowserWindow',
  'Menu',
  'Tray',
  'Notification',
  'nativeImage',
  'globalShortcut',
  'powerMonitor',
  'screen',
  'ipcMain',
  'session',
  'utilityProcess',
  'dialog',
  'shell'
] as const

/**
 * The object `vi.mock('electron', ...)` returns: every export reads `current()` when used, so a test can start a fresh
 * fake (another platform) and re-import the code under test without re-mocking.
 */
export function electronModuleOf(current: () => FakeElectron): Record<(typeof MODULE_KEYS)[number], unknown> {
  const module = {} as Record<(typeof MODULE_KEYS)[number], unknown>
  for (const key of MODULE_KEYS) Object.defineProperty(module, key, { enumerable: true, get: () => current().module[key] })
  return module
}

/**
 * A fake behind one mocked module that a test can swap for a fresh one (`holder.current = ...`). Made inside vi.hoisted
 * so that `vi.mock('electron', () => electron.module)` can return it before the code under test imports electron.
 */
export function swappableFakeElectron(desktop: FakeDesktop = { platform: 'linux' }) {
  const holder = { current: createFakeElectron(desktop) }
  return { holder, module: electronModuleOf(() => holder.current) }
}
