// Issue 19.3: storage failures become typed errors that say what to do (disk full, read-only, data dir deleted or unusable), never stack traces.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SemnoteError } from '../../src/shared/errors'
import type { IndexStatus } from '../../src/shared/types'
import { Engine } from '../../src/main/engine/engine'
import { eventually, tempFolders } from '../engine/helpers'
import { DrivenEngine } from './driven-engine'
import { cliEntry, repoRoot, runTsChild } from './helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

/** Notes of about one passage each, with words to search for. */
function writeNotes(dir: string, count: number, word = 'lantern'): void {
  mkdirSync(dir, { recursive: true })
  for (let i = 0; i < count; i++) {
    const filler = Array.from({ length: 150 }, (_, j) => ['harbour', 'winter', 'garden', 'letter', 'river', 'market'][(i * 7 + j) % 6]).join(' ')
    writeFileSync(join(dir, `note-${i}.md`), `# Note ${i}\n\nThe ${word} number n${i}x stands by the ${filler}.\n`)
  }
}

/** True when this machine lets us mount a tmpfs in a new user + mount namespace (Linux with unprivileged user namespaces). */
function canMountTmpfs(): boolean {
  const probe = temp.make('probe')
  return spawnSync('unshare', ['-Urm', 'sh', '-c', `mount -t tmpfs -o size=1m tmpfs '${probe}'`]).status === 0
}

/** A stack trace or a raw native error in output the user sees. */
const RAW = /\n\s+at |LanceError|lance error|panicked|os error \d+\)\s*$/m

