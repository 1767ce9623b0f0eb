// Issue 19.8 and 19.9: readers know when another process indexes (status, check), [watching] only when something watches,
// and a lock whose PID now belongs to another program is taken over, with a recovery hint when it is really held.
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SemnoteError } from '../../src/shared/errors'
import { Engine } from '../../src/main/engine/engine'
import { eventually, tempFolders } from '../engine/helpers'
import { DrivenEngine } from './driven-engine'
import { cliEntry, runTsChild } from './helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

function writeNotes(dir: string, count: number): void {
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `n${i}.md`), `# Note ${i}\n\nA note about kites number k${i}x.\n`)
}

const READER = { resumeIndexing: false } as const

describe('the data dir lock (issue 19.9)', () => {
  it('takes over a lock whose PID now belongs to another program (old and new lock formats)', async () => {
    const dataDir = temp.make('lock-reuse')
    const other = spawn('sleep', ['60'], { stdio: 'ignore' })
    try {
      for (const content of [String(other.pid), JSON.stringify({ pid: other.pid, started: '1', nonce: 'x', command: 'semnote index', since: 1 })]) {
        writeFileSync(join(dataDir, 'engine.lock'), content)
        const engine = await Engine.open({ dataDir, modelDirs: [], watch: false })
        await engine.close()
      }
    } finally {
      other.kill()
    }
  })

  it('refuses a lock held by a live Semnote process, naming it and how to recover', async () => {
    const dataDir = temp.make('lock-held')
    const holder = await DrivenEngine.start({ options: { dataDir, modelDirs: [], watch: false } })
    try {
      const error = await Engine.open({ dataDir, modelDirs: [], watch: false }).then(
        async (engine) => (await engine.close(), null),
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(SemnoteError)
      expect((error as SemnoteError).code).toBe('ENGINE_UNAVAILABLE')
      expect((error as SemnoteError).message).toMatch(new RegExp(`pid ${holder.pid}\\b.*engine-driver`))
      expect((error as SemnoteError).message).toContain(`delete ${join(dataDir, 'engine.lock')}`)
    } finally {
      await holder.close()
    }
  })
})

describe('readers and the indexing process (issue 19.8)', () => {
  it('status and check from another process see the indexing process; [watching] only while one watches', async () => {
    const root = temp.make('activity-notes')
    const dataDir = temp.make('activity-data')
    writeNotes(root, 30)
    const writer = await DrivenEngine.start({ options: { dataDir, modelDirs: [], watch: false } })
    try {
      await writer.call('pauseIndexing', undefined)
      await writer.call('addRoots', { paths: [root] })
      await eventually(async () => (await writer.call('status', undefined)).progress.filesTotal === 30 || undefined, 'files queued')

      const reader = await Engine.open({ dataDir, modelDirs: [], watch: false }, READER)
      try {
        const busy = await eventually(async () => {
          const status = await reader.call('status', undefined)
          return status.indexer && status.progress.phase === 'paused' ? status : undefined
        }, 'the reader to see the paused indexing process')
        expect(busy.indexer).toEqual(expect.objectContaining({ pid: writer.pid, watching: false }))
        expect(busy.progress.filesTotal).toBe(30)
        expect(busy.roots.map((r) => r.state)).toEqual(['indexed'])
        const check = await reader.check()
        expect(check.ok).toBe(false)
        expect(check.busy).toMatch(new RegExp(`pid ${writer.pid}.*run check again when it is idle`))
        expect(check.problems).toEqual([])
      } finally {
        await reader.close()
      }
      const cli = await runTsChild(cliEntry, ['check', '--data-dir', dataDir, '--models-dir', temp.make('no-models')])
      expect(cli.code, cli.stdout + cli.stderr).toBe(3)
      expect(cli.stdout + cli.stderr).toMatch(/is indexing into/)

      await writer.call('resumeIndexing', undefined)
      await writer.whenIdle()
      const idleReader = await Engine.open({ dataDir, modelDirs: [], watch: false }, READER)
      try {
        await eventually(async () => (await idleReader.call('status', undefined)).progress.phase === 'idle' || undefined, 'the writer idle')
        const report = await idleReader.check()
        expect([report.ok, report.busy, report.problems], JSON.stringify(report)).toEqual([true, undefined, []])
      } finally {
        await idleReader.close()
      }
    } finally {
      await writer.close()
    }

    // Nobody indexes now: the root is indexed, not watched.
    const alone = await Engine.open({ dataDir, modelDirs: [], watch: false }, READER)
    try {
      const status = await alone.call('status', undefined)
      expect([status.indexer, status.roots.map((r) => r.state)]).toEqual([undefined, ['indexed']])
    } finally {
      await alone.close()
    }

    // A watching process: readers say [watching] while it runs.
    const watcher = await DrivenEngine.start({ options: { dataDir, modelDirs: [], watch: true } })
    try {
      await watcher.whenIdle()
      const reader = await Engine.open({ dataDir, modelDirs: [], watch: false }, READER)
      try {
        const status = await eventually(async () => {
          const s = await reader.call('status', undefined)
          return s.roots[0]?.state === 'watching' ? s : undefined
        }, 'the reader to see the watching process')
        expect(status.indexer).toEqual(expect.objectContaining({ pid: watcher.pid, watching: true }))
      } finally {
        await reader.close()
      }
    } finally {
      await watcher.close()
    }
  })

  it('a process indexing once (watch off) reports its roots as indexed, not watching', async () => {
    const root = temp.make('once-notes')
    writeNotes(root, 3)
    const engine = await Engine.open({ dataDir: temp.make('once-data'), modelDirs: [], watch: false })
    try {
      await engine.call('addRoots', { paths: [root] })
      await engine.whenIdle()
      expect((await engine.call('status', undefined)).roots.map((r) => r.state)).toEqual(['indexed'])
    } finally {
      await engine.close()
    }
  })
})
