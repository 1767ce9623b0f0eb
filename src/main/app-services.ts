// The main-process services (settings, windows, engine, shortcut, tray, IPC) created once the app is ready, and wired together.
import { app, dialog, globalShortcut, ipcMain, session, shell } from 'electron'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { homedir } from 'node:os'
import type { ShellStatus } from '../shared/types'
import { BackgroundNotice } from './background-notice'
import { toggleCommand, type DesktopSession, type LaunchHost } from './desktop'
import { EngineClient } from './engine-client'
import { spawnUtilityHost } from './engine-spawn'
import { QuickSearchHotkey, type HotkeyStatus } from './hotkey'
import { createApiHandlers } from './ipc/handlers'
import { desktopCommandDirs, openNoteFile, resolveEditorCommand } from './ipc/open-note'
import { createApiDispatcher, registerApi } from './ipc/router'
import { createSenderGuard } from './ipc/sender'
import { applyLaunchAtLogin } from './launch-at-login'
import { LocalApi } from './local-api'
import { SettingsStore } from './settings'
import { AppTray } from './tray'
import { SEMNOTE_VERSION } from './version'
import { AppWindows } from './windows/app-windows'
import { hardenSession } from './windows/security'

/** Folders and files the app uses, resolved once. */
export function appPaths() {
  const userData = app.getPath('userData')
  const resources = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources')
  return {
    settingsFile: join(userData, 'settings.json'),
    windowStateFile: join(userData, 'window-state.json'),
    dataDir: join(userData, 'index'),
    modelDirs: [join(userData, 'models'), join(resources, 'models')],
    samplesDir: join(resources, 'samples'),
    sampleNotesDir: join(userData, 'sample-notes'),
    preload: join(__dirname, '../preload/index.js'),
    rendererDir: join(__dirname, '../renderer'),
    engineHost: join(__dirname, 'engine-host.js'),
    devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  }
}

export interface ServiceOptions {
  desktop: DesktopSession
  launchHost: LaunchHost
  /** Windows: the session ends (shutdown, restart, logoff); quit cleanly now. */
  onSessionEnd(): void
  /** Whether the app is quitting (windows closing then is no reason to tell the user anything). */
  quitting(): boolean
}

/** An accelerator as the user types it on this platform ("CommandOrControl+Shift+Space" -> "Ctrl+Shift+Space"). */
function displayAccelerator(accelerator: string): string {
  return accelerator.replace(/\b(CommandOrControl|CmdOrCtrl)\b/g, process.platform === 'darwin' ? 'Cmd' : 'Ctrl')
}

/** The tray's line about a shortcut that is not live, or null. */
function shortcutProblem(status: HotkeyStatus): string | null {
  return status.state === 'failed' ? `Quick-search shortcut ${displayAccelerator(status.accelerator)} is not active (see Settings)` : null
}

