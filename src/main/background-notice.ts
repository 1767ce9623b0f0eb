// Where no tray icon can be seen (stock GNOME), a notification is the way back: Semnote still runs, here is how to return.
import { Notification } from 'electron'

export interface BackgroundNoticeOptions {
  /** The live quick-search shortcut as the user types it ('' when there is none). */
  shortcut(): string
  /** Opens the main window. */
  open(): void
}

/** Tells the user, at most once per session, that Semnote keeps running without a window; a click opens it. */
export class BackgroundNotice {
  private told = false
  /** Kept referenced: a collected notification loses its click handler. */
  private current: Notification | null = null

  constructor(private readonly options: BackgroundNoticeOptions) {}

  /** After a start without a window (--hidden, launch at login): the notification, or the window where there is none. */
  startedHidden(): void {
    if (!this.notify()) this.options.open()
  }

  /** After the user closed the main window. */
  mainClosed(): void {
    this.notify()
  }

  private notify(): boolean {
    if (this.told) return true
    if (!Notification.isSupported()) return false
    this.told = true
    const shortcut = this.options.shortcut()
    const body = shortcut
      ? `Semnote keeps your notes indexed. Press ${shortcut} to search, or click here to open it.`
      : 'Semnote keeps your notes indexed. Click here, or start Semnote again from your apps, to open it.'
    this.current = new Notification({ title: 'Semnote is running', body })
    this.current.on('click', () => this.options.open())
    this.current.show()
    return true
  }
}
