// App entry: single instance, lifecycle; the services themselves are created in app-services.ts.
import { app, globalShortcut } from 'electron'
import { resolve } from 'node:path'
import { boot } from './app-services'
import { parseLaunchArgs } from './launch-args'
import { hardenWebContents } from './windows/security'

function main(): void {
  // A separate profile (tests, portable use); must be set before the single-instance lock, which is per profile.
  if (process.env.SEMNOTE_USER_DATA_DIR) app.setPath('userData', resolve(process.env.SEMNOTE_USER_DATA_DIR))
  app.enableSandbox()
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  const launch = parseLaunchArgs(process.argv)
  let services: ReturnType<typeof boot> | null = null
  let quitting = false

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
  app.on('second-instance', (_event, argv) => {
    if (parseLaunchArgs(argv).toggle) services?.windows.togglePopup()
    else services?.windows.showMain()
  })
  // Semnote lives in the tray: closing the windows does not quit.
  app.on('window-all-closed', () => undefined)
  app.on('activate', () => services?.windows.showMain())
  app.on('before-quit', (event) => {
    if (quitting || services === null) return
    event.preventDefault()
    quitting = true
    globalShortcut.unregisterAll()
    const running = services
    void running.engine.stop().finally(() => {
      running.tray.destroy()
      app.quit()
    })
  })

  void app.whenReady().then(() => {
    services = boot()
    if (launch.toggle) services.windows.showPopup()
    else if (!launch.hidden) services.windows.showMain()
  })
}

main()
