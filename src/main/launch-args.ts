// Command-line flags the app understands: --toggle (show/hide the popup, for Wayland compositor bindings) and --hidden.
export interface LaunchArgs {
  /** Show or hide the quick-search popup instead of the main window. */
  toggle: boolean
  /** Start in the tray without a window (launch at login). */
  hidden: boolean
}

/** Reads our flags from argv (the first instance's or the one a second launch forwards). */
export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  return { toggle: argv.includes('--toggle'), hidden: argv.includes('--hidden') }
}
