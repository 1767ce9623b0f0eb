// The two windows (main and quick-search popup): creation with hardened options, show/hide/toggle, event broadcast.
// Placement and focus follow what each desktop allows (Wayland: the compositor places and focuses; macOS: Spaces, activation).
import { BrowserWindow, app, screen } from 'electron'
import { join } from 'node:path'
import { eventChannel, type ApiEventName, type ApiEvents } from '../../shared/api'
import { detectDesktop, type DesktopSession } from '../desktop'
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
  /** The desktop session (default: detected from the platform and environment). */
  desktop?: DesktopSession
  /** Windows only: the session ends (shutdown, restart, logoff); no before-quit follows. */
  onSessionEnd?: () => void
  /** The user closed the main window. */
  onMainClosed?: () => void
}

export const POPUP_SIZE = { width: 680, height: 440 }

/** Owns the main window and the popup; creates them lazily and keeps them hardened. */
export class AppWindows {
  private main: BrowserWindow | null = null
  private popup: BrowserWindow | null = null
  private readonly desktop: DesktopSession

  constructor(private readonly options: AppWindowsOptions) {
    this.desktop = options.desktop ?? detectDesktop()
  }

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

  /** Shows (creating if needed) and focuses the main window; a new one shows once its content is ready. */
  showMain(): void {
    if (this.main && !this.main.isDestroyed()) {
      // Still waiting for its first paint: createMain's ready-to-show handler shows it.
      if (!this.main.isVisible() && this.main.webContents.isLoading()) return
      if (this.main.isMinimized()) this.main.restore()
      this.focus(this.main)
      return
    }
    this.createMain()
  }

  /** Shows the popup centred on the display under the cursor, or hides it when it is visible. */
  togglePopup(): void {
    if (this.popup && !this.popup.isDestroyed() && this.popup.isVisible()) this.hidePopup()
    else this.showPopup()
  }

  /** Shows the popup and asks it to focus its search field (and to search for `search`, from a semnote:// link). */
  showPopup(search?: ApiEvents['searchFor']): void {
    const popup = this.popup && !this.popup.isDestroyed() ? this.popup : this.createPopup()
    if (this.desktop.wayland) {
      // No cursor position and no programmatic placement on Wayland: the compositor decides where it goes.
      popup.setSize(POPUP_SIZE.width, POPUP_SIZE.height)
    } else {
      const area = screen.getDisplayNearestPoint(screen.getCursorScreenPoint()).workArea
      popup.setBounds({
        x: Math.round(area.x + (area.width - POPUP_SIZE.width) / 2),
        y: Math.round(area.y + area.height * 0.22),
        ...POPUP_SIZE
      })
    }
    const reveal = () => {
      this.focus(popup)
      popup.webContents.send(eventChannel('focusSearch'), undefined)
      if (search) popup.webContents.send(eventChannel('searchFor'), search)
    }
    if (popup.webContents.isLoading()) popup.once('ready-to-show', reveal)
    else reveal()
  }

  hidePopup(): void {
    if (!this.popup || this.popup.isDestroyed() || !this.popup.isVisible()) return
    this.popup.hide()
    // macOS: with no other window of ours up, hand the focus back to the app the user came from.
    if (this.desktop.platform === 'darwin' && !(this.main && !this.main.isDestroyed() && this.main.isVisible())) app.hide()
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
    hardenWebContents(window.webContents)
    // maximize() would show the window at once, before its content, and a shown window gets no ready-to-show.
    window.once('ready-to-show', () => {
      if (state.maximized) window.maximize()
      this.focus(window)
    })
    window.on('close', () => saveWindowState(this.options.windowStateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() }))
    window.on('closed', () => {
      this.main = null
      this.options.onMainClosed?.()
    })
    this.watchSessionEnd(window)
    this.load(window, 'index.html')
    this.main = window
    return window
  }

  private createPopup(): BrowserWindow {
    const popup = new BrowserWindow(popupWindowOptions(this.options.preload, this.desktop))
    hardenWebContents(popup.webContents)
    // Set once: each call briefly hides the Dock icon while macOS changes the process type.
    if (this.desktop.platform === 'darwin') popup.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true })
    popup.on('blur', () => this.hidePopup())
    popup.webContents.on('before-input-event', (event, input) => {
      // During an IME composition, Escape cancels the composition: it belongs to the input method.
      if (input.type === 'keyDown' && input.key === 'Escape' && !input.isComposing) {
        event.preventDefault()
        this.hidePopup()
      }
    })
    popup.on('closed', () => {
      this.popup = null
    })
    this.watchSessionEnd(popup)
    this.load(popup, 'popup.html')
    this.popup = popup
    return popup
  }

  /** Shows and focuses `window`; on macOS the app is activated first, or a background app's window stays behind. */
  private focus(window: BrowserWindow): void {
    if (this.desktop.platform === 'darwin') app.focus({ steal: true })
    window.show()
    window.focus()
  }

  private watchSessionEnd(window: BrowserWindow): void {
    window.on('session-end', () => this.options.onSessionEnd?.())
  }

  private load(window: BrowserWindow, page: 'index.html' | 'popup.html'): void {
    const kind: WindowKind = page === 'popup.html' ? 'popup' : 'main'
    if (this.options.devServerUrl) void window.loadURL(`${new URL(page, this.options.devServerUrl.replace(/\/?$/, '/'))}?window=${kind}`)
    else void window.loadFile(join(this.options.rendererDir, page), { query: { window: kind } })
  }
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

/**
 * BrowserWindow options of the quick-search popup: frameless, on top, out of the taskbar. On Wayland, where it may never
 * get focus (so never blur) and cannot be kept on top, it gets a frame: a window the user can move and close.
 */
export function popupWindowOptions(preload: string, desktop: Pick<DesktopSession, 'wayland'> = { wayland: false }): Electron.BrowserWindowConstructorOptions {
  return {
    show: false,
    frame: desktop.wayland,
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
