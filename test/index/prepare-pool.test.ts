// The prepare pool: notes prepared by worker threads equal those prepared on this thread (chunks and token ids, lite pack,
// dev corpora); a note past the time or memory limit costs its worker and is skipped with reason 'limit', others go on.
import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_DOCUMENT_LIMITS } from '../../src/main/engine/extract/documents/limits'
import { createPrepare } from '../../src/main/engine/facade/pipeline'
import { DEFAULT_PREPARE_LIMITS, defaultPrepareThreads, PreparePool } from '../../src/main/engine/facade/prepare-pool'
import { loadPack } from '../../src/main/engine/model/pack'
import { PassageEncoder } from '../../src/main/engine/model/passage-encoder'
import { createTokenizer } from '../../src/main/engine/model/tokenizer'
import type { StreamedNote } from '../../src/main/engine/index/ports'

const LITE_PACK = resolve(__dirname, '..', '..', 'resources', 'models', 'semnote-lite-multi')
const EVAL_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'eval')
const pools: PreparePool[] = []

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()))
})

function pool(...args: ConstructorParameters<typeof PreparePool>): PreparePool {
  const made = new PreparePool(...args)
  pools.push(made)
  return made
}

/** A few notes of every dev corpus (Markdown, text, HTML; many languages). */
async function devNotes(perSet: number): Promise<{ path: string; bytes: Buffer }[]> {
  const notes: { path: string; bytes: Buffer }[] = []
  for (const set of (await readdir(EVAL_DIR)).sort()) {
    const corpus = join(EVAL_DIR, set, 'corpus')
    const names = (await readdir(corpus, { recursive: true }).catch(() => [] as string[])).filter((name) => /\.(md|txt|html?)$/.test(name)).sort()
    for (const name of names.slice(0, perSet)) notes.push({ path: join(corpus, name), bytes: await readFile(join(corpus, name)) })
  }
  return notes
}

