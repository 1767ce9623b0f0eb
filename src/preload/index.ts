// Sandboxed preload: exposes exactly SemnoteApi as `window.semnote` (typed calls, event subscriptions, dropped-file paths); nothing raw.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { API_CALL_NAMES, API_EVENT_NAMES, callChannel, eventChannel, type ApiEventName, type ApiReply, type SemnoteApi } from '../shared/api'

/**
 * A rejected call's reason. A plain object, because contextBridge copies Error objects without their
 * custom properties: the page reads `.code` and `.message` from it.
 */
export interface BridgeError {
  name: 'SemnoteError'
  code: string
  message: string
}

const EVENT_NAMES = new Set<string>(API_EVENT_NAMES)

/** Unwraps an ApiReply: the value, or a rejection carrying the error code. */
function unwrap(reply: ApiReply<unknown>): unknown {
  if (reply && reply.ok === true) return reply.value
  const error = reply && reply.ok === false ? reply.error : { code: 'INTERNAL', message: 'malformed reply from the main process' }
  throw { name: 'SemnoteError', code: error.code, message: error.message } satisfies BridgeError
}

/** Which window this page is: from the --semnote-window argument main passes, else the page's query string. */
function windowKind(): 'main' | 'popup' {
  const flag = process.argv.find((arg) => arg.startsWith('--semnote-window='))
  if (flag !== undefined) return flag.endsWith('=popup') ? 'popup' : 'main'
  return new URLSearchParams((globalThis as { location?: { search: string } }).location?.search ?? '').get('window') === 'popup' ? 'popup' : 'main'
}

function platform(): SemnoteApi['platform'] {
  const value = process.platform
  return value === 'darwin' || value === 'win32' || value === 'linux' ? value : 'other'
}

/** Builds the API object (exported for tests; the page only ever sees the bridged copy). */
export function createSemnoteApi(): SemnoteApi {
  const calls = Object.fromEntries(
    API_CALL_NAMES.map((name) => [
      name,
      (arg?: unknown) => {
        const channel = callChannel(name)
        const sent = arg === undefined ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, arg)
        return sent.then(unwrap, (error: unknown) => {
          throw { name: 'SemnoteError', code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } satisfies BridgeError
        })
      }
    ])
  )
  const on = (event: ApiEventName, listener: (payload: unknown) => void): (() => void) => {
    if (!EVENT_NAMES.has(event) || typeof listener !== 'function') throw new TypeError(`unknown event "${String(event)}"`)
    // The page's listener never sees the IPC event object (it would leak ipcRenderer).
    const wrapper = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    const channel = eventChannel(event)
    ipcRenderer.on(channel, wrapper)
    return () => {
      ipcRenderer.removeListener(channel, wrapper)
    }
  }
  return {
    ...calls,
    on,
    pathForFile: (file: File) => webUtils.getPathForFile(file),
    windowKind: windowKind(),
    platform: platform()
  } as unknown as SemnoteApi
}

if (process.contextIsolated) contextBridge.exposeInMainWorld('semnote', createSemnoteApi())
