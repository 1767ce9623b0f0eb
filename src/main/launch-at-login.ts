// Launch at login: Electron's login items on macOS and Windows, an XDG autostart entry on Linux.
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from './settings'

export interface LoginItemHost {
  platform: NodeJS.Platform
  /** Electron's app.setLoginItemSettings. */
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void
  /** The command that starts this app (process.execPath, or $APPIMAGE for an AppImage). */
  executable: string
  /** $XDG_CONFIG_HOME or ~/.config. */
  configHome: string
}

/** Path of the XDG autostart entry on Linux. */
export const autostartFile = (configHome: string) => join(configHome, 'autostart', 'semnote.desktop')

/** Quotes a value for a .desktop Exec line. */
export function desktopExecQuote(value: string): string {
  return `"${value.replace(/(["`$\\])/g, '\\$1')}"`
}

/** Turns launching at login on or off for this platform. */
export function applyLaunchAtLogin(host: LoginItemHost, enabled: boolean): void {
  if (host.platform !== 'linux') {
    // Windows passes args to the login item (start in the tray); macOS ignores them.
    host.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] })
    return
  }
  const file = autostartFile(host.configHome)
  if (!enabled) {
    if (existsSync(file)) rmSync(file)
    return
  }
  const entry = [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Semnote',
    'Comment=Find your notes by meaning',
    `Exec=${desktopExecQuote(host.executable)} --hidden`,
    'X-GNOME-Autostart-enabled=true',
    ''
  ].join('\n')
  writeFileAtomic(file, entry)
}
