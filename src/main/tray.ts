// The tray icon: Search, Open Semnote, Pause/Resume indexing, Quit; the tooltip shows what indexing is doing.
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron'
import type { IndexProgress } from '../shared/types'
import { drawIcon } from './icon'

export interface TrayActions {
  search(): void
  open(): void
  pause(): void
  resume(): void
  quit(): void
}

/** One line describing indexing with its counts, for the tooltip. */
export function describeProgress(progress: IndexProgress | null, files: number | null): string {
  if (progress === null) return 'Starting…'
  switch (progress.phase) {
    case 'scanning':
      return 'Scanning folders…'
    case 'indexing':
      return `Indexing ${progress.filesDone.toLocaleString('en')} of ${progress.filesTotal.toLocaleString('en')} files`
    case 'paused':
      return `Indexing paused (${progress.filesDone.toLocaleString('en')} of ${progress.filesTotal.toLocaleString('en')})`
    default:
      return files === null ? 'Up to date' : `Up to date: ${files.toLocaleString('en')} notes`
  }
}

/** The menu's status line: the phase only, so the menu stays the same while counts move. */
export function describePhase(progress: IndexProgress | null, files: number | null): string {
  if (progress === null) return 'Starting…'
  if (progress.phase === 'indexing') return 'Indexing notes…'
  if (progress.phase === 'paused') return 'Indexing paused'
  return describeProgress(progress, files)
}

/**
 * The tray icon and its menu. Setting a context menu replaces an open one under the pointer (Linux needs a new menu for
 * any change), so the menu is rebuilt only when its items change, never while it is open; counts go to the tooltip.
 */
export class AppTray {
  private readonly tray: Tray
  private progress: IndexProgress | null = null
  private files: number | null = null
  private engineProblem: string | null = null
  private shortcutProblem: string | null = null
  private shownMenu = ''
  private menuOpen = false
  private pendingMenu = false

  constructor(
    private readonly actions: TrayActions,
    private hotkeyLabel: string
  ) {
    const size = process.platform === 'darwin' ? 22 : 32
    this.tray = new Tray(nativeImage.createFromBitmap(drawIcon(size, 'bgra'), { width: size, height: size }))
    this.tray.on('click', () => actions.search())
    this.render()
  }

  /** Updates the indexing state shown. */
  setProgress(progress: IndexProgress, files?: number): void {
    this.progress = progress
    if (files !== undefined) this.files = files
    this.engineProblem = null
    this.render()
  }

  /** Shows an engine problem (crash, restart) until the next progress update. */
  setEngineProblem(message: string): void {
    this.engineProblem = message
    this.render()
  }

  /** Shows that the quick-search shortcut is not live (null: it is), until that changes. */
  setShortcutProblem(message: string | null): void {
    this.shortcutProblem = message
    this.render()
  }

  setHotkeyLabel(label: string): void {
    this.hotkeyLabel = label
    this.render()
  }

  destroy(): void {
    this.tray.destroy()
  }

  private render(): void {
    const state = this.engineProblem ?? describeProgress(this.progress, this.files)
    this.tray.setToolTip([`Semnote — ${state}`, ...(this.shortcutProblem ? [this.shortcutProblem] : [])].join('\n'))
    const template = this.template()
    const signature = JSON.stringify(template.map(({ label, enabled, accelerator }) => [label, enabled, accelerator]))
    if (signature === this.shownMenu) return
    if (this.menuOpen) {
      this.pendingMenu = true
      return
    }
    this.shownMenu = signature
    const menu = Menu.buildFromTemplate(template)
    // Where the platform reports it (macOS, Windows), a menu the user has open is left alone until it closes.
    menu.on('menu-will-show', () => {
      this.menuOpen = true
    })
    menu.on('menu-will-close', () => {
      this.menuOpen = false
      if (this.pendingMenu) setImmediate(() => this.flushPendingMenu())
    })
    this.tray.setContextMenu(menu)
  }

  private flushPendingMenu(): void {
    this.pendingMenu = false
    this.render()
  }

  private template(): MenuItemConstructorOptions[] {
    const paused = this.progress?.phase === 'paused'
    return [
      { label: 'Search…', accelerator: this.hotkeyLabel || undefined, click: () => this.actions.search() },
      { label: 'Open Semnote', click: () => this.actions.open() },
      { type: 'separator' },
      { label: this.engineProblem ?? describePhase(this.progress, this.files), enabled: false },
      ...(this.shortcutProblem ? [{ label: this.shortcutProblem, enabled: false }] : []),
      paused
        ? { label: 'Resume indexing', click: () => this.actions.resume() }
        : { label: 'Pause indexing', enabled: this.progress !== null, click: () => this.actions.pause() },
      { type: 'separator' },
      { label: 'Quit Semnote', click: () => this.actions.quit() }
    ]
  }
}
