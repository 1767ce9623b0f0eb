// The global quick-search shortcut: registers one accelerator at a time and reports conflicts as HOTKEY_CONFLICT.
import { SemnoteError } from '../shared/errors'

/** The part of Electron's globalShortcut this needs. */
export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean
  unregister(accelerator: string): void
}

/** Holds the current shortcut; swapping keeps the old one when the new one cannot be registered. */
export class QuickSearchHotkey {
  private current = ''

  constructor(
    private readonly registry: ShortcutRegistry,
    private readonly onPress: () => void
  ) {}

  /** The accelerator in force ('' when none). */
  get accelerator(): string {
    return this.current
  }

  /**
   * Switches to `accelerator` ('' disables the shortcut). Throws HOTKEY_CONFLICT when another app holds it
   * (or Electron rejects it), leaving the previous shortcut registered.
   */
  set(accelerator: string): void {
    if (accelerator === this.current) return
    const previous = this.current
    if (previous !== '') this.registry.unregister(previous)
    this.current = ''
    if (accelerator === '') return
    let registered = false
    try {
      registered = this.registry.register(accelerator, this.onPress)
    } catch {
      registered = false
    }
    if (!registered) {
      if (previous !== '' && this.registry.register(previous, this.onPress)) this.current = previous
      throw new SemnoteError('HOTKEY_CONFLICT', `the shortcut ${accelerator} is already used by another application or the system`)
    }
    this.current = accelerator
  }
}
