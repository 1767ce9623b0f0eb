// Large notes are embedded and written in parts (issue 19.13, bounded memory): a SIGKILL between two parts of a new or a
// replaced note leaves rows the next open sees as damaged and rewrites; no half note or duplicate survives the restart.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempFolders } from '../engine/helpers'
import { getTinyPack } from '../helpers/test-model'
import { bigNote, cleanIndex as cleanIndexIn, expectRepaired as expectRepairedAgainst, indexFolder, killAfterPart, PART_CHUNKS, tableFiles } from './note-parts'

const temp = tempFolders()
afterAll(() => temp.cleanup())

/** Chunk ids per note when indexed in one go, in a fresh data dir. */
const cleanIndex = (root: string, pack: string) => cleanIndexIn(root, pack, temp.make('parts-clean'))
/** Checks the index after the kill against the files and a clean index. */
const expectRepaired = (dataDir: string, root: string, pack: string) => expectRepairedAgainst(dataDir, root, pack, temp.make('parts-clean'))

/** The tiny pack, a folder holding a big note (120 sections) beside a small one, and an empty data dir. */
async function bigAndSmallNote(name: string): Promise<{ pack: string; root: string; dataDir: string }> {
  const root = temp.make(name)
  writeFileSync(join(root, 'big.md'), bigNote(1, 120))
  writeFileSync(join(root, 'small.md'), '# Small\n\nA small note beside the big one.\n')
  return { pack: await getTinyPack(), root, dataDir: temp.make(`${name}-data`) }
}

describe('large notes written in parts', () => {
  it('writes the same rows in parts as in one commit', async () => {
    const { pack, root, dataDir } = await bigAndSmallNote('parts-same')
    await indexFolder(dataDir, root, pack)
    const { files } = await tableFiles(dataDir, pack)
    expect(files.get(join(root, 'big.md'))!.chunkIds.length).toBeGreaterThan(2 * PART_CHUNKS)
    expect(new Map([...files].map(([path, file]) => [path, file.chunkIds]))).toEqual(await cleanIndex(root, pack))
  }, 120_000)

  it('repairs a new note killed between two of its parts', async () => {
    const { pack, root, dataDir } = await bigAndSmallNote('parts-new')
    const output = await killAfterPart(dataDir, root, pack, 2)
    expect(output).not.toContain('done')
    const killed = await tableFiles(dataDir, pack)
    const partial = killed.files.get(join(root, 'big.md'))
    expect(partial?.chunkIds.length, 'two parts were committed before the kill').toBeGreaterThan(PART_CHUNKS)
    expect(partial?.chunkIds.length).toBeLessThanOrEqual(2 * PART_CHUNKS)
    expect(partial?.damaged, 'its first chunks are missing').toBe(true)
    await expectRepaired(dataDir, root, pack)
  }, 180_000)

  it('repairs a replaced note killed between two of its parts (no rows of two versions survive)', async () => {
    const pack = await getTinyPack()
    const root = temp.make('parts-replace')
    const big = join(root, 'big.md')
    writeFileSync(big, bigNote(1, 100))
    const dataDir = temp.make('parts-replace-data')
    await indexFolder(dataDir, root, pack)
    writeFileSync(big, bigNote(2, 130))
    const output = await killAfterPart(dataDir, root, pack, 3)
    expect(output).not.toContain('done')
    const partial = (await tableFiles(dataDir, pack)).files.get(big)
    expect(partial?.damaged, 'rows of both versions after the kill').toBe(true)
    await expectRepaired(dataDir, root, pack)
  }, 180_000)
})
