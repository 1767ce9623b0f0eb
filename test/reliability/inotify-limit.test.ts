// Issue 19.5: when inotify watches run out, the watcher falls back to rescanning and status says so (with the fix),
// instead of silently missing new notes. The limit is lowered in a user namespace, so nothing else on the machine feels it.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { eventually, tempFolders } from '../engine/helpers'
import { DrivenEngine } from './driven-engine'

const temp = tempFolders()
afterAll(() => temp.cleanup())

const LIMIT = 40
const SETUP = `echo ${LIMIT} > /proc/sys/user/max_inotify_watches`

/** True when a new user namespace may lower its own inotify limit (Linux 5.11+ with unprivileged user namespaces). */
function canLowerInotifyLimit(): boolean {
  return spawnSync('unshare', ['-Ur', 'sh', '-c', SETUP]).status === 0
}

describe('inotify watches exhausted (issue 19.5)', () => {
  it.skipIf(!canLowerInotifyLimit())('rescans the folder instead, says why and how to fix it, and still picks up new and deleted notes', async () => {
    const root = temp.make('inotify-notes')
    const dataDir = temp.make('inotify-data')
    for (let i = 0; i < 3 * LIMIT; i++) {
      mkdirSync(join(root, `folder-${i}`))
      writeFileSync(join(root, `folder-${i}`, 'note.md'), `# Folder ${i}\n\nA note about owls in folder f${i}x.\n`)
    }
    const driven = await DrivenEngine.start(
      { options: { dataDir, modelDirs: [], watch: true }, internals: { settleMs: 100, rootCheckMs: 300, pollMs: 500 } },
      { namespaceSetup: SETUP }
    )
    try {
      await driven.call('addRoots', { paths: [root] })
      await driven.whenIdle()
      const status = await eventually(async () => {
        const s = await driven.call('status', undefined)
        return s.roots[0]?.state === 'polling' ? s : undefined
      }, 'the root to fall back to rescanning')
      expect(status.roots[0]!.notice).toMatch(/not watching live.*inotify.*every \d+ s.*fs\.inotify\.max_user_watches/)
      expect(status.files).toBe(3 * LIMIT)

      writeFileSync(join(root, `folder-${3 * LIMIT - 1}`, 'late.md'), '# Late\n\nWritten after the watches ran out: pangolin.\n')
      rmSync(join(root, 'folder-0', 'note.md'))
      await eventually(async () => (await driven.call('search', { query: 'pangolin', mode: 'keyword' })).total === 1 || undefined, 'the new note found by a rescan')
      await eventually(async () => (await driven.call('search', { query: 'f0x', mode: 'keyword' })).total === 0 || undefined, 'the deleted note gone after a rescan')

      // Another process reading the same index sees it too.
      const reader = await Engine.open({ dataDir, modelDirs: [], watch: false }, { resumeIndexing: false })
      try {
        const seen = await eventually(async () => {
          const s = await reader.call('status', undefined)
          return s.roots[0]?.state === 'polling' ? s : undefined
        }, 'a reader to see the fallback')
        expect(seen.roots[0]!.notice).toMatch(/fs\.inotify\.max_user_watches/)
      } finally {
        await reader.close()
      }
      expect(driven.crashed).toBeNull()
    } finally {
      await driven.close()
    }
  })
})
