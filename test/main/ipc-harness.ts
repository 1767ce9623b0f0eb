// Test harness for the IPC layer: real dispatcher, router, schemas, handlers and settings; a scripted engine and OS services.
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, isAbsolute } from 'node:path'
import { pathToFileURL } from 'node:url'
import { callChannel, type ApiCallName, type ApiReply } from '../../src/shared/api'
import { SemnoteError } from '../../src/shared/errors'
import type { EngineCallName } from '../../src/main/engine/contract'
import { createApiHandlers, type HandlerDeps } from '../../src/main/ipc/handlers'
import type { ProxySettings } from '../../src/main/engine/model/fetch'
import { createApiDispatcher, registerApi, type IpcMainLike } from '../../src/main/ipc/router'
import { createSenderGuard, type SenderLike } from '../../src/main/ipc/sender'
import { SettingsStore } from '../../src/main/settings'

export const OUR_WEB_CONTENTS = 7

/** Builds a temp workspace (renderer folder, a notes root with a note, a folder outside it) and the wired IPC layer. */
export function createIpcHarness() {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'semnote-ipc-')))
  const rendererDir = join(base, 'out', 'renderer')
  const notesRoot = join(base, 'notes')
  const outside = join(base, 'outside')
  for (const dir of [rendererDir, notesRoot, outside]) mkdirSync(dir, { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>')
  const note = join(notesRoot, 'tokyo.md')
  writeFileSync(note, '# Tokyo\nnoise at night\n')
  writeFileSync(join(notesRoot, 'run-me.sh'), 'echo hi\n')
  writeFileSync(join(outside, 'secret.md'), 'secret\n')
  // The bundled samples as an AppImage shows them: inside a mount that is gone after the next start.
  const samplesDir = join(base, 'tmp', '.mount_SemnoteAbc', 'resources', 'samples')
  mkdirSync(samplesDir, { recursive: true })
  writeFileSync(join(samplesDir, '夜の騒音.md'), '# 夜の騒音\n上の階の音楽がうるさい\n')

  const engineCalls: { name: EngineCallName; arg: unknown }[] = []
  const roots = [notesRoot]
  const status = () => ({ roots: roots.map((path) => ({ path, state: 'watching', files: 1, chunks: 1 })), files: 1, chunks: 1, model: { state: 'ready', id: 'm', dimension: 4 } })
  /** Resolves like the engine must: real path, inside an indexed root. */
  const resolveNotePath = (path: string) => {
    let real: string
    try {
      real = realpathSync(path)
    } catch {
      throw new SemnoteError('NOT_FOUND', `no such note: ${path}`)
    }
    const root = roots.find((r) => {
      const rel = relative(r, real)
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
    })
    if (!root) throw new SemnoteError('PATH_OUTSIDE_ROOTS', `${path} is outside the indexed folders`)
    return { path: real, root }
  }
  const engine: HandlerDeps['engine'] = {
    call: (async (name: EngineCallName, arg: unknown) => {
      engineCalls.push({ name, arg })
      switch (name) {
        case 'resolveNotePath':
          return resolveNotePath((arg as { path: string }).path)
        case 'addRoots':
          roots.push(...(arg as { paths: string[] }).paths.filter((p) => !roots.includes(p)))
          return status()
        case 'removeRoot':
          roots.splice(roots.indexOf((arg as { path: string }).path), 1)
          return status()
        case 'status':
          return status()
        default:
          return { engineAnswered: name }
      }
    }) as HandlerDeps['engine']['call']
  }

  const settings = SettingsStore.open(join(base, 'userData', 'settings.json'))
  settings.update({ roots: [notesRoot] })
  const effects: string[] = []
  const opened: { file: string; line?: number; page?: number }[] = []
  const revealed: string[] = []
  let confirmAnswer = true
  let hotkeyTaken = false
  let localApiPortTaken = false
  let downloadProxy: ProxySettings | undefined
  const deps: HandlerDeps = {
    engine,
    settings,
    samplesDir,
    sampleNotesDir: join(base, 'userData', 'sample-notes'),
    chooseFolder: async () => outside,
    confirmEditorCommand: async (_id, command) => {
      effects.push(`confirm:${command}`)
      return confirmAnswer
    },
    applyHotkey: (accelerator) => {
      if (hotkeyTaken) throw new SemnoteError('HOTKEY_CONFLICT', `${accelerator} is taken`)
      effects.push(`hotkey:${accelerator}`)
    },
    applyLaunchAtLogin: (enabled) => effects.push(`login:${enabled}`),
    applyLocalApi: async (enabled) => {
      if (enabled && localApiPortTaken) throw new SemnoteError('ENGINE_UNAVAILABLE', 'The local API could not start: port 47470 is in use')
      effects.push(`localApi:${enabled}`)
    },
    downloadProxy: async () => downloadProxy,
    restartEngine: async () => {
      effects.push('restart')
    },
    openNote: async (file, at) => {
      opened.push({ file, ...at })
    },
    revealNote: (file) => revealed.push(file),
    hidePopup: () => effects.push('hidePopup'),
    shellStatus: () => ({ hotkey: { accelerator: 'CommandOrControl+Shift+Space', state: 'live' }, wayland: false, tray: true, toggleCommand: 'semnote --toggle' })
  }

  const handlers = new Map<string, (event: SenderLike, ...args: unknown[]) => Promise<unknown>>()
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => handlers.set(channel, listener),
    removeHandler: (channel) => handlers.delete(channel)
  }
  const guard = createSenderGuard({ rendererDir }, (id) => id === OUR_WEB_CONTENTS)
  const unregister = registerApi(ipcMain, createApiDispatcher(createApiHandlers(deps), guard))

  const ourEvent: SenderLike = { sender: { id: OUR_WEB_CONTENTS }, senderFrame: { url: `${pathToFileURL(join(rendererDir, 'index.html'))}?window=main`, parent: null } }

  /** Invokes a call the way ipcRenderer.invoke would reach main. */
  const invoke = (name: ApiCallName, args: unknown[] = [], event: SenderLike = ourEvent) => {
    const handler = handlers.get(callChannel(name))
    if (!handler) throw new Error(`no handler for ${name}`)
    return handler(event, ...args) as Promise<ApiReply<unknown>>
  }

  return {
    base,
    rendererDir,
    notesRoot,
    outside,
    samplesDir,
    note,
    settings,
    engineCalls,
    effects,
    opened,
    revealed,
    handlers,
    unregister,
    ourEvent,
    invoke,
    setConfirmAnswer: (answer: boolean) => (confirmAnswer = answer),
    setHotkeyTaken: (taken: boolean) => (hotkeyTaken = taken),
    setLocalApiPortTaken: (taken: boolean) => (localApiPortTaken = taken),
    setDownloadProxy: (proxy: ProxySettings | undefined) => (downloadProxy = proxy)
  }
}
