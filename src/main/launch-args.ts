// Command-line flags the app understands: --toggle (show/hide the popup, for desktop keyboard bindings), --hidden, and a
// semnote:// link (a launcher handing a search or a note to Semnote).
import { findDeepLink } from './deep-link'

export interface LaunchArgs {
  /** Show or hide the quick-search popup instead of the main window. */
  toggle: boolean
  /** Start in the tray without a window (launch at login). */
  hidden: boolean
  /** A semnote:// link to follow, as given (validated when followed). */
  link: string | null
}

/**
 * Reads our flags from argv (the first instance's or the one a second launch forwards). `openedAtLogin`: macOS says the
 * app was opened as a login item, which passes no arguments (only Windows login items pass --hidden).
 */
export function parseLaunchArgs(argv: readonly string[], openedAtLogin = false): LaunchArgs {
  return { toggle: argv.includes('--toggle'), hidden: argv.includes('--hidden') || openedAtLogin, link: findDeepLink(argv) }
}
