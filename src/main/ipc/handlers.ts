// The implementation of every renderer call: engine forwarding, root/file checks, settings with side effects, dialogs, open/reveal.
import { cp, stat } from 'node:fs/promises'
import { isAbsolute } from 'node:path'
import type { IndexStatus, ModelState, Settings, ShellStatus } from '../../shared/types'
import { SemnoteError } from '../../shared/errors'
import type { EngineCallName, EngineCalls } from '../engine/contract'
import type { ProxySettings } from '../engine/model/fetch'
import type { SettingsStore } from '../settings'
import type { ApiHandlers } from './router'

/** The engine as the handlers use it (EngineClient in the app). */
export interface EngineCaller {
  call<K extends EngineCallName>(name: K, arg: EngineCalls[K][0]): Promise<EngineCalls[K][1]>
}

/** Everything the handlers need from the rest of main. */
export interface HandlerDeps {
  engine: EngineCaller
  settings: Pick<SettingsStore, 'get' | 'update'>
  /** Bundled sample notes folder (resources/samples, inside the installed app). */
  samplesDir: string
  /**
   * Where the samples are copied before they are indexed (under userData): the install folder is no place for a root, as
   * an AppImage mounts at a new /tmp/.mount_* path on every start and macOS may translocate the app.
   */
  sampleNotesDir: string
  /** Native folder picker parented to the sender's window; null when cancelled. */
  chooseFolder(senderId: number, title: string): Promise<string | null>
  /** Native confirmation before a new editor command may run programs. */
  confirmEditorCommand(senderId: number, command: string): Promise<boolean>
  /** Registers a new global shortcut; throws HOTKEY_CONFLICT and keeps the old one when it is taken. */
  applyHotkey(accelerator: string): void
  applyLaunchAtLogin(enabled: boolean): void
  /** Starts or stops the local HTTP API; throws (and the setting stays as it was) when it cannot start, e.g. port in use. */
  applyLocalApi(enabled: boolean): Promise<void>
  /** The system's proxy for the model download, when the environment names none (see systemProxyForDownload). */
  downloadProxy(): Promise<ProxySettings | undefined>
  /** Restarts the engine so it picks up a new model id. */
  restartEngine(): Promise<void>
  openNote(file: string, at: { line?: number; page?: number }): Promise<void>
  revealNote(file: string): void
  hidePopup(): void
  /** The shortcut's state and what the desktop offers. */
  shellStatus(): ShellStatus
}

async function requireKind(paths: string[], kind: 'directory' | 'file'): Promise<void> {
  for (const path of paths) {
    if (!isAbsolute(path)) throw new SemnoteError('INVALID_PAYLOAD', `not an absolute path: ${path}`)
    const info = await stat(path).catch(() => null)
    if (info === null) throw new SemnoteError('NOT_FOUND', `no such ${kind}: ${path}`)
    if (kind === 'directory' ? !info.isDirectory() : !info.isFile()) throw new SemnoteError('INVALID_PAYLOAD', `not a ${kind}: ${path}`)
  }
}

