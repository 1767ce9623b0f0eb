// semnote:// links: validation like IPC payloads (fuzzed: a forged link never throws), and the app receiving them on every
// platform (second-instance argv on Windows/Linux, open-url on macOS, the first launch's argv).
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { eventChannel } from '../../src/shared/api'
import { findDeepLink, followDeepLink, parseDeepLink, type DeepLinkActions } from '../../src/main/deep-link'
import { rng } from '../helpers/rng'
import type { FakeElectron } from './fake-electron'
import { answerEngine, flush, launchApp, restoreLaunchEnvironment } from './launch-app'

const electron = await vi.hoisted(async () => (await import('./fake-electron')).swappableFakeElectron())
vi.mock('electron', () => electron.module)
afterAll(restoreLaunchEnvironment)

describe('parseDeepLink', () => {
  it.each([
    ['semnote://search?q=loud%20music%20at%20night', { kind: 'search', query: 'loud music at night' }],
    ['semnote://search/?q=%E5%A4%9C&mode=semantic', { kind: 'search', query: '夜', mode: 'semantic' }],
    ['SEMNOTE://Search?q=tea&mode=keyword', { kind: 'search', query: 'tea', mode: 'keyword' }],
    ['semnote://open?path=%2Fhome%2Fada%2Fnotes%2Ftokyo.md&line=12', { kind: 'open', path: '/home/ada/notes/tokyo.md', line: 12 }],
    ['semnote://open?path=/home/ada/a%20b.md', { kind: 'open', path: '/home/ada/a b.md' }]
  ])('reads %s', (url, link) => {
    expect(parseDeepLink(url)).toEqual({ ok: true, link })
  })

  it.each([
    ['semnote://search', /q/],
    ['semnote://search?q=%20%20', /empty/],
    ['semnote://search?q=x&mode=fuzzy', /mode/],
    ['semnote://search?q=a&q=b', /twice/],
    ['semnote://search?q=x&admin=1', /admin|Unrecognized/i],
    ['semnote://search?q=' + 'x'.repeat(2001), /q/],
    ['semnote://search?q=' + 'x'.repeat(20_000), /longer/],
    ['semnote://open?path=notes/tokyo.md', /absolute/],
    ['semnote://open?path=%2Fa.md%00.txt', /NUL/],
    ['semnote://open?path=/a.md&line=0', /line/],
    ['semnote://open?path=/a.md&line=-3', /line/],
    ['semnote://open?path=/a.md&line=1e3', /line/],
    ['semnote://open?path=/a.md&line=99999999', /line/],
    ['semnote://delete?path=/a.md', /unknown action/],
    ['semnote://user:pw@search?q=x', /parts/],
    ['semnote://search/extra?q=x', /parts/],
    ['semnote://search?q=x#frag', /parts/],
    ['https://evil.example/?q=x', /not a semnote/],
    ['javascript:alert(1)', /not a semnote/],
    ['not a link', /not a valid link/],
    ['semnote:search?q=x', /parts/]
  ])('refuses %.60s', (url, reason) => {
    const parsed = parseDeepLink(url)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.reason).toMatch(reason)
  })

  it('never throws on random input, and only ever yields a search or an absolute path', () => {
    const random = rng(2117)
    const pieces = ['semnote://', 'search', 'open', '?', '&', '=', 'q', 'path', 'line', 'mode', '%', '%00', '%2F', '/', '..', '#', '@', ':', '\u0000', '夜', ' ', 'semantic', '1', '-1']
    for (let i = 0; i < 3000; i++) {
      const length = 1 + Math.floor(random() * 12)
      const url = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join('')
      const parsed = parseDeepLink(url)
      if (parsed.ok && parsed.link.kind === 'open') expect(parsed.link.path.startsWith('/')).toBe(true)
    }
    for (const value of [undefined, null, 42, {}, ['semnote://search?q=x']]) expect(parseDeepLink(value).ok).toBe(false)
  })

  it('finds the link among the arguments a launcher or the OS passes', () => {
    expect(findDeepLink(['/opt/Semnote/semnote', '--no-sandbox', 'semnote://search?q=tea'])).toBe('semnote://search?q=tea')
    expect(findDeepLink(['C:\\Semnote\\Semnote.exe', '--allow-file-access-from-files', 'SEMNOTE://open?path=C:%5Cn.md'])).toBe('SEMNOTE://open?path=C:%5Cn.md')
    expect(findDeepLink(['/opt/Semnote/semnote', '--toggle'])).toBeNull()
  })
})

describe('followDeepLink', () => {
  const actions = () => {
    const log: unknown[] = []
    const a: DeepLinkActions = {
      search: (query, mode) => void log.push(['search', query, mode]),
      open: async (path) => {
        if (path.includes('outside')) throw Object.assign(new Error(`${path} is outside the indexed folders`), { code: 'PATH_OUTSIDE_ROOTS' })
        log.push(['open', path])
      },
      report: (message) => void log.push(['report', message])
    }
    return { a, log }
  }

  it('reports a forged link or a refused note and never throws', async () => {
    const { a, log } = actions()
    await followDeepLink('semnote://open?path=/srv/outside/secret.md', a)
    await followDeepLink('semnote://rm?path=/', a)
    await followDeepLink('semnote://search?q=tea', a)
    expect(log).toEqual([
      ['report', expect.stringMatching(/could not open \/srv\/outside\/secret\.md: .*outside the indexed folders/)],
      ['report', expect.stringMatching(/ignored a link: unknown action "rm"/)],
      ['search', 'tea', undefined]
    ])
  })
})

