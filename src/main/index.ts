// App entry: single instance, lifecycle, and the one place where the small main-process services are wired together.
import { app, dialog, globalShortcut, ipcMain, session, shell } from 'electron'
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { homedir } from 'node:os'
import { EngineClient } from './engine-client'
import { spawnUtilityHost } from './engine-spawn'
import { QuickSearchHotkey } from './hotkey'
import { createApiHandlers } from './ipc/handlers'
import { openNoteFile } from './ipc/open-note'
import { createApiDispatcher, registerApi } from './ipc/router'
import { createSenderGuard } from './ipc/sender'
import { applyLaunchAtLogin } from './launch-at-login'
import { parseLaunchArgs } from './launch-args'
import { SettingsStore } from './settings'
import { AppTray } from './tray'
import { AppWindows } from './windows/app-windows'
import { hardenSession, hardenWebContents } from './windows/security'

/** Folders and files the app uses, resolved once. */
function appPaths() {
  const userData = app.getPath('userData')
  const resources = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources')
  return {
    settingsFile: join(userData, 'settings.json'),
    windowStateFile: join(userData, 'window-state.json'),
    dataDir: join(userData, 'index'),
    modelDirs: [join(userData, 'models'), join(resources, 'models')],
    samplesDir: join(resources, 'samples'),
    preload: join(__dirname, '../preload/index.js'),
    rendererDir: join(__dirname, '../renderer'),
    engineHost: join(__dirname, 'engine-host.js'),
    devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  }
}

/** Creates and connects every service; returns what the lifecycle handlers need. */
function boot() {
  const paths = appPaths()
  const settings = SettingsStore.open(paths.settingsFile)
  hardenSession(session.defaultSession, { allowRemoteImages: () => settings.get().allowRemoteImages, devServerUrl: paths.devServerUrl })
  const windows = new AppWindows(paths)

  const engine = new EngineClient({
    spawn: () =>
      spawnUtilityHost(paths.engineHost, () => {
        const current = settings.get()
        return { dataDir: paths.dataDir, modelDirs: paths.modelDirs, modelId: current.modelId, ignorePatterns: current.ignorePatterns, watch: true }
      })
  })

  const hotkey = new QuickSearchHotkey(globalShortcut, () => windows.togglePopup())
  const tray = new AppTray(
    {
      search: () => windows.showPopup(),
      open: () => windows.showMain(),
      pause: () => void engine.call('pauseIndexing', undefined).catch(() => undefined),
      resume: () => void engine.call('resumeIndexing', undefined).catch(() => undefined),
      quit: () => app.quit()
    },
    settings.get().hotkey
  )

  const loginHost = {
    platform: process.platform,
    setLoginItemSettings: (value: { openAtLogin: boolean; args?: string[] }) => app.setLoginItemSettings(value),
    executable: process.env.APPIMAGE ?? process.execPath,
    configHome: process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config')
  }

  const handlers = createApiHandlers({
    engine,
    settings,
    samplesDir: paths.samplesDir,
    chooseFolder: async (senderId, title) => {
      const parent = windows.dialogParent(senderId)
      const options = { title, properties: ['openDirectory' as const] }
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]
    },
    confirmEditorCommand: async (senderId, command) => {
      const options = {
        type: 'warning' as const,
        buttons: ['Cancel', 'Allow'],
        defaultId: 0,
        cancelId: 0,
        message: 'Allow Semnote to run this command to open notes?',
        detail: command
      }
      const parent = windows.dialogParent(senderId)
      const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options)
      return response === 1
    },
    applyHotkey: (accelerator) => {
      hotkey.set(accelerator)
      tray.setHotkeyLabel(accelerator)
    },
    applyLaunchAtLogin: (enabled) => applyLaunchAtLogin(loginHost, enabled),
    // Loaded on first use: it pulls in the download code (undici), which start-up does not need.
    downloadProxy: async () => (await import('./system-proxy')).systemProxyForDownload((url) => session.defaultSession.resolveProxy(url)),
    restartEngine: () => engine.restart(),
    openNote: (file, line) => {
      const services = {
        openPath: (path: string) => shell.openPath(path),
        openExternal: (url: string) => shell.openExternal(url),
        showItemInFolder: (path: string) => shell.showItemInFolder(path),
        spawn
      }
      return openNoteFile(services, settings.get().editorCommand, file, line)
    },
    revealNote: (file) => shell.showItemInFolder(file),
    hidePopup: () => windows.hidePopup()
  })
  registerApi(ipcMain, createApiDispatcher(handlers, createSenderGuard(paths, (id) => windows.isOurs(id))))

  engine.on('status', (status) => {
    windows.broadcast('status', status)
    tray.setProgress(status.progress, status.files)
  })
  engine.on('progress', (progress) => {
    windows.broadcast('progress', progress)
    tray.setProgress(progress)
  })
  engine.on('model', (model) => windows.broadcast('model', model))
  engine.on('mapProgress', (progress) => windows.broadcast('mapProgress', progress))
  engine.on('crashed', (crash) => {
    windows.broadcast('engineCrashed', crash)
    tray.setEngineProblem(crash.restarting ? 'Engine restarting…' : `Engine stopped: ${crash.message}`)
  })
  engine.on('ready', (ready) => {
    windows.broadcast('engineReady', ready)
    void syncRoots(engine, settings).then((status) => {
      windows.broadcast('status', status)
      tray.setProgress(status.progress, status.files)
    }, () => undefined)
  })
  settings.onChange((current) => windows.broadcast('settings', current))

  try {
    hotkey.set(settings.get().hotkey)
  } catch (error) {
    tray.setEngineProblem(`${(error as Error).message} (change it in Settings, or bind "semnote --toggle" in your desktop)`)
  }
  try {
    applyLaunchAtLogin(loginHost, settings.get().launchAtLogin)
  } catch {
    // Not fatal: the setting stays as the user chose and is re-applied on the next change.
  }
  engine.start()

  if (settings.loadReport.problem !== undefined) {
    void dialog.showMessageBox({
      type: 'warning',
      message: 'Your Semnote settings could not be read and were reset.',
      detail: `${settings.loadReport.problem}${settings.loadReport.backupPath ? `\nThe old file was kept as ${settings.loadReport.backupPath}` : ''}`
    })
  }
  return { windows, engine, tray }
}

/** Gives a (re)started engine every root the settings hold; returns the resulting status. */
async function syncRoots(engine: EngineClient, settings: SettingsStore) {
  const status = await engine.call('status', undefined)
  const known = new Set(status.roots.map((root) => root.path))
  const missing = settings.get().roots.filter((root) => !known.has(root))
  return missing.length > 0 ? engine.call('addRoots', { paths: missing }) : status
}

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
