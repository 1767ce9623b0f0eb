// Issue 19.2: skipped files and warnings outlive the indexing process: `status` from any process lists them, `index` prints warnings.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { IndexStatus } from '../../src/shared/types'
import { tempFolders } from '../engine/helpers'
import { getTinyPack } from '../helpers/test-model'
import { cliEntry, runTsChild } from './helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

describe('skipped files and warnings, persisted (issue 19.2)', () => {
  it('index prints the decoding warnings; status --json from another process lists every skipped file and warning, also after a restart', async () => {
    const root = temp.make('persist')
    const dataDir = temp.make('persist-data')
    const data = ['--data-dir', dataDir, '--models-dir', await getTinyPack()]
    writeFileSync(join(root, 'good.md'), '# Good\n\nAn ordinary note about gardens.\n')
    writeFileSync(join(root, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))
    writeFileSync(join(root, 'gbk.txt'), execFileSync('iconv', ['-f', 'UTF-8', '-t', 'gbk'], { input: '今天天气很好，我们去公园散步吧。明天下雨，我们在家看书。\n' }))
    writeFileSync(join(root, 'empty.md'), '')

    const indexed = await runTsChild(cliEntry, ['index', root, ...data])
    expect(indexed.code, indexed.stderr).toBe(0)
    expect(indexed.stdout).toMatch(/skipped 1 file/)
    expect(indexed.stdout).toMatch(/2 file\(s\) indexed with warnings/)
    expect(indexed.stdout).toMatch(/gbk\.txt\s+not UTF-8: decoded as gb18030/)

    const expectListed = (status: IndexStatus) => {
      expect(status.skipped.map((s) => [s.path, s.reason])).toEqual([[join(root, 'image.md'), 'binary']])
      expect((status.warnings ?? []).map((w) => w.path).sort()).toEqual([join(root, 'empty.md'), join(root, 'gbk.txt')])
    }
    const status = await runTsChild(cliEntry, ['status', '--json', ...data])
    expect(status.code, status.stderr).toBe(0)
    expectListed(JSON.parse(status.stdout) as IndexStatus)
    const human = await runTsChild(cliEntry, ['status', ...data])
    expect(human.stdout).toMatch(/warnings: 2/)

    // A second `index` finds nothing to redo, yet keeps knowing about the warnings of the notes it did not read again.
    const again = await runTsChild(cliEntry, ['index', root, '--json', ...data])
    expect(again.code, again.stderr).toBe(0)
    expectListed(JSON.parse(again.stdout.trim().split('\n').at(-1)!) as IndexStatus)
  })
})
