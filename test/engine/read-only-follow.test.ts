// A read-only engine beside the indexing one: it sees new notes, roots and deletions without reopening, and never writes.
import { readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { LOCK_FILE } from '../../src/main/engine/facade/data-lock'
import { eventually, tempFolders } from './helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

/** Every file under `dir`, relative, sorted. */
const listTree = (dir: string): string[] => (readdirSync(dir, { recursive: true }) as string[]).sort()
const errorCode = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code)
const paths = async (reader: Engine, query: string) => (await reader.call('search', { query, mode: 'keyword' })).hits.map((h) => h.path)

describe('read-only engine following a writer', () => {
  it('sees what the writer commits (notes, deletions, new roots, status counts) and writes nothing itself', async () => {
    const notes = temp.make('follow-notes')
    const later = temp.make('follow-later')
    const outside = temp.make('follow-outside')
    const dataDir = temp.make('follow-data')
    writeFileSync(join(notes, 'first.md'), '# First\n\nThe kettle whistles at dawn.\n')
    writeFileSync(join(outside, 'secret.md'), 'SECRET-OUTSIDE\n')
    symlinkSync(join(outside, 'secret.md'), join(notes, 'link-out.md'))
    const writer = await Engine.open({ dataDir, modelDirs: [], watch: true }, { settleMs: 50 })
    let reader: Engine | null = null
    try {
      await writer.call('addRoots', { paths: [notes] })
      await writer.whenIdle()
      reader = await Engine.open({ dataDir, modelDirs: [], watch: false }, { resumeIndexing: false })
      const lockBefore = readdirSync(dataDir).includes(LOCK_FILE)
      expect(lockBefore, 'the writer holds the lock').toBe(true)
      expect(await paths(reader, 'kettle')).toEqual([join(notes, 'first.md')])

      // A new note, committed by the writer after the reader opened, is found by the open reader.
      writeFileSync(join(notes, 'second.md'), '# Second\n\nA violin practises scales upstairs.\n')
      await eventually(async () => (await paths(reader!, 'violin')).length === 1, 'the reader to find the new note')
      await eventually(async () => (await reader!.call('status', undefined)).files === 2, 'the reader status to count the new note')
      expect((await reader.call('listNotes', {})).notes.map((n) => n.path)).toEqual([join(notes, 'first.md'), join(notes, 'second.md')])

      // A deletion, and a root the writer adds later.
      await rm(join(notes, 'first.md'))
      await eventually(async () => (await paths(reader!, 'kettle')).length === 0, 'the reader to miss the deleted note')
      writeFileSync(join(later, 'third.md'), '# Third\n\nThe lighthouse keeper logs the fog.\n')
      await writer.call('addRoots', { paths: [later] })
      await eventually(async () => (await paths(reader!, 'lighthouse')).length === 1, 'the reader to search the new root')
      const text = await reader.call('readNoteText', { path: join(later, 'third.md') })
      expect(text.text).toContain('lighthouse keeper')
      expect(text.text).not.toContain('#')
      expect((await reader.call('status', undefined)).roots.map((r) => r.path).sort()).toEqual([notes, later].sort())

      // Reading stays inside the roots: no symlink out, no path elsewhere.
      expect(await errorCode(reader.call('readNoteText', { path: join(notes, 'link-out.md') }))).toBe('PATH_OUTSIDE_ROOTS')
      expect(await errorCode(reader.call('readNoteText', { path: join(outside, 'secret.md') }))).toBe('PATH_OUTSIDE_ROOTS')
      expect(await errorCode(reader.call('readNoteText', { path: `${notes}/../${outside.split('/').pop()}/secret.md` }))).toBe('PATH_OUTSIDE_ROOTS')

      await writer.whenSettled()
      expect((await writer.check()).ok).toBe(true)
      // Everything the reader does leaves the table's files as they are.
      const filesBefore = listTree(join(dataDir, 'lancedb'))
      expect((await reader.check()).ok).toBe(true)
      await reader.call('status', undefined)
      await reader.call('listNotes', { limit: 1 })
      await paths(reader, 'fog')
      expect(listTree(join(dataDir, 'lancedb'))).toEqual(filesBefore)
    } finally {
      await reader?.close()
      await writer.close()
    }
  })

  it('refuses to rebuild a table it cannot read: only the indexing process may', async () => {
    const dataDir = temp.make('follow-damaged')
    const notes = temp.make('follow-damaged-notes')
    writeFileSync(join(notes, 'a.md'), 'alpha\n')
    const writer = await Engine.open({ dataDir, modelDirs: [], watch: false })
    await writer.call('addRoots', { paths: [notes] })
    await writer.whenSettled()
    await writer.close()
    const tableDir = readdirSync(join(dataDir, 'lancedb')).find((name) => name.endsWith('.lance'))!
    const dataFiles = join(dataDir, 'lancedb', tableDir, 'data')
    for (const file of readdirSync(dataFiles)) writeFileSync(join(dataFiles, file), 'garbage')
    expect(await errorCode(Engine.open({ dataDir, modelDirs: [], watch: false }, { resumeIndexing: false }))).toBe('ENGINE_UNAVAILABLE')
    expect(readdirSync(dataFiles).length, 'the reader dropped nothing').toBeGreaterThan(0)
  })
})