const idle = { phase: 'idle', filesDone: 0, filesTotal: 0, chunksDone: 0, chunksPerSecond: 0, etaSeconds: null }

/** A notes root with one note, and an engine host answering like the real one would (resolveNotePath inside the root). */
function notesAndEngine() {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'semnote-links-')))
  const root = join(base, 'notes')
  mkdirSync(root)
  const note = join(root, 'tokyo.md')
  writeFileSync(note, '# Tokyo\nnoise at night\n')
  const answer = (call: string, arg: unknown) => {
    if (call === 'resolveNotePath') {
      const path = (arg as { path: string }).path
      if (!path.startsWith(`${root}/`)) return undefined
      return { path, root }
    }
    return { roots: [{ path: root, state: 'watching', files: 1, chunks: 1 }], files: 1, chunks: 1, skipped: [], model: { state: 'ready', id: 'm', dimension: 4 }, progress: idle, health: 'ok', diskBytes: 0 }
  }
  return { base, root, note, answer }
}

/** Replies to the host requests sent so far; resolveNotePath outside the root fails as the engine's would. */
function serveEngine(fake: FakeElectron, answer: (call: string, arg: unknown) => unknown) {
  const child = fake.children[0]
  for (const message of child.posted.splice(0)) {
    const request = message as { id?: number; call?: string; arg?: unknown }
    if (request.id === undefined || request.call === undefined) continue
    const value = answer(request.call, request.arg)
    if (value === undefined) child.emit('message', { id: request.id, ok: false, error: { code: 'PATH_OUTSIDE_ROOTS', message: 'outside the indexed folders' } })
    else child.emit('message', { id: request.id, ok: true, value })
  }
}

async function ready(fake: FakeElectron, answer: (call: string, arg: unknown) => unknown) {
  fake.children[0].emit('message', { ready: true })
  await flush()
  answerEngine(fake.children[0], answer)
  await flush()
}

describe('the app receives links', () => {
  it('Linux/Windows: a second instance with a search link opens the popup searching for it', async () => {
    const fake = await launchApp(electron.holder, { platform: 'win32' })
    fake.app.emit('second-instance', {}, ['C:\\Semnote\\Semnote.exe', 'semnote://search?q=%E5%A4%9C%E3%81%AE%E9%A8%92%E9%9F%B3&mode=semantic'], 'C:\\')
    const popup = fake.windows.find((w) => w.url.includes('popup.html'))!
    popup.finishLoading()
    expect(popup.visible).toBe(true)
    expect(popup.webContents.sentOn(eventChannel('searchFor'))).toEqual([{ query: '夜の騒音', mode: 'semantic' }])
  })

  it('macOS: open-url before the app is ready is followed once it is, without the main window', async () => {
    const fake = await launchApp(electron.holder, { platform: 'darwin' }, {
      prepare: (next) => {
        // macOS delivers the launching link before ready: the listener must already be there.
        const whenReady = next.app.whenReady
        next.app.whenReady = () => {
          next.app.emit('open-url', { preventDefault: () => undefined }, 'semnote://search?q=tea')
          return whenReady()
        }
      }
    })
    expect(fake.windows.map((w) => w.url.includes('popup.html'))).toEqual([true])
    fake.windows[0].finishLoading()
    expect(fake.windows[0].webContents.sentOn(eventChannel('searchFor'))).toEqual([{ query: 'tea' }])
  })

  it('first launch: a link in argv opens the note in the editor, inside the indexed roots only', async () => {
    const { note, answer } = notesAndEngine()
    const fake = await launchApp(electron.holder, { platform: 'linux', argv: [`semnote://open?path=${encodeURIComponent(note)}&line=2`] })
    expect(fake.windows).toHaveLength(0)
    await ready(fake, answer)
    serveEngine(fake, answer)
    await flush()
    expect(fake.shellCalls).toEqual([['openPath', note]])
  })

  it('a link to a file outside the roots, or a forged one, only notifies', async () => {
    const { base, answer } = notesAndEngine()
    const secret = join(base, 'secret.md')
    writeFileSync(secret, 'secret\n')
    const fake = await launchApp(electron.holder, { platform: 'linux' })
    await ready(fake, answer)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    fake.app.emit('second-instance', {}, ['semnote', `semnote://open?path=${encodeURIComponent(secret)}`], '/')
    await flush()
    serveEngine(fake, answer)
    await flush()
    fake.app.emit('second-instance', {}, ['semnote', 'semnote://open?path=relative.md&line=0'], '/')
    await flush()
    warn.mockRestore()
    expect(fake.shellCalls).toEqual([])
    expect(fake.notifications.map((n) => n.options.body)).toEqual([expect.stringMatching(/could not open .*secret\.md/), expect.stringMatching(/ignored a link: path: the path is not absolute/)])
  })

  it('registers the scheme with the OS when installed (not for a development run)', async () => {
    const dev = await launchApp(electron.holder, { platform: 'win32' })
    expect(dev.app.protocolClients).toEqual([])
    Object.assign(process, { resourcesPath: join(process.cwd(), 'resources') })
    const installed = await launchApp(electron.holder, { platform: 'win32' }, { prepare: (next) => (next.app.isPackaged = true) })
    expect(installed.app.protocolClients).toEqual([{ protocol: 'semnote', path: undefined, args: undefined }])
  })
})
