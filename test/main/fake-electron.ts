// Stand-ins for Electron's BrowserWindow and webContents that record what main-process code does with them (tests mock 'electron').
import { EventEmitter } from 'node:events'
import { pathToFileURL } from 'node:url'

/**
 * Fake window classes. `startLoading`: whether a new window's page counts as still loading (isLoading() true until the test
 * sets `webContents.loading = false`), so code waiting for 'ready-to-show' can be exercised.
 */
export function fakeWindowClasses(options: { startLoading: boolean }) {
  let nextId = 1

  class FakeWebContents extends EventEmitter {
    id = nextId++
    openHandler: ((details: { url: string }) => { action: string }) | null = null
    sent: [string, unknown][] = []
    loading = options.startLoading
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
  }

  class FakeBrowserWindow extends EventEmitter {
    static created: FakeBrowserWindow[] = []
    webContents = new FakeWebContents()
    visible = false
    bounds: unknown = null
    loaded: { file?: string; url?: string; options?: unknown } = {}
    constructor(readonly options: Record<string, unknown>) {
      super()
      FakeBrowserWindow.created.push(this)
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
    show() {
      this.visible = true
    }
    hide() {
      this.visible = false
    }
    focus() {}
    isVisible() {
      return this.visible
    }
    isDestroyed() {
      return false
    }
    isMinimized() {
      return false
    }
    restore() {}
    maximize() {}
    isMaximized() {
      return false
    }
    getNormalBounds() {
      return { x: 10, y: 20, width: 900, height: 600 }
    }
    setBounds(bounds: unknown) {
      this.bounds = bounds
    }
  }

  return { FakeWebContents, FakeBrowserWindow }
}
