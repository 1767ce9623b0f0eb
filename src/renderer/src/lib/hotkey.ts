// Builds an Electron accelerator string ("CommandOrControl+Shift+Space") from a keydown event.

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Fn', 'OS'])

const NAMED_KEYS: Record<string, string> = {
  ' ': 'Space',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Escape: 'Escape',
  Enter: 'Enter',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  '+': 'Plus'
}

/** The key part of an accelerator, from `code` so layouts and Shift do not change it. */
function acceleratorKey(event: Pick<KeyboardEvent, 'key' | 'code'>): string | null {
  if (MODIFIER_KEYS.has(event.key)) return null
  if (/^Key[A-Z]$/.test(event.code)) return event.code.slice(3)
  if (/^Digit[0-9]$/.test(event.code)) return event.code.slice(5)
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(event.key)) return event.key
  if (event.code === 'Space') return 'Space'
  if (NAMED_KEYS[event.key]) return NAMED_KEYS[event.key]
  if (event.key.length === 1) return event.key.toUpperCase()
  return null
}

/**
 * The accelerator for a key press, or null while only modifiers are held or when no
 * modifier is pressed (a global shortcut needs one, F-keys excepted).
 * Ctrl on Windows/Linux and Cmd on macOS both become CommandOrControl.
 */
export function acceleratorFromEvent(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  platform: string
): string | null {
  const key = acceleratorKey(event)
  if (!key) return null
  const isMac = platform === 'darwin'
  const parts: string[] = []
  if (isMac ? event.metaKey : event.ctrlKey) parts.push('CommandOrControl')
  if (isMac && event.ctrlKey) parts.push('Control')
  if (!isMac && event.metaKey) parts.push('Super')
  if (event.altKey) parts.push('Alt')
  if (event.shiftKey) parts.push('Shift')
  const isFunctionKey = /^F\d+$/.test(key)
  if (parts.length === 0 && !isFunctionKey) return null
  return [...parts, key].join('+')
}

/** An accelerator as the user reads it on this platform ("⌘⇧Space" on macOS, "Ctrl+Shift+Space" elsewhere). */
export function displayAccelerator(accelerator: string, platform: string): string {
  const isMac = platform === 'darwin'
  const names: Record<string, string> = isMac
    ? { CommandOrControl: '⌘', Command: '⌘', Control: '⌃', Alt: '⌥', Option: '⌥', Shift: '⇧', Super: '⌘' }
    : { CommandOrControl: 'Ctrl', Command: 'Super', Control: 'Ctrl', Super: 'Super' }
  const parts = accelerator.split('+').map((p) => names[p] ?? p)
  return parts.join(isMac ? '' : '+')
}
