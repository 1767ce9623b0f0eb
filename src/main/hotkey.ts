// The global quick-search shortcut: one accelerator at a time, conflicts as HOTKEY_CONFLICT, and an honest live/failed state.
import { SemnoteError } from '../shared/errors'
import type { ShellStatus } from '../shared/types'

/** The part of Electron's globalShortcut this needs. */
export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean
  isRegistered(accelerator: string): boolean
  unregister(accelerator: string): void
}

export type HotkeyStatus = ShellStatus['hotkey']

export interface HotkeyOptions {
  /**
   * False on Wayland: the binding goes to the desktop portal, which may refuse it later without telling the app, so a
   * successful registration is only `unconfirmed`.
   */
  confirmable: boolean
}

/** Holds the current shortcut; swapping keeps the old one when the new one cannot be registered. */
export class QuickSearchHotkey {
  private current = ''
  private state: HotkeyStatus = { accelerator: '', state: 'off' }
  private readonly listeners = new Set<(status: HotkeyStatus) => void>()

  constructor(
    private readonly registry: ShortcutRegistry,
    private readonly onPress: () => void,
    private readonly options: HotkeyOptions = { confirmable: true }
  ) {}

  /** The accelerator in force ('' when none). */
  get accelerator(): string {
    return this.current
  }

  /** Whether the shortcut works, as far as the OS lets the app know. */
  get status(): HotkeyStatus {
    return { ...this.state }
  }

  /** Calls `listener` whenever the status changes; returns the unsubscribe function. */
  onChange(listener: (status: HotkeyStatus) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Switches to `accelerator` ('' disables the shortcut). Throws HOTKEY_CONFLICT when another app holds it, the OS
   * refuses it, or Electron rejects it; the previous shortcut then stays registered. Taken shortcuts "silently fail"
   * (register() may still return true), so a registration counts only once isRegistered() confirms it.
   */
  set(accelerator: string): void {
    if (accelerator === this.current && this.state.state !== 'failed') return
    const previous = this.current
    if (previous !== '') this.registry.unregister(previous)
    this.current = ''
    if (accelerator === '') {
      this.update({ accelerator: '', state: 'off' })
      return
    }
    const problem = this.tryRegister(accelerator)
    if (problem === null) {
      this.current = accelerator
      this.update({ accelerator, state: this.options.confirmable ? 'live' : 'unconfirmed' })
      return
    }
    if (previous !== '' && this.tryRegister(previous) === null) this.current = previous
    else this.update({ accelerator, state: 'failed', detail: problem })
    throw new SemnoteError('HOTKEY_CONFLICT', `the shortcut ${accelerator} ${problem}`)
  }

  /** Registers `accelerator`; returns why it is not live, or null when it is. */
  private tryRegister(accelerator: string): string | null {
    try {
      if (!this.registry.register(accelerator, this.onPress)) return 'is already used by another application or the system'
    } catch {
      return 'is not a shortcut this system accepts'
    }
    if (this.options.confirmable && !this.registry.isRegistered(accelerator)) {
      this.registry.unregister(accelerator)
      return 'is already used by another application or the system'
    }
    return null
  }

  private update(status: HotkeyStatus): void {
    if (JSON.stringify(status) === JSON.stringify(this.state)) return
    this.state = status
    for (const listener of this.listeners) listener(this.status)
  }
}