describe('PreparePool', () => {
  it('prepares notes in worker threads exactly as on this thread: chunks and token ids (lite pack, dev corpora)', async () => {
    const pack = await loadPack(LITE_PACK)
    const encoder = new PassageEncoder(await createTokenizer(pack), pack.manifest.passagePrefix, pack.manifest.maxTokens)
    const here = createPrepare(256, encoder)
    const workers = pool({ budget: 256, encoder: encoder.spec, documents: DEFAULT_DOCUMENT_LIMITS }, 2)
    const notes = await devNotes(4)
    expect(notes.length).toBeGreaterThan(40)
    const prepared = await Promise.all(notes.map((note) => workers.prepare(note.path, note.bytes)))
    for (const [i, note] of notes.entries()) expect(prepared[i], note.path).toEqual(await here(note.path, note.bytes))
    const chunks = prepared.flatMap((note) => (note.ok ? note.chunks : []))
    expect(chunks.every((chunk) => chunk.tokenIds instanceof Int32Array && chunk.tokenIds.length > 0)).toBe(true)
    expect(workers.workersStarted).toBe(2)
  })

  it('chunks notes nested past the Markdown nesting cap exactly as on this thread, whatever the stack of the thread', async () => {
    // The bad-input corpus's nested notes: the engine thread's stack overflowed where a worker's did not, so check found
    // 'quotes.md (expected 23, table has 1)'. The nesting cap now decides, the same on every thread.
    const notes = {
      'quotes.md': `${'>'.repeat(5_000)} quotedmarker`,
      'quotes-at-cap.md': `${'> '.repeat(499)}capmarker`,
      'quotes-under-cap.md': `${'> '.repeat(498)}undermarker`,
      'deep-list.md': `${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- level`).join('\n')}\n\nlistmarker`,
      'links.md': `${'['.repeat(5_000)}linkmarker${'](u)'.repeat(5_000)}`,
      'images.md': `${'!['.repeat(2_000)}imagemarker${'](u)'.repeat(2_000)}`
    }
    const here = createPrepare(64)
    const workers = pool({ budget: 64, documents: DEFAULT_DOCUMENT_LIMITS }, 1)
    for (const [name, text] of Object.entries(notes)) {
      const path = `/notes/${name}`
      const bytes = Buffer.from(text)
      const inWorker = await workers.prepare(path, bytes)
      expect(inWorker.ok, name).toBe(true)
      expect(inWorker, name).toEqual(await here(path, bytes))
    }
    const quotes = await here('/notes/quotes.md', Buffer.from(notes['quotes.md']))
    expect(quotes.ok && quotes.warnings).toEqual(['Markdown nested too deeply to parse; indexed as plain text'])
    const underCap = await here('/notes/quotes-under-cap.md', Buffer.from(notes['quotes-under-cap.md']))
    expect(underCap.ok && underCap.chunks.map((chunk) => chunk.text)).toEqual(['undermarker'])
  })

  it('gives up a note past its CPU-time limit with reason limit, starts a new worker, and prepares every note queued behind it, in order', async () => {
    // The limit is CPU time of the worker's thread, not wall time: the long note needs seconds of it on any machine, the
    // small ones a few milliseconds, however busy the machine is.
    const workers = pool({ budget: 64, documents: DEFAULT_DOCUMENT_LIMITS }, 1, { ...DEFAULT_PREPARE_LIMITS, timeoutMs: 300 })
    const slow = Buffer.from(`# Long\n\n${'Many words in a very long note. '.repeat(200_000)}`)
    const order: string[] = []
    const prepare = (name: string, bytes: Buffer) => Promise.resolve(workers.prepare(`/notes/${name}`, bytes)).then((note) => (order.push(name), note))
    const long = prepare('long.md', slow)
    const small = ['one', 'two', 'three', 'four'].map((word) => prepare(`${word}.md`, Buffer.from(`# Small ${word}\n\nA small note.\n`)))
    const [late, ...after] = await Promise.all([long, ...small])
    expect(late).toEqual({ ok: false, reason: 'limit', detail: 'took more than 300 ms of work to read' })
    expect(after.map((note) => note.ok && note.chunks.map((chunk) => chunk.text))).toEqual(['one', 'two', 'three', 'four'].map((word) => [`Small ${word}\n\nA small note.`]))
    expect(order).toEqual(['long.md', 'one.md', 'two.md', 'three.md', 'four.md'])
    expect(workers.workersStarted).toBe(2)
  })

  it('does not give up a streamed note whose steps the engine takes slowly: its wall-time limit counts from its latest step', async () => {
    // 250 ms of CPU time, so at most 5 s of wall time per step; the engine takes ~8 s in all to take the note's steps.
    const segments = { afterBytes: 8_000, segmentChars: 3_000 }
    const workers = pool({ budget: 64, documents: DEFAULT_DOCUMENT_LIMITS, segments }, 1, { ...DEFAULT_PREPARE_LIMITS, timeoutMs: 250 })
    const sections = Array.from({ length: 20 }, (_, i) => `## Section ${i}\n\n${`Words of section ${i}. `.repeat(150)}`)
    const streamed = (await workers.prepareOrStream('/notes/big.md', Buffer.from(`# Big\n\n${sections.join('\n\n')}`))) as StreamedNote
    expect(streamed.streamed).toBe(true)
    const kinds: string[] = []
    for await (const step of streamed.steps()) {
      kinds.push(step.kind === 'failed' ? `failed: ${step.detail}` : step.kind)
      await new Promise((resolve) => setTimeout(resolve, 400))
    }
    expect(kinds.length).toBeGreaterThan(15)
    expect(kinds.filter((kind) => kind !== 'chunks')).toEqual(['head'])
  }, 60_000)

  it('hands a streamed note its bytes instead of copying them, and only to an idle worker, so it is never sent twice', async () => {
    // One worker, ended after the large note in front (10,000 bytes or more): a streamed note sent behind it would go back
    // to the queue, to be sent again to the next worker, and its bytes are no longer the pool's to send.
    const segments = { afterBytes: 8_000, segmentChars: 3_000 }
    const workers = pool({ budget: 64, documents: DEFAULT_DOCUMENT_LIMITS, segments }, 1, { ...DEFAULT_PREPARE_LIMITS, retireAfterBytes: 10_000 })
    const large = Buffer.from(`# Large\n\n${'Words of a large note. '.repeat(1_000)}`)
    const sections = Array.from({ length: 6 }, (_, i) => `## Section ${i}\n\n${`Words of section ${i}. `.repeat(150)}`)
    const bigBytes = Buffer.from(new TextEncoder().encode(`# Big\n\n${sections.join('\n\n')}`).buffer)
    const first = workers.prepare('/notes/large.md', large)
    const streamed = (await workers.prepareOrStream('/notes/big.md', bigBytes)) as StreamedNote
    const steps: string[] = []
    let text = ''
    for await (const step of streamed.steps()) {
      steps.push(step.kind === 'head' ? `head: ${step.title}` : step.kind)
      if (step.kind === 'chunks') text += step.chunks.map((chunk) => chunk.text).join(' ')
    }
    expect((await first).ok).toBe(true)
    expect(steps[0]).toBe('head: Big')
    expect(steps.slice(1).every((kind) => kind === 'chunks')).toBe(true)
    for (let i = 0; i < 6; i++) expect(text).toContain(`Words of section ${i}.`)
    // Handed over: the caller's buffer went to the worker (detached here), no copy stayed behind.
    expect(bigBytes.byteLength).toBe(0)
    expect(workers.workersStarted).toBe(2)
  }, 60_000)

  it('skips a note that needs more memory than the limit with reason limit, and prepares the others', async () => {
    const workers = pool({ budget: 64, documents: DEFAULT_DOCUMENT_LIMITS }, 1, { ...DEFAULT_PREPARE_LIMITS, maxHeapMb: 24 })
    const big = Buffer.from(`# Big\n\n${'word '.repeat(4_000_000)}`)
    const small = Buffer.from('# Small\n\nA small note.\n')
    const [tooBig, after] = await Promise.all([workers.prepare('/notes/big.md', big), workers.prepare('/notes/small.md', small)])
    expect(tooBig).toEqual({ ok: false, reason: 'limit', detail: 'needed more than 24 MB of memory to read' })
    expect(after.ok).toBe(true)
  })

  it('ends a worker after a large note (its grown heap goes with it) and prepares the notes sent to it on a new one', async () => {
    const workers = pool({ budget: 64, documents: DEFAULT_DOCUMENT_LIMITS }, 1, { ...DEFAULT_PREPARE_LIMITS, retireAfterBytes: 10_000 })
    const large = Buffer.from(`# Large\n\n${'Words of a large note. '.repeat(1_000)}`)
    const names = ['a', 'b', 'c']
    const [first, ...rest] = await Promise.all([workers.prepare('/notes/large.md', large), ...names.map((name) => workers.prepare(`/notes/${name}.md`, Buffer.from(`# Small ${name}\n`)))])
    expect(first.ok && first.chunks.length).toBeGreaterThan(1)
    expect(rest.map((note) => note.ok && note.title)).toEqual(['Small a', 'Small b', 'Small c'])
    expect(workers.workersStarted).toBe(2)
  })

  it('sizes itself from the cores, leaving the engine thread and, for transformer models, the model its share', () => {
    expect(defaultPrepareThreads(1, true, 2)).toBe(1)
    expect(defaultPrepareThreads(3, true, 4)).toBe(3)
    expect(defaultPrepareThreads(7, false, 8)).toBe(1)
    expect(defaultPrepareThreads(4, false, 8)).toBe(3)
    expect(defaultPrepareThreads(15, true, 16)).toBe(8)
  })
})
