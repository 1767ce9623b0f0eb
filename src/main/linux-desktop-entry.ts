// An AppImage installs nothing: this writes the user's .desktop entry for it, so the desktop can resolve the app id (global
// shortcut portal) and hand semnote:// links to it.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DESKTOP_NAME } from './desktop'
import { DEEP_LINK_SCHEME } from './deep-link'
import { desktopExecQuote } from './launch-at-login'
import { writeFileAtomic } from './settings'

/** ~/.local/share/applications/app.semnote.Semnote.desktop (under $XDG_DATA_HOME). */
export const appImageDesktopEntryFile = (dataHome: string) => join(dataHome, 'applications', DESKTOP_NAME)

/** The entry for the AppImage at `appImage`; StartupWMClass matches the app id Electron takes from desktopName. */
export function appImageDesktopEntry(appImage: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Semnote',
    'Comment=Find your notes by meaning',
    `Exec=${desktopExecQuote(appImage)} %U`,
    'Terminal=false',
    'Categories=Office;',
    'Keywords=notes;search;semantic;markdown;',
    `MimeType=x-scheme-handler/${DEEP_LINK_SCHEME};`,
    `StartupWMClass=${DESKTOP_NAME.replace(/\.desktop$/, '')}`,
    ''
  ].join('\n')
}

/** Writes (or updates, when the AppImage moved) the entry; returns whether the file changed. */
export function installAppImageDesktopEntry(appImage: string, dataHome: string): boolean {
  const file = appImageDesktopEntryFile(dataHome)
  const entry = appImageDesktopEntry(appImage)
  if (existsSync(file) && readFileSync(file, 'utf8') === entry) return false
  writeFileAtomic(file, entry)
  return true
}
