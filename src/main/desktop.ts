// What desktop the app runs on (Wayland, a desktop without a tray) and the identity and command lines the desktop needs.

/**
 * The app's Linux identity: the installed .desktop file's name, which Electron uses as the Wayland app_id / X11 WM_CLASS
 * and which xdg-desktop-portal must resolve before it grants global shortcuts. Same as package.json `desktopName`.
 */
export const DESKTOP_NAME = 'app.semnote.Semnote.desktop'

export interface DesktopSession {
  platform: NodeJS.Platform
  /** A Linux Wayland session: no global cursor position, no programmatic placement, focus only on the user's terms. */
  wayland: boolean
  /** Whether tray icons can be seen: stock GNOME shows none (Ubuntu's GNOME ships the AppIndicator extension). */
  tray: boolean
}

/**
 * Reads the session from the platform and the environment. SEMNOTE_TRAY=1 (an AppIndicator extension installed) or
 * SEMNOTE_TRAY=0 overrides the tray guess.
 */
export function detectDesktop(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): DesktopSession {
  const linux = platform === 'linux'
  const wayland = linux && (env.XDG_SESSION_TYPE === 'wayland' || (env.XDG_SESSION_TYPE === undefined && Boolean(env.WAYLAND_DISPLAY)))
  const desktops = (env.XDG_CURRENT_DESKTOP ?? '').toLowerCase().split(':')
  const stockGnome = linux && desktops.some((name) => name.startsWith('gnome')) && !desktops.includes('ubuntu')
  const tray = env.SEMNOTE_TRAY === '1' ? true : env.SEMNOTE_TRAY === '0' ? false : !stockGnome
  return { platform, wayland, tray }
}

/** Quotes an argument for a shell command line shown to the user, only when it needs it. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `"${value.replace(/(["\\$`])/g, '\\$1')}"`
}

/** Where this copy of Semnote was started from. */
export interface LaunchHost {
  /** process.execPath. */
  execPath: string
  /** $APPIMAGE: the AppImage file itself (execPath is inside a mount that changes on every start). */
  appImage?: string
  isPackaged: boolean
  /** app.getAppPath(), which an unpackaged (development) run passes to Electron. */
  appPath: string
}

/** The command a desktop keyboard binding runs to show or hide the popup of the running app. */
export function toggleCommand(host: LaunchHost): string {
  if (host.appImage) return `${shellWord(host.appImage)} --toggle`
  if (host.isPackaged) return `${shellWord(host.execPath)} --toggle`
  return `${shellWord(host.execPath)} ${shellWord(host.appPath)} --toggle`
}
