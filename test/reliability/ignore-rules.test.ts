// Issue 19.6: .semnoteignore applies before a note is admitted (also when both arrive together while watching), and
// .semnoteignore files in subfolders apply to their folder, with gitignore semantics.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { RootIgnore } from '../../src/main/engine/watch/ignore-rules'
import { eventually, tempFolders } from '../engine/helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

const WATCH = { settleMs: 100, rootCheckMs: 300 }

async function indexedPaths(engine: Engine, root: string): Promise<string[]> {
  return [...(await engine.chunkCounts()).keys()].map((p) => p.slice(root.length + 1)).sort()
}

function write(root: string, rel: string, text = `# ${rel}\n\nA note about herons.\n`): void {
  mkdirSync(join(root, rel, '..'), { recursive: true })
  writeFileSync(join(root, rel), text)
}

describe('.semnoteignore (issue 19.6)', () => {
  it('reads .semnoteignore files in subfolders, relative to their folder, deeper files overriding', () => {
    const root = temp.make('ignore-unit')
    write(root, '.semnoteignore', '*.log.md\n')
    write(root, 'sub/.semnoteignore', 'draft*.md\n/top-only.md\n!keep.log.md\n')
    const rules = new RootIgnore(root, [])
    const ignored = (rel: string) => rules.ignores(join(root, rel), false)
    expect(ignored('draft0.md')).toBe(false) // outside sub/
    expect(ignored('sub/draft1.md')).toBe(true)
    expect(ignored('sub/deeper/draft2.md')).toBe(true) // a pattern without a slash matches at any depth below its folder
    expect(ignored('sub/top-only.md')).toBe(true)
    expect(ignored('sub/deeper/top-only.md')).toBe(false) // anchored to sub/
    expect(ignored('a.log.md')).toBe(true)
    expect(ignored('sub/keep.log.md')).toBe(false) // re-included by the deeper file
    expect(ignored('sub/other.log.md')).toBe(true)
    expect(rules.rules).toEqual(expect.arrayContaining(['*.log.md', 'sub/: draft*.md', 'sub/: /top-only.md', 'sub/: !keep.log.md']))
  })

  it('indexes a tree by its nested rules, and drops notes a new nested .semnoteignore excludes while watching', async () => {
    const root = temp.make('ignore-tree')
    write(root, 'sub/.semnoteignore', 'draft*.md\n')
    for (const rel of ['draft0.md', 'sub/draft1.md', 'sub/deeper/draft2.md', 'sub/final.md', 'other/private.md', 'other/public.md']) write(root, rel)
    const engine = await Engine.open({ dataDir: temp.make('ignore-tree-data'), modelDirs: [], watch: true }, WATCH)
    try {
      await engine.call('addRoots', { paths: [root] })
      await engine.whenIdle()
      expect(await indexedPaths(engine, root)).toEqual(['draft0.md', 'other/private.md', 'other/public.md', 'sub/final.md'])
      writeFileSync(join(root, 'other', '.semnoteignore'), 'private.md\n')
      await eventually(async () => ((await indexedPaths(engine, root)).includes('other/private.md') ? undefined : true), 'other/private.md dropped')
      await engine.whenIdle()
      expect(await indexedPaths(engine, root)).toEqual(['draft0.md', 'other/public.md', 'sub/final.md'])
      expect((await engine.check()).problems).toEqual([])
    } finally {
      await engine.close()
    }
  })

  it('never admits a note that arrives together with the .semnoteignore excluding it (3 rounds)', async () => {
    for (let round = 0; round < 3; round++) {
      const root = temp.make('ignore-race')
      write(root, 'kept.md')
      const engine = await Engine.open({ dataDir: temp.make('ignore-race-data'), modelDirs: [], watch: true }, WATCH)
      try {
        await engine.call('addRoots', { paths: [root] })
        await engine.whenIdle()
        // As a shell does it, in both orders: rules then note, note then rules (in a subfolder).
        execFileSync('sh', ['-c', [
          `echo x > '${root}/secret1.md'; printf 'secret*.md\\n' > '${root}/.semnoteignore'; echo x > '${root}/secret2.md'`,
          `mkdir -p '${root}/d'; echo y > '${root}/d/private.md'; printf 'private.md\\n' > '${root}/d/.semnoteignore'`
        ].join('; ')])
        await new Promise((r) => setTimeout(r, 1500)) // settle time and a rescan, several times over
        await engine.whenIdle()
        expect(await indexedPaths(engine, root), `round ${round}`).toEqual(['kept.md'])
        expect((await engine.check()).problems, `round ${round}`).toEqual([])
      } finally {
        await engine.close()
      }
    }
  })
})