/** Creates and connects every service; returns what the lifecycle handlers need. */
export function startServices(options: ServiceOptions) {
  const { desktop, launchHost } = options
  const paths = appPaths()
  const settings = SettingsStore.open(paths.settingsFile)
  hardenSession(session.defaultSession, { allowRemoteImages: () => settings.get().allowRemoteImages, devServerUrl: paths.devServerUrl })
  let notice: BackgroundNotice | null = null
  const windows = new AppWindows({
    ...paths,
    desktop,
    onSessionEnd: options.onSessionEnd,
    onMainClosed: () => {
      if (!options.quitting()) notice?.mainClosed()
    }
  })

  const engine = new EngineClient({
    spawn: () =>
      spawnUtilityHost(paths.engineHost, () => {
        const current = settings.get()
        return {
          dataDir: paths.dataDir,
          modelDirs: paths.modelDirs,
          modelId: current.modelId,
          ignorePatterns: current.ignorePatterns,
          watch: true,
          preloadQueryLexicon: true,
          ...(current.indexingThreads > 0 ? { prepareThreads: current.indexingThreads } : {})
        }
      })
  })

  const localApi = new LocalApi({ engine, dataDir: paths.dataDir, version: SEMNOTE_VERSION })

  const hotkey = new QuickSearchHotkey(globalShortcut, () => windows.togglePopup(), { confirmable: !desktop.wayland })
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
  if (!desktop.tray) {
    notice = new BackgroundNotice({
      shortcut: () => (hotkey.status.state === 'live' || hotkey.status.state === 'unconfirmed' ? displayAccelerator(hotkey.accelerator) : ''),
      open: () => windows.showMain()
    })
  }
  const shellStatus = (): ShellStatus => ({ hotkey: hotkey.status, wayland: desktop.wayland, tray: desktop.tray, toggleCommand: toggleCommand(launchHost) })
  hotkey.onChange((status) => {
    tray.setShortcutProblem(shortcutProblem(status))
    windows.broadcast('shellStatus', shellStatus())
  })

  const loginHost = {
    platform: process.platform,
    setLoginItemSettings: (value: { openAtLogin: boolean; args?: string[] }) => app.setLoginItemSettings(value),
    executable: launchHost.appImage ?? launchHost.execPath,
    configHome: process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config')
  }

  const handlers = createApiHandlers({
    engine,
    settings,
    samplesDir: paths.samplesDir,
    sampleNotesDir: paths.sampleNotesDir,
    chooseFolder: async (senderId, title) => {
      const parent = windows.dialogParent(senderId)
      const dialogOptions = { title, properties: ['openDirectory' as const] }
      const result = parent ? await dialog.showOpenDialog(parent, dialogOptions) : await dialog.showOpenDialog(dialogOptions)
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]
    },
    confirmEditorCommand: async (senderId, command) => {
      const dialogOptions = {
        type: 'warning' as const,
        buttons: ['Cancel', 'Allow'],
        defaultId: 0,
        cancelId: 0,
        message: 'Allow Semnote to run this command to open notes?',
        detail: command
      }
      const parent = windows.dialogParent(senderId)
      const { response } = parent ? await dialog.showMessageBox(parent, dialogOptions) : await dialog.showMessageBox(dialogOptions)
      return response === 1
    },
    applyHotkey: (accelerator) => {
      hotkey.set(accelerator)
      tray.setHotkeyLabel(accelerator)
    },
    applyLaunchAtLogin: (enabled) => applyLaunchAtLogin(loginHost, enabled),
    applyLocalApi: (enabled) => localApi.apply(enabled),
    // Loaded on first use: it pulls in the download code (undici), which start-up does not need.
    downloadProxy: async () => (await import('./system-proxy')).systemProxyForDownload((url) => session.defaultSession.resolveProxy(url)),
    restartEngine: () => engine.restart(),
    openNote: (file, at) => {
      const services = {
        openPath: (path: string) => shell.openPath(path),
        openExternal: (url: string) => shell.openExternal(url),
        showItemInFolder: (path: string) => shell.showItemInFolder(path),
        spawn,
        resolveCommand: (command: string) =>
          process.platform === 'win32' ? command : resolveEditorCommand(command, process.env.PATH ?? '', desktopCommandDirs(process.platform, homedir()))
      }
      return openNoteFile(services, settings.get(), file, at)
    },
    revealNote: (file) => shell.showItemInFolder(file),
    hidePopup: () => windows.hidePopup(),
    shellStatus
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
  } catch {
    // Not fatal: the shortcut's status says it is not live; the tray and the settings show it with the ways that work.
  }
  try {
    applyLaunchAtLogin(loginHost, settings.get().launchAtLogin)
  } catch {
    // Not fatal: the setting stays as the user chose and is re-applied on the next change.
  }
  engine.start()
  if (settings.get().localApi) {
    localApi.apply(true).catch((error: Error) => tray.setEngineProblem(`${error.message} (turn Local API off or on again in Settings)`))
  }

  if (settings.loadReport.problem !== undefined) {
    void dialog.showMessageBox({
      type: 'warning',
      message: 'Your Semnote settings could not be read and were reset.',
      detail: `${settings.loadReport.problem}${settings.loadReport.backupPath ? `\nThe old file was kept as ${settings.loadReport.backupPath}` : ''}`
    })
  }
  return { windows, engine, tray, handlers, notice, localApi }
}

export type AppServices = ReturnType<typeof startServices>

/** Gives a (re)started engine every root the settings hold; returns the resulting status. */
async function syncRoots(engine: EngineClient, settings: SettingsStore) {
  const status = await engine.call('status', undefined)
  const known = new Set(status.roots.map((root) => root.path))
  const missing = settings.get().roots.filter((root) => !known.has(root))
  return missing.length > 0 ? engine.call('addRoots', { paths: missing }) : status
}