describe('storage faults (issue 19.3)', () => {
  it.skipIf(!canMountTmpfs())('disk full (a 8 MB tmpfs): index stops with one line saying so, loses nothing, and finishes once space is freed', async () => {
    const root = temp.make('full-notes')
    writeNotes(root, 600)
    const mount = temp.make('full-mount')
    const out = temp.make('full-out')
    const cli = `'${process.execPath}' --import tsx '${cliEntry}'`
    const data = `--data-dir '${mount}/data'`
    // Everything that needs the tmpfs runs in one namespace; outputs land outside it.
    const script = [
      'set -u',
      `mount -t tmpfs -o size=8m tmpfs '${mount}'`,
      `head -c 6M /dev/zero > '${mount}/filler'`,
      `${cli} index '${root}' ${data} > '${out}/index1.out' 2> '${out}/index1.err'; echo $? > '${out}/index1.code'`,
      `${cli} status --json ${data} > '${out}/status.out' 2> '${out}/status.err'; echo $? > '${out}/status.code'`,
      `rm '${mount}/filler'`,
      `${cli} index '${root}' ${data} > '${out}/index2.out' 2> '${out}/index2.err'; echo $? > '${out}/index2.code'`,
      `${cli} check --json ${data} > '${out}/check.out' 2> '${out}/check.err'; echo $? > '${out}/check.code'`
    ].join('\n')
    const run = spawnSync('unshare', ['-Urm', 'sh', '-c', script], { cwd: repoRoot, env: { ...process.env, LANCEDB_LOG: 'error' }, timeout: 300_000 })
    expect(run.status, String(run.stderr)).toBe(0)
    const read = (name: string) => readFileSync(join(out, name), 'utf8')

    expect(read('index1.code').trim(), read('index1.out') + read('index1.err')).toBe('1')
    expect(read('index1.err')).not.toMatch(RAW)
    expect(read('index1.err')).toMatch(/^semnote: The disk holding the index \(.*\) is full.*free.*\(STORAGE_FULL\)$/m)
    expect(read('status.code').trim(), read('status.err')).toBe('0')
    const partial = JSON.parse(read('status.out')) as IndexStatus
    expect(partial.files).toBeLessThan(600)

    expect(read('index2.code').trim(), read('index2.err')).toBe('0')
    expect(read('index2.out')).toMatch(/total: 600 files/)
    expect(read('check.code').trim(), read('check.out') + read('check.err')).toBe('0')
  })

  it('data dir made read-only mid-run: indexing stops with STORAGE_READ_ONLY and the fix, then resumes by itself when writable again', async () => {
    const root = temp.make('ro-notes')
    const dataDir = temp.make('ro-data')
    writeNotes(root, 20)
    const driven = await DrivenEngine.start(
      { options: { dataDir, modelDirs: [], watch: true }, internals: { settleMs: 100, rootCheckMs: 300, faultRetryMs: 500 } },
      { unprivileged: true }
    )
    try {
      await driven.call('addRoots', { paths: [root] })
      await driven.whenIdle()
      expect((await driven.call('search', { query: 'lantern', mode: 'keyword', limit: 50 })).total).toBe(20)
      spawnSync('chmod', ['-R', 'a-w', dataDir])
      writeFileSync(join(root, 'late.md'), '# Late\n\nA note written while the index is read-only: zeppelin.\n')
      const stopped = await eventually(async () => {
        const status = await driven.call('status', undefined)
        return status.fault ? status : undefined
      }, 'the fault in status')
      expect(stopped.fault).toEqual({ code: 'STORAGE_READ_ONLY', message: expect.stringMatching(/cannot write to its index folder.*make it writable/i) })
      expect(stopped.health).toBe('stopped')
      expect(stopped.healthDetail).toBe(stopped.fault!.message)
      // Searching still works while writes fail.
      expect((await driven.call('search', { query: 'lantern', mode: 'keyword', limit: 50 })).total).toBe(20)

      spawnSync('chmod', ['-R', 'u+w', dataDir])
      await eventually(async () => (await driven.call('search', { query: 'zeppelin', mode: 'keyword' })).total === 1 || undefined, 'the late note indexed after the retry')
      await driven.whenIdle()
      const healed = await driven.call('status', undefined)
      expect([healed.fault, healed.health]).toEqual([undefined, 'ok'])
      expect((await driven.check()).problems).toEqual([])
      expect(driven.crashed).toBeNull()
    } finally {
      spawnSync('chmod', ['-R', 'u+w', dataDir])
      await driven.close()
    }
  })

  it('data dir deleted while watching: the next change rebuilds the index from the notes instead of failing', async () => {
    const root = temp.make('gone-notes')
    const dataDir = join(temp.make('gone-parent'), 'data')
    writeNotes(root, 12)
    const engine = await Engine.open({ dataDir, modelDirs: [], watch: true }, { settleMs: 100, rootCheckMs: 300, faultRetryMs: 500 })
    try {
      await engine.call('addRoots', { paths: [root] })
      await engine.whenIdle()
      // The engine may still write into it (its state file, LanceDB's cleanup): retried, as `rm -rf` would be run again.
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 })
      writeFileSync(join(root, 'after.md'), '# After\n\nWritten after the index folder was deleted: quokka.\n')
      await eventually(async () => (await engine.call('search', { query: 'quokka', mode: 'keyword' })).total === 1 || undefined, 'the new note indexed into a rebuilt index')
      await engine.whenIdle()
      expect((await engine.call('search', { query: 'lantern', mode: 'keyword', limit: 50 })).total).toBe(12)
      const status = await engine.call('status', undefined)
      expect(status.healthDetail).toMatch(/data folder .* was deleted.*rebuilt from the notes/)
      expect(existsSync(join(dataDir, 'engine-state.json'))).toBe(true)
      expect((await engine.check()).problems).toEqual([])
    } finally {
      await engine.close()
    }
  })

  it('a data dir that is not a folder, or cannot be made, is a clear error at open (engine and CLI), never a spin or a stack trace', async () => {
    const root = temp.make('bad-dir-notes')
    writeNotes(root, 2)
    const file = join(temp.make('bad-dir'), 'a-file')
    writeFileSync(file, 'not a folder')
    for (const dataDir of ['/dev/null', file, join(file, 'below')]) {
      const error = await Engine.open({ dataDir, modelDirs: [] }).then(
        async (engine) => (await engine.close(), null),
        (e: unknown) => e
      )
      expect(error, dataDir).toBeInstanceOf(SemnoteError)
      expect((error as SemnoteError).code, dataDir).toBe('STORAGE_UNUSABLE')
      expect((error as SemnoteError).message, dataDir).toMatch(/not a folder.*--data-dir/)
    }
    const proc = await Engine.open({ dataDir: '/proc/semnote-xyz/data', modelDirs: [] }).then(
      async (engine) => (await engine.close(), null),
      (e: unknown) => e
    )
    expect((proc as SemnoteError).code).toBe('STORAGE_UNUSABLE')
    expect((proc as SemnoteError).message).toMatch(/cannot create the index folder/i)

    for (const [args, message] of [
      [['index', root, '--data-dir', '/dev/null'], /not a folder/],
      [['index', root, '--data-dir', '/proc/semnote-xyz'], /cannot create the index folder/i],
      [['status', '--data-dir', '/proc/semnote-xyz'], /no index in \/proc\/semnote-xyz/i]
    ] as const) {
      const child = await runTsChild(cliEntry, [...args], { timeoutMs: 60_000 })
      expect(child.signal, `${args.join(' ')} must not spin`).toBeNull()
      expect(child.code, args.join(' ')).toBe(1)
      expect(child.stderr, args.join(' ')).toMatch(message)
      expect(child.stderr, args.join(' ')).not.toMatch(RAW)
      expect(child.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1)
    }
  })
})
