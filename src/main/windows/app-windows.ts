// The two windows (main and quick-search popup): creation with hardened options, show/hide/toggle, event broadcast.
import { BrowserWindow, screen } from 'electron'
import { join } from 'node:path'
import { eventChannel, type ApiEventName, type ApiEvents } from '../../shared/api'
import { hardenWebContents, secureWebPreferences, type WindowKind } from './security'
import { loadWindowState, saveWindowState } from './window-state'

export interface AppWindowsOptions {
  /** Absolute path of the built preload (out/preload/index.js). */
  preload: string
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string
  /** electron-vite dev server URL in development. */
  devServerUrl?: string
  /** File remembering the main window's bounds. */
  windowStateFile: string
}

export const POPUP_SIZE = { width: 680, height: 440 }

/** Owns the main window and the popup; creates them lazily and keeps them hardened. */
export class AppWindows {
  private main: BrowserWindow | null = null
  private popup: BrowserWindow | null = null

  constructor(private readonly options: AppWindowsOptions) {}

  /** True when `webContentsId` belongs to one of our live windows. */
  isOurs(webContentsId: number): boolean {
    return [this.main, this.popup].some((w) => w !== null && !w.isDestroyed() && w.webContents.id === webContentsId)
  }

  /** Sends an event to every open window. */
  broadcast<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void {
    for (const window of [this.main, this.popup]) {
      if (window && !window.isDestroyed()) window.webContents.send(eventChannel(event), payload)
    }
  }

  /** Shows (creating if needed) and focuses the main window. */
  showMain(): void {
    const window = this.main && !this.main.isDestroyed() ? this.main : this.createMain()
    if (window.isMinimized()) window.restore()
    if (window.webContents.isLoading()) window.once('ready-to-show', () => focus(window))
    else focus(window)
  }

  /** Shows the popup centred on the display under the cursor, or hides it when it is visible. */
  togglePopup(): void {
    if (this.popup && !this.popup.isDestroyed() && this.popup.isVisible()) this.hidePopup()
    else this.showPopup()
  }

  /** Shows the popup and asks it to focus its search field. */
  showPopup(): void {
    const popup = this.popup && !this.popup.isDestroyed() ? this.popup : this.createPopup()
    const area = screen.getDisplayNearestPoint(screen.getCursorScreenPoint()).workArea
    popup.setBounds({
      x: Math.round(area.x + (area.width - POPUP_SIZE.width) / 2),
      y: Math.round(area.y + area.height * 0.22),
      ...POPUP_SIZE
    })
    const reveal = () => {
      focus(popup)
      popup.webContents.send(eventChannel('focusSearch'), undefined)
    }
    if (popup.webContents.isLoading()) popup.once('ready-to-show', reveal)
    else reveal()
  }

  hidePopup(): void {
    if (this.popup && !this.popup.isDestroyed()) this.popup.hide()
  }

  /** The focused or main window, for parenting dialogs. */
  dialogParent(webContentsId?: number): BrowserWindow | undefined {
    const byId = [this.main, this.popup].find((w) => w && !w.isDestroyed() && w.webContents.id === webContentsId)
    return byId ?? (this.main && !this.main.isDestroyed() ? this.main : undefined)
  }

  private createMain(): BrowserWindow {
    const state = loadWindowState(this.options.windowStateFile, screen.getAllDisplays().map((d) => d.workArea))
    const window = new BrowserWindow({
      ...mainWindowOptions(this.options.preload),
      width: state.width,
      height: state.height,
      ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {})
    })
    if (state.maximized) window.maximize()
    hardenWebContents(window.webContents)
    window.once('ready-to-show', () => window.show())
    window.on('close', () => saveWindowState(this.options.windowStateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() }))
    window.on('closed', () => {
      this.main = null
    })
    this.load(window, 'index.html')
    this.main = window
    return window
  }

  private createPopup(): BrowserWindow {
    const popup = new BrowserWindow(popupWindowOptions(this.options.preload))
    hardenWebContents(popup.webContents)
    popup.on('blur', () => popup.hide())
    popup.webContents.on('before-input-event', (event, input) => {
      if (input.type === 'keyDown' && input.key === 'Escape') {
        event.preventDefault()
        popup.hide()
      }
    })
    popup.on('closed', () => {
      this.popup = null
    })
    this.load(popup, 'popup.html')
    this.popup = popup
    return popup
  }

  private load(window: BrowserWindow, page: 'index.html' | 'popup.html'): void {
    const kind: WindowKind = page === 'popup.html' ? 'popup' : 'main'
    if (this.options.devServerUrl) void window.loadURL(`${new URL(page, this.options.devServerUrl.replace(/\/?$/, '/'))}?window=${kind}`)
    else void window.loadFile(join(this.options.rendererDir, page), { query: { window: kind } })
  }
}

function focus(window: BrowserWindow): void {
  window.show()
  window.focus()
}

/** BrowserWindow options of the main window (hidden until ready-to-show). */
export function mainWindowOptions(preload: string): Electron.BrowserWindowConstructorOptions {
  return {
    show: false,
    minWidth: 560,
    minHeight: 400,
    title: 'Semnote',
    backgroundColor: '#1e1e1e',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preload, 'main')
  }
}

/** BrowserWindow options of the quick-search popup: frameless, on top, out of the taskbar. */
export function popupWindowOptions(preload: string): Electron.BrowserWindowConstructorOptions {
  return {
    show: false,
    frame: false,
    ...POPUP_SIZE,
    resizable: false,
    movable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    transparent: false,
    title: 'Semnote Search',
    webPreferences: secureWebPreferences(preload, 'popup')
  }
}