/** Builds the handler table the dispatcher calls after validating sender and payload. */
export function createApiHandlers(deps: HandlerDeps): ApiHandlers {
  const { engine, settings } = deps
  /** Keeps settings.roots equal to the engine's roots after a root change. */
  const mirrorRoots = (status: IndexStatus): IndexStatus => {
    const roots = status.roots.map((root) => root.path)
    if (JSON.stringify(roots) !== JSON.stringify(settings.get().roots)) settings.update({ roots })
    return status
  }
  const resolveNote = (path: string) => engine.call('resolveNotePath', { path })

  return {
    search: (request) => engine.call('search', request),
    highlightSentence: (arg) => engine.call('highlightSentence', arg),
    related: (arg) => engine.call('related', arg),
    status: () => engine.call('status', undefined),
    previewRoot: async ({ path }) => {
      await requireKind([path], 'directory')
      return engine.call('previewRoot', { path })
    },
    addRoots: async ({ paths }) => {
      await requireKind(paths, 'directory')
      return mirrorRoots(await engine.call('addRoots', { paths }))
    },
    removeRoot: async ({ path }) => mirrorRoots(await engine.call('removeRoot', { path })),
    indexFiles: async ({ paths }) => {
      await requireKind(paths, 'file')
      return engine.call('indexFiles', { paths })
    },
    pauseIndexing: () => engine.call('pauseIndexing', undefined),
    resumeIndexing: () => engine.call('resumeIndexing', undefined),
    readNote: async ({ path, page }) => engine.call('readNote', { path: (await resolveNote(path)).path, ...(page ? { page } : {}) }),
    openNote: async ({ path, line, page }) => deps.openNote((await resolveNote(path)).path, { line, page }),
    revealNote: async ({ path }) => {
      deps.revealNote((await resolveNote(path)).path)
    },
    getSettings: () => settings.get(),
    updateSettings: async (patch, { senderId }) => {
      const before = settings.get()
      /** The patched value of `key` when it differs from the current one. */
      const changed = <K extends keyof Settings>(key: K): Settings[K] | undefined =>
        patch[key] !== undefined && JSON.stringify(patch[key]) !== JSON.stringify(before[key]) ? patch[key] : undefined
      // Both commands run programs: a new one is confirmed natively first.
      for (const key of ['editorCommand', 'pdfViewerCommand'] as const) {
        const command = changed(key)
        if (command !== undefined && command.trim() !== '' && !(await deps.confirmEditorCommand(senderId, command))) {
          throw new SemnoteError('CANCELLED', `the ${key === 'editorCommand' ? 'editor' : 'PDF viewer'} command was not confirmed`)
        }
      }
      const roots = changed('roots')
      if (roots !== undefined) await requireKind(roots, 'directory')
      const hotkey = changed('hotkey')
      if (hotkey !== undefined) deps.applyHotkey(hotkey)
      const ignorePatterns = changed('ignorePatterns')
      if (ignorePatterns !== undefined) await engine.call('setIgnorePatterns', { patterns: ignorePatterns })
      if (roots !== undefined) {
        for (const path of before.roots.filter((root) => !roots.includes(root))) mirrorRoots(await engine.call('removeRoot', { path }))
        const added = roots.filter((root) => !before.roots.includes(root))
        if (added.length > 0) mirrorRoots(await engine.call('addRoots', { paths: added }))
      }
      const localApi = changed('localApi')
      if (localApi !== undefined) await deps.applyLocalApi(localApi)
      const { roots: _handledAbove, ...rest } = patch
      const next = settings.update(rest)
      const launchAtLogin = changed('launchAtLogin')
      if (launchAtLogin !== undefined) deps.applyLaunchAtLogin(launchAtLogin)
      // The model and the prepare workers are set up when the engine starts.
      if (changed('modelId') !== undefined || changed('indexingThreads') !== undefined) await deps.restartEngine()
      return next
    },
    chooseFolder: (_arg, { senderId }) => deps.chooseFolder(senderId, 'Choose a folder of notes'),
    retryModelDownload: async () => {
      const proxy = await deps.downloadProxy()
      return engine.call('retryModelDownload', proxy ? { proxy } : undefined)
    },
    chooseModelFolder: async (_arg, { senderId }): Promise<ModelState> => {
      const folder = await deps.chooseFolder(senderId, 'Choose a folder holding a Semnote model pack')
      if (folder === null) return (await engine.call('status', undefined)).model
      return engine.call('useModelFolder', { path: folder })
    },
    hidePopup: () => {
      deps.hidePopup()
    },
    addSampleNotes: async () => {
      // Files already there are kept: the user may have edited a sample.
      await cp(deps.samplesDir, deps.sampleNotesDir, { recursive: true, force: false, errorOnExist: false })
      return mirrorRoots(await engine.call('addRoots', { paths: [deps.sampleNotesDir] }))
    },
    shellStatus: () => deps.shellStatus(),
    map: (request) => engine.call('map', request),
    mapLocate: (arg) => engine.call('mapLocate', arg)
  }
}
