// The preload bridge with electron mocked: exposes exactly SemnoteApi, unwraps replies, wraps listeners, exposes nothing raw.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { API_CALL_NAMES, callChannel, eventChannel } from '../../src/shared/api'

const electron = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {}
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  const invocations: unknown[][] = []
  let nextReply: (channel: string, args: unknown[]) => Promise<unknown> = async () => ({ ok: true, value: null })
  return {
    exposed,
    listeners,
    invocations,
    setReply: (reply: typeof nextReply) => (nextReply = reply),
    module: {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: {
        invoke: (channel: string, ...args: unknown[]) => {
          invocations.push([channel, ...args])
          return nextReply(channel, args)
        },
        on: (channel: string, listener: (...args: unknown[]) => void) => {
          if (!listeners.has(channel)) listeners.set(channel, new Set())
          listeners.get(channel)!.add(listener)
        },
        removeListener: (channel: string, listener: (...args: unknown[]) => void) => listeners.get(channel)?.delete(listener)
      },
      webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` }
    }
  }
})
vi.mock('electron', () => electron.module)

type Api = Record<string, (...args: unknown[]) => unknown> & { windowKind: string; platform: string }
let api: Api

beforeAll(async () => {
  Object.assign(process, { contextIsolated: true })
  process.argv.push('--semnote-window=popup')
  await import('../../src/preload/index')
  api = electron.exposed.semnote as Api
})

describe('preload bridge', () => {
  it('exposes exactly the SemnoteApi members as window.semnote and nothing else', () => {
    expect(Object.keys(electron.exposed)).toEqual(['semnote'])
    expect(Object.keys(api).sort()).toEqual([...API_CALL_NAMES, 'on', 'pathForFile', 'windowKind', 'platform'].sort())
    for (const value of Object.values(api)) expect(['function', 'string']).toContain(typeof value)
    expect(api.windowKind).toBe('popup')
    expect(api.platform).toBe(process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux')
  })

  it('invokes each call on its channel, with no argument for void calls', async () => {
    electron.invocations.length = 0
    electron.setReply(async () => ({ ok: true, value: { answer: 42 } }))
    await expect(api.search({ query: 'tokyo' })).resolves.toEqual({ answer: 42 })
    await expect(api.status()).resolves.toEqual({ answer: 42 })
    expect(electron.invocations).toEqual([[callChannel('search'), { query: 'tokyo' }], [callChannel('status')]])
  })

  it('rejects with the error code and message of a failed reply', async () => {
    electron.setReply(async () => ({ ok: false, error: { code: 'PATH_OUTSIDE_ROOTS', message: 'outside' } }))
    await expect(api.openNote({ path: '/etc/passwd' })).rejects.toEqual({ name: 'SemnoteError', code: 'PATH_OUTSIDE_ROOTS', message: 'outside' })
    electron.setReply(async () => 'garbage')
    await expect(api.status()).rejects.toMatchObject({ code: 'INTERNAL' })
    electron.setReply(async () => {
      throw new Error('No handler registered')
    })
    await expect(api.status()).rejects.toMatchObject({ code: 'INTERNAL', message: 'No handler registered' })
  })

  it('subscribes listeners through a wrapper that hides the IPC event, and unsubscribes', () => {
    const received: unknown[] = []
    const off = api.on('progress', (payload: unknown) => received.push(payload)) as () => void
    const channelListeners = electron.listeners.get(eventChannel('progress'))!
    expect(channelListeners.size).toBe(1)
    for (const listener of channelListeners) listener({ sender: 'ipcRenderer-internals' }, { phase: 'idle' })
    expect(received).toEqual([{ phase: 'idle' }])
    off()
    expect(channelListeners.size).toBe(0)
  })

  it('refuses to subscribe to channels outside the contract', () => {
    expect(() => api.on('semnote:call:openNote', () => undefined)).toThrow(TypeError)
    expect(() => api.on('status', 'not a function')).toThrow(TypeError)
  })

  it('resolves dropped files to paths with webUtils', () => {
    expect(api.pathForFile({ name: 'note.md' })).toBe('/dropped/note.md')
  })
})
