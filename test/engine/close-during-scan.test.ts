// Closing the engine during a large first scan (issue 21 item 9): the scan is abandoned, not waited for (a quit during a
// first scan ended in a kill after 5 s), and the next open scans again and indexes everything.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { RootIgnore } from '../../src/main/engine/watch/ignore-rules'
import { scanRoot } from '../../src/main/engine/watch/scan'
import { tempFolders } from './helpers'

/** Folders opened by any scan, so a test can tell how far a walk got. */
const opened = vi.hoisted(() => ({ dirs: [] as string[] }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...fs,
    opendir: (path: string, ...rest: unknown[]) => {
      opened.dirs.push(String(path))
      return (fs.opendir as (...args: unknown[]) => ReturnType<typeof fs.opendir>)(path, ...rest)
    }
  }
})

const temp = tempFolders()
afterAll(() => temp.cleanup())

/** A root of `folders` folders holding one note each. */
function manyFolders(folders: number): string {
  const root = temp.make('scan-root')
  for (let i = 0; i < folders; i++) {
    mkdirSync(join(root, `f${i}`))
    writeFileSync(join(root, `f${i}`, 'note.md'), `# Note ${i}\n\nfolder number ${i}\n`)
  }
  return root
}

describe('scanRoot', () => {
  it('stops when its signal is aborted, rejecting with the reason', async () => {
    const root = manyFolders(50)
    const abort = new AbortController()
    const scan = scanRoot(root, new RootIgnore(root, []), { isSupported: () => true, signal: abort.signal })
    abort.abort(new Error('engine closing'))
    await expect(scan).rejects.toThrow('engine closing')
  })
})

describe('Engine.close during a first scan', () => {
  it('abandons the scan instead of walking to its end, and the next open indexes every note', async () => {
    const folders = 800
    const root = manyFolders(folders)
    const dataDir = temp.make('scan-data')
    const engine = await Engine.open({ dataDir, modelDirs: [], watch: false })
    opened.dirs.length = 0
    await engine.call('addRoots', { paths: [root] })
    await engine.close()
    const walked = opened.dirs.filter((dir) => dir.startsWith(root)).length
    expect(walked).toBeLessThan(folders)

    const reopened = await Engine.open({ dataDir, modelDirs: [], watch: false })
    try {
      await reopened.whenIdle()
      expect((await reopened.call('status', undefined)).files).toBe(folders)
      expect((await reopened.check()).ok).toBe(true)
    } finally {
      await reopened.close()
    }
  }, 180_000)
})
