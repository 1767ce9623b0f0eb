// FileReader: reads on a worker thread in batches, with the same outcomes as lstat + readFile on this thread.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FileReader, readerThreadRunning } from '../../src/main/engine/index/file-reader'

describe('FileReader', () => {
  let dir = ''
  let reader: FileReader | undefined
  afterEach(async () => {
    await reader?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('reads files, reports missing ones, folders, links and files over the size cap', async () => {
    dir = await mkdtemp(join(tmpdir(), 'semnote-reader-'))
    const small = join(dir, 'small.md')
    const big = join(dir, 'big.md')
    await writeFile(small, 'héllo 世界')
    await writeFile(big, 'x'.repeat(200))
    await mkdir(join(dir, 'folder'))
    await symlink(small, join(dir, 'link.md'))
    reader = new FileReader(100)
    const [read, missing, folder, link, tooLarge] = await Promise.all(
      [small, join(dir, 'missing.md'), join(dir, 'folder'), join(dir, 'link.md'), big].map((path) => reader!.read(path))
    )
    expect(read).toMatchObject({ kind: 'read', size: Buffer.byteLength('héllo 世界') })
    expect(read!.kind === 'read' && read.bytes.toString('utf8')).toBe('héllo 世界')
    expect(read!.kind === 'read' && Buffer.isBuffer(read.bytes)).toBe(true)
    expect(missing).toEqual({ kind: 'gone' })
    expect(folder).toEqual({ kind: 'gone' })
    expect(link).toEqual({ kind: 'link' })
    expect(tooLarge).toEqual({ kind: 'too-large', size: 200 })
  })

  it('keeps every file apart when many are read in one batch', async () => {
    dir = await mkdtemp(join(tmpdir(), 'semnote-reader-'))
    const paths = Array.from({ length: 40 }, (_, i) => join(dir, `n${i}.md`))
    await Promise.all(paths.map((path, i) => writeFile(path, `note ${i} `.repeat(i + 1))))
    reader = new FileReader(1e6)
    const reads = await Promise.all(paths.map((path) => reader!.read(path)))
    reads.forEach((read, i) => expect(read.kind === 'read' && read.bytes.toString()).toBe(`note ${i} `.repeat(i + 1)))
  })

  it('rejects reads after close, so the indexer falls back to reading on its own thread', async () => {
    reader = new FileReader(1e6)
    await reader.close()
    await expect(reader.read('/nonexistent')).rejects.toThrow(/closed/)
  })

  it('rejects reads when no worker can be started, instead of throwing where nobody catches', async () => {
    reader = new FileReader(1e6)
    ;(reader as unknown as { ensureWorker: () => never }).ensureWorker = () => {
      throw new Error('worker threads unavailable')
    }
    await expect(reader.read('/nonexistent')).rejects.toThrow(/unavailable/)
    await expect(reader.read('/nonexistent')).rejects.toThrow(/unavailable/)
  })

  it('ends an idle worker and starts a new one for the next read', async () => {
    dir = await mkdtemp(join(tmpdir(), 'semnote-reader-'))
    await writeFile(join(dir, 'a.md'), 'alpha')
    reader = new FileReader(1e6, 20)
    expect(await reader.read(join(dir, 'a.md'))).toMatchObject({ kind: 'read', size: 5 })
    expect(readerThreadRunning()).toBe(true)
    await new Promise((settle) => setTimeout(settle, 200))
    expect(readerThreadRunning()).toBe(false)
    expect(await reader.read(join(dir, 'a.md'))).toMatchObject({ kind: 'read', size: 5 })
  })

  it('shares one thread between readers: a reader closed while another reads leaves the other its reads', async () => {
    dir = await mkdtemp(join(tmpdir(), 'semnote-reader-'))
    await writeFile(join(dir, 'a.md'), 'alpha')
    const other = new FileReader(1e6)
    reader = new FileReader(1e6)
    const closing = other.read(join(dir, 'a.md'))
    const reading = reader.read(join(dir, 'a.md'))
    await other.close()
    await expect(closing).rejects.toThrow(/closed/)
    expect(await reading).toMatchObject({ kind: 'read', size: 5 })
    expect(readerThreadRunning()).toBe(true)
  })
})
