// Launch flags (--toggle for Wayland bindings, --hidden) and launch at login (XDG autostart entry on Linux).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyLaunchAtLogin, autostartFile } from '../../src/main/launch-at-login'
import { parseLaunchArgs } from '../../src/main/launch-args'

describe('parseLaunchArgs', () => {
  it('reads --toggle and --hidden', () => {
    expect(parseLaunchArgs(['/opt/Semnote/semnote', '--toggle'])).toEqual({ toggle: true, hidden: false, link: null })
    expect(parseLaunchArgs(['/opt/Semnote/semnote', '--hidden'])).toEqual({ toggle: false, hidden: true, link: null })
    expect(parseLaunchArgs(['/opt/Semnote/semnote', 'toggle'])).toEqual({ toggle: false, hidden: false, link: null })
    expect(parseLaunchArgs(['/opt/Semnote/semnote', '--allow-file-access', 'semnote://search?q=tea'])).toEqual({ toggle: false, hidden: false, link: 'semnote://search?q=tea' })
    expect(parseLaunchArgs(['/Applications/Semnote.app/Contents/MacOS/Semnote'], true).hidden).toBe(true)
  })
})

describe('applyLaunchAtLogin', () => {
  it('writes and removes an XDG autostart entry on Linux with a quoted Exec line', () => {
    const configHome = mkdtempSync(join(tmpdir(), 'semnote-xdg-'))
    const host = { platform: 'linux' as const, setLoginItemSettings: () => undefined, executable: '/home/a b/Semnote $1.AppImage', configHome }
    applyLaunchAtLogin(host, true)
    const entry = readFileSync(autostartFile(configHome), 'utf8')
    expect(entry).toContain('Exec="/home/a b/Semnote \\$1.AppImage" --hidden')
    applyLaunchAtLogin(host, false)
    expect(existsSync(autostartFile(configHome))).toBe(false)
  })

  it("uses Electron's login items elsewhere", () => {
    const calls: unknown[] = []
    applyLaunchAtLogin({ platform: 'darwin', setLoginItemSettings: (s) => calls.push(s), executable: '/x', configHome: '/nonexistent' }, true)
    expect(calls).toEqual([{ openAtLogin: true, args: ['--hidden'] }])
  })
})

describe('the AppImage desktop entry', () => {
  it('names the app id, hands semnote:// links to the AppImage, and is rewritten only when the AppImage moved', async () => {
    const { appImageDesktopEntryFile, installAppImageDesktopEntry } = await import('../../src/main/linux-desktop-entry')
    const dataHome = mkdtempSync(join(tmpdir(), 'semnote-xdg-data-'))
    expect(installAppImageDesktopEntry('/home/ada/Apps/Semnote 0.1.AppImage', dataHome)).toBe(true)
    const file = appImageDesktopEntryFile(dataHome)
    expect(file.endsWith('/applications/app.semnote.Semnote.desktop')).toBe(true)
    const entry = readFileSync(file, 'utf8')
    expect(entry).toContain('Exec="/home/ada/Apps/Semnote 0.1.AppImage" %U')
    expect(entry).toContain('MimeType=x-scheme-handler/semnote;')
    expect(entry).toContain('StartupWMClass=app.semnote.Semnote')
    expect(installAppImageDesktopEntry('/home/ada/Apps/Semnote 0.1.AppImage', dataHome)).toBe(false)
    expect(installAppImageDesktopEntry('/opt/Semnote.AppImage', dataHome)).toBe(true)
  })
})
