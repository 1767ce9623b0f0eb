// The tray icon: Search, Open Semnote, Pause/Resume indexing, Quit; the tooltip shows what indexing is doing.
import { Menu, Tray, nativeImage } from 'electron'
import type { IndexProgress } from '../shared/types'
import { drawIcon } from './icon'

export interface TrayActions {
  search(): void
  open(): void
  pause(): void
  resume(): void
  quit(): void
}

/** One line describing indexing, for the tooltip and the menu. */
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

/** The tray icon and its menu, rebuilt whenever the indexing state changes. */
export class AppTray {
  private readonly tray: Tray
  private progress: IndexProgress | null = null
  private files: number | null = null
  private engineProblem: string | null = null

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

  setHotkeyLabel(label: string): void {
    this.hotkeyLabel = label
    this.render()
  }

  destroy(): void {
    this.tray.destroy()
  }

  private render(): void {
    const state = this.engineProblem ?? describeProgress(this.progress, this.files)
    const paused = this.progress?.phase === 'paused'
    this.tray.setToolTip(`Semnote — ${state}`)
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Search…', accelerator: this.hotkeyLabel || undefined, click: () => this.actions.search() },
        { label: 'Open Semnote', click: () => this.actions.open() },
        { type: 'separator' },
        { label: state, enabled: false },
        paused
          ? { label: 'Resume indexing', click: () => this.actions.resume() }
          : { label: 'Pause indexing', enabled: this.progress !== null, click: () => this.actions.pause() },
        { type: 'separator' },
        { label: 'Quit Semnote', click: () => this.actions.quit() }
      ])
    )
  }
}
