// The implementation of every renderer call: engine forwarding, root/file checks, settings with side effects, dialogs, open/reveal.
import { stat } from 'node:fs/promises'
import { isAbsolute } from 'node:path'
import type { IndexStatus, ModelState, Settings } from '../../shared/types'
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
  /** Bundled sample notes folder (resources/samples). */
  samplesDir: string
  /** Native folder picker parented to the sender's window; null when cancelled. */
  chooseFolder(senderId: number, title: string): Promise<string | null>
  /** Native confirmation before a new editor command may run programs. */
  confirmEditorCommand(senderId: number, command: string): Promise<boolean>
  /** Registers a new global shortcut; throws HOTKEY_CONFLICT and keeps the old one when it is taken. */
  applyHotkey(accelerator: string): void
  applyLaunchAtLogin(enabled: boolean): void
  /** The system's proxy for the model download, when the environment names none (see systemProxyForDownload). */
  downloadProxy(): Promise<ProxySettings | undefined>
  /** Restarts the engine so it picks up a new model id. */
  restartEngine(): Promise<void>
  openNote(file: string, line: number | undefined): Promise<void>
  revealNote(file: string): void
  hidePopup(): void
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
    readNote: async ({ path }) => engine.call('readNote', { path: (await resolveNote(path)).path }),
    openNote: async ({ path, line }) => deps.openNote((await resolveNote(path)).path, line),
    revealNote: async ({ path }) => {
      deps.revealNote((await resolveNote(path)).path)
    },
    getSettings: () => settings.get(),
    updateSettings: async (patch, { senderId }) => {
      const before = settings.get()
      /** The patched value of `key` when it differs from the current one. */
      const changed = <K extends keyof Settings>(key: K): Settings[K] | undefined =>
        patch[key] !== undefined && JSON.stringify(patch[key]) !== JSON.stringify(before[key]) ? patch[key] : undefined
      const editorCommand = changed('editorCommand')
      if (editorCommand !== undefined && editorCommand.trim() !== '' && !(await deps.confirmEditorCommand(senderId, editorCommand))) {
        throw new SemnoteError('CANCELLED', 'the editor command was not confirmed')
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
      const { roots: _handledAbove, ...rest } = patch
      const next = settings.update(rest)
      const launchAtLogin = changed('launchAtLogin')
      if (launchAtLogin !== undefined) deps.applyLaunchAtLogin(launchAtLogin)
      if (changed('modelId') !== undefined) await deps.restartEngine()
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
    addSampleNotes: async () => mirrorRoots(await engine.call('addRoots', { paths: [deps.samplesDir] })),
    map: (request) => engine.call('map', request),
    mapLocate: (arg) => engine.call('mapLocate', arg)
  }
}
