// Path safety (readNote/resolveNotePath refuse anything outside the roots) and `check` catching a damaged index.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { LOCK_FILE } from '../../src/main/engine/facade/data-lock'
import { DEFAULT_PREPARE_LIMITS } from '../../src/main/engine/facade/prepare-pool'
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { tempFolders } from './helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'resolved'
  } catch (error) {
    return (error as { code?: string }).code ?? 'no code'
  }
}

describe('Engine path safety and consistency check', () => {
  it('check does not count a note the index skipped at a limit as missing, though check itself reads it in full', async () => {
    const root = temp.make('skipped-root')
    const dataDir = temp.make('skipped-data')
    writeFileSync(join(root, 'small.md'), '# Small\n\nA small note.\n')
    // 6.4 MB, streamed a segment at a time: 0.3-0.4 s of CPU time to read with warm code (more in a fresh worker), past the
    // prepare workers' 150 ms limit set here; check reads notes on its own thread, with no limit.
    writeFileSync(join(root, 'long.md'), `# Long\n\n${'Many words in a very long note. '.repeat(200_000)}`)
    const engine = await Engine.open({ dataDir, modelDirs: [], watch: false }, { prepareLimits: { ...DEFAULT_PREPARE_LIMITS, timeoutMs: 150 } })
    try {
      await engine.call('addRoots', { paths: [root] })
      await engine.whenIdle()
      const status = await engine.call('status', undefined)
      expect(status.skipped.map((s) => [s.path, s.reason, s.detail])).toEqual([[join(root, 'long.md'), 'limit', 'took more than 150 ms of work to read']])
      const report = await engine.check()
      expect(report.problems).toEqual([])
      expect([report.ok, report.filesOnDisk, report.filesInIndex]).toEqual([true, 2, 1])
    } finally {
      await engine.close()
    }
  })

  it('opens only real paths inside roots, and check reports missing and orphan rows', async () => {
    const root = temp.make('root')
    const outside = temp.make('outside')
    const dataDir = temp.make('data')
    mkdirSync(join(root, 'notes'))
    writeFileSync(join(root, 'notes', 'a.md'), '# Alpha\n\nApricot jam recipe.\n')
    writeFileSync(join(root, 'b.md'), '# Beta\n\nBlueberry pancakes.\n')
    writeFileSync(join(outside, 'secret.md'), 'outside the roots')
    symlinkSync(join(outside, 'secret.md'), join(root, 'link-out.md'))
    symlinkSync(outside, join(root, 'dir-out'))

    let engine = await Engine.open({ dataDir, modelDirs: [], watch: false })
    try {
      await engine.call('addRoots', { paths: [root] })
      await engine.whenIdle()
      expect(await engine.call('resolveNotePath', { path: join(root, 'notes', 'a.md') })).toEqual({ path: join(root, 'notes', 'a.md'), root })
      expect(await engine.call('resolveNotePath', { path: join(root, 'notes', '..', 'b.md') })).toEqual({ path: join(root, 'b.md'), root })
      const note = await engine.call('readNote', { path: join(root, 'notes', 'a.md') })
      expect(note).toEqual(expect.objectContaining({ title: 'Alpha', ext: 'md', text: '# Alpha\n\nApricot jam recipe.\n' }))
      for (const path of [join(root, '..', outside.split('/').pop()!, 'secret.md'), join(root, 'link-out.md'), join(root, 'dir-out', 'secret.md'), '/etc/passwd']) {
        expect(await errorCode(engine.call('resolveNotePath', { path })), path).toBe('PATH_OUTSIDE_ROOTS')
        expect(await errorCode(engine.call('readNote', { path })), path).toBe('PATH_OUTSIDE_ROOTS')
      }
      expect(await errorCode(engine.call('readNote', { path: 'relative/a.md' }))).toBe('INVALID_PAYLOAD')
      expect(await errorCode(engine.call('readNote', { path: join(root, 'missing.md') }))).toBe('NOT_FOUND')
      expect(await errorCode(engine.call('readNote', { path: 42 as unknown as string }))).toBe('INVALID_PAYLOAD')
      expect(await errorCode(engine.call('addRoots', { paths: [join(root, 'nope')] }))).toBe('NOT_FOUND')
      expect(await errorCode(engine.call('removeRoot', { path: outside }))).toBe('NOT_FOUND')
      expect((await engine.check()).ok).toBe(true)
    } finally {
      await engine.close()
    }

    // Damage the table behind the engine's back: drop one file's rows, add rows for a file that does not exist.
    const store = await ChunkStore.open(dataDir, { modelId: null })
    const [b] = await store.rowsOf(join(root, 'b.md'), false)
    await store.deleteFiles([join(root, 'notes', 'a.md')])
    await store.replaceFile(join(root, 'ghost.md'), [{ ...b, id: 'ghost-0', path: join(root, 'ghost.md') }])
    await store.close()

    engine = await Engine.open({ dataDir, modelDirs: [], watch: false }, { resumeIndexing: false })
    try {
      const report = await engine.check()
      expect(report.ok).toBe(false)
      expect(report.problems).toEqual(
        expect.arrayContaining([expect.stringContaining(`orphan rows: ${join(root, 'ghost.md')}`), expect.stringContaining(`wrong chunks: ${join(root, 'notes', 'a.md')}`)])
      )
    } finally {
      await engine.close()
    }

    // Reopening normally repairs it: the notes are the source of truth.
    engine = await Engine.open({ dataDir, modelDirs: [], watch: false })
    try {
      await engine.whenIdle()
      const report = await engine.check()
      expect(report.problems).toEqual([])
    } finally {
      await engine.close()
    }
  })

  it('refuses a second writer on a data dir while the first one lives, and takes over a stale lock', async () => {
    const dataDir = temp.make('locked')
    // A live Node process holding a lock of the older, pid-only form (a pid now held by another program is stale: see
    // test/reliability/lock-and-activity.test.ts).
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'])
    try {
      writeFileSync(join(dataDir, LOCK_FILE), String(other.pid))
      expect(await errorCode(Engine.open({ dataDir, modelDirs: [], watch: false }))).toBe('ENGINE_UNAVAILABLE')
      const reader = await Engine.open({ dataDir, modelDirs: [], watch: false }, { resumeIndexing: false })
      await reader.close()
    } finally {
      other.kill('SIGKILL')
      await new Promise((r) => other.once('exit', r))
    }
    const engine = await Engine.open({ dataDir, modelDirs: [], watch: false })
    await engine.close()
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false)
  })
})
