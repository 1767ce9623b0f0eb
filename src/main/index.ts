// App entry: the desktop identity set before ready, single instance, semnote:// links, launch modes and a clean quit.
import { Notification, app, globalShortcut, powerMonitor } from 'electron'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { startServices, type AppServices } from './app-services'
import { DESKTOP_NAME, detectDesktop, type DesktopSession, type LaunchHost } from './desktop'
import { DEEP_LINK_SCHEME, followDeepLink, type DeepLinkActions } from './deep-link'
import { parseLaunchArgs } from './launch-args'
import { installAppImageDesktopEntry } from './linux-desktop-entry'
import { hardenWebContents } from './windows/security'

/**
 * What must happen before `ready` on Linux: the app id the desktop knows us by (must match the installed .desktop file,
 * or the GNOME portal refuses shortcut binds without a word), and on Wayland the desktop portal for global shortcuts
 * (without it every globalShortcut.register fails silently there).
 */
function prepareDesktopIdentity(desktop: DesktopSession): void {
  if (desktop.platform !== 'linux') return
  app.setDesktopName(DESKTOP_NAME)
  if (desktop.wayland) {
    const features = app.commandLine.getSwitchValue('enable-features')
    // Chromium honours only the last --enable-features switch: extend it rather than add a second one.
    app.commandLine.appendSwitch('enable-features', [features, 'GlobalShortcutsPortal'].filter(Boolean).join(','))
  }
}

/** Registers semnote:// with the OS for an installed app (a development run would register the bare Electron binary). */
function registerLinkHandler(host: LaunchHost): void {
  if (!app.isPackaged) return
  if (host.appImage) installAppImageDesktopEntry(host.appImage, process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'))
  app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)
}

/** Logs `message` and shows it as a notification (a link from another app has no window to answer in). */
function report(message: string): void {
  console.warn(message)
  if (Notification.isSupported()) new Notification({ title: 'Semnote', body: message }).show()
}

/** What following a link does, through the same calls the windows make. */
function linkActions(services: AppServices): DeepLinkActions {
  return {
    search: (query, mode) => services.windows.showPopup({ query, ...(mode ? { mode } : {}) }),
    open: async (path, line) => {
      // The openNote call's own path: resolved by the engine, refused outside the indexed roots.
      await services.handlers.openNote({ path, ...(line !== undefined ? { line } : {}) }, { senderId: -1 })
    },
    report
  }
}

function main(): void {
  // A separate profile (tests, portable use); must be set before the single-instance lock, which is per profile.
  if (process.env.SEMNOTE_USER_DATA_DIR) app.setPath('userData', resolve(process.env.SEMNOTE_USER_DATA_DIR))
  const desktop = detectDesktop()
  prepareDesktopIdentity(desktop)
  app.enableSandbox()
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  const launchHost: LaunchHost = { execPath: process.execPath, appImage: process.env.APPIMAGE, isPackaged: app.isPackaged, appPath: app.getAppPath() }
  const argv = [...process.argv]
  let services: AppServices | null = null
  /** Links that arrive before the services exist (macOS sends the one that launched the app before ready). */
  const earlyLinks: string[] = []
  let engineStopped = false
  let quitting = false

  const follow = (url: string) => {
    if (services === null) earlyLinks.push(url)
    else void followDeepLink(url, linkActions(services))
  }
  /** Stops the engine cleanly (it commits its batch in flight), then quits; used by every way out. */
  const quitCleanly = () => {
    if (quitting || services === null) return
    quitting = true
    globalShortcut.unregisterAll()
    const running = services
    void Promise.allSettled([running.localApi.stop(), running.engine.stop()]).finally(() => {
      engineStopped = true
      running.tray.destroy()
      app.quit()
    })
  }

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
  app.on('open-url', (event, url) => {
    event.preventDefault()
    follow(url)
  })
  app.on('second-instance', (_event, secondArgv) => {
    const launch = parseLaunchArgs(secondArgv)
    if (launch.link !== null) follow(launch.link)
    else if (launch.toggle) services?.windows.togglePopup()
    else services?.windows.showMain()
  })
  // Semnote keeps indexing and listening for the shortcut when its windows are closed.
  app.on('window-all-closed', () => undefined)
  app.on('activate', () => services?.windows.showMain())
  app.on('before-quit', (event) => {
    if (engineStopped || services === null) return
    event.preventDefault()
    quitCleanly()
  })

  void app.whenReady().then(() => {
    services = startServices({ desktop, launchHost, onSessionEnd: quitCleanly, quitting: () => quitting })
    registerLinkHandler(launchHost)
    // Linux and macOS: the system is shutting down; the engine gets to close before the app goes.
    powerMonitor.on('shutdown', (event?: { preventDefault?: () => void }) => {
      event?.preventDefault?.()
      quitCleanly()
    })
    const openedAtLogin = desktop.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin
    const launch = parseLaunchArgs(argv, openedAtLogin)
    if (launch.link !== null) earlyLinks.push(launch.link)
    if (earlyLinks.length > 0) for (const url of earlyLinks.splice(0)) follow(url)
    else if (launch.toggle) services.windows.showPopup()
    else if (!launch.hidden) services.windows.showMain()
    else services.notice?.startedHidden()
  })
}

main()
