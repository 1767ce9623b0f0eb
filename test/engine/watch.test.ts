// Watch layer on real folders: ignore rules, the scanner's symlink handling, and chokidar events settling into batches.
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { RootIgnore } from '../../src/main/engine/watch/ignore-rules'
import { scanRoot } from '../../src/main/engine/watch/scan'
import { NoteWatcher } from '../../src/main/engine/watch/watcher'

const isSupported = (path: string) => /\.(md|txt)$/i.test(path)
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

function tempRoot(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'semnote-watch-')))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('ignore rules and scan', () => {
  it('skips defaults, .semnoteignore and user patterns; reports symlink loops; lists supported files only', async () => {
    const root = tempRoot()
    for (const dir of ['.git', 'node_modules/pkg', '.obsidian', 'notes/deep', 'drafts', 'build']) mkdirSync(join(root, dir), { recursive: true })
    const write = (rel: string) => writeFileSync(join(root, rel), `# ${rel}\n`)
    ;['a.md', 'notes/b.txt', 'notes/deep/c.md', '.hidden.md', '.git/x.md', 'node_modules/pkg/readme.md', '.obsidian/w.md', 'drafts/d.md', 'build/e.md', 'image.png', 'secret.md'].forEach(write)
    writeFileSync(join(root, '.semnoteignore'), '# comment\ndrafts/\n')
    symlinkSync(root, join(root, 'notes', 'loop'))
    const rules = new RootIgnore(root, ['secret.md', 'build/'])
    expect(rules.ignores(join(root, 'drafts'), true)).toBe(true)
    expect(rules.ignores(join(root, 'notes/deep/c.md'), false)).toBe(false)

    const result = await scanRoot(root, rules, { isSupported })
    expect(result.files.map((f) => f.path.slice(root.length + 1)).sort()).toEqual(['a.md', 'notes/b.txt', 'notes/deep/c.md'])
    expect(result.skipped).toEqual([expect.objectContaining({ path: join(root, 'notes', 'loop'), reason: 'symlink-loop' })])
    expect(result.ignored).toBeGreaterThanOrEqual(6)
  })
})

describe('NoteWatcher', () => {
  it('closed while the first scan of a root runs, ends the wait for it (an engine closed early does not hang)', async () => {
    const root = tempRoot()
    for (let i = 0; i < 200; i++) mkdirSync(join(root, `folder-${i}`))
    const states: string[] = []
    const watcher = new NoteWatcher({ isSupported, rulesFor: (r) => new RootIgnore(r, []), onChanges: () => undefined, onRootState: (_root, state) => states.push(state) })
    const adding = watcher.addRoot(root)
    await new Promise((r) => setTimeout(r, 5))
    await watcher.close()
    await adding
    expect(states).toEqual([])
  })

  it('reports create, change, rename and delete once each write settles, and notices a root that disappears and returns', async () => {
    const root = tempRoot()
    mkdirSync(join(root, '.git'))
    const batches: string[][] = []
    const states: string[] = []
    const watcher = new NoteWatcher({
      isSupported,
      rulesFor: (r) => new RootIgnore(r, []),
      onChanges: (_root, paths) => batches.push(paths),
      onRootState: (_root, state) => states.push(state),
      settleMs: 150,
      rootCheckMs: 200
    })
    cleanups.push(() => watcher.close())
    await watcher.addRoot(root)
    expect(states).toEqual(['watching'])

    const note = join(root, 'note.md')
    // A burst of writes to one file arrives as one settled path.
    for (let i = 0; i < 5; i++) writeFileSync(note, `version ${i}\n`)
    writeFileSync(join(root, '.git', 'ignored.md'), 'x')
    writeFileSync(join(root, 'picture.png'), 'x')
    await until(() => (batches.flat().includes(note) ? true : undefined), 'the new note')
    await new Promise((r) => setTimeout(r, 400))
    expect(batches.flat()).toEqual([note])

    batches.length = 0
    const moved = join(root, 'moved.md')
    renameSync(note, moved)
    await until(() => (batches.flat().includes(moved) && batches.flat().includes(note) ? true : undefined), 'both sides of the rename')

    batches.length = 0
    rmSync(moved)
    await until(() => (batches.flat().includes(moved) ? true : undefined), 'the deletion')

    rmSync(root, { recursive: true, force: true })
    await until(() => (states.at(-1) === 'missing' ? true : undefined), 'root missing')
    mkdirSync(root)
    await until(() => (states.at(-1) === 'watching' ? true : undefined), 'root back')
    batches.length = 0
    writeFileSync(join(root, 'after.md'), 'back again')
    await until(() => (batches.flat().includes(join(root, 'after.md')) ? true : undefined), 'an event in the recreated root')
  })
})
