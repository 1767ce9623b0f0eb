// Bad input on real files: encodings, binary, empty, huge, vanished, unreadable, FIFOs, sockets, link loops, odd names.
import { execFileSync } from 'node:child_process'
import { chmod, mkdir, mkdtemp, open, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractBytes, extractFile, formatBytes, type ExtractResult } from '../../src/main/engine/extract'
import { chunkDocument } from '../../src/main/engine/chunk'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'semnote-bad-input-'))
})

afterAll(async () => {
  await chmod(dir, 0o700).catch(() => undefined)
  await rm(dir, { recursive: true, force: true })
})

async function extractWritten(name: string, content: string | Uint8Array, maxBytes?: number): Promise<ExtractResult> {
  const path = join(dir, name)
  await writeFile(path, content)
  return extractFile(path, { maxBytes })
}

function docOf(result: ExtractResult) {
  if (!result.ok) throw new Error(`expected a document, got ${result.reason}: ${result.detail}`)
  return result.doc
}

/** Encodes text in a legacy encoding by inverting TextDecoder over all one- and two-byte sequences (test fixtures only). */
function encodeLegacy(label: string, text: string): Buffer {
  const decoder = new TextDecoder(label, { fatal: true })
  const bytesOf = new Map<string, number[]>()
  const learn = (bytes: number[]) => {
    try {
      const char = decoder.decode(Uint8Array.from(bytes))
      if ([...char].length === 1 && !bytesOf.has(char)) bytesOf.set(char, bytes)
    } catch {
      // not a valid sequence in this encoding
    }
  }
  for (let byte = 0x80; byte <= 0xff; byte++) learn([byte])
  for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) learn([lead, trail])
  return Buffer.from(
    [...text].flatMap((char) => {
      if (char.charCodeAt(0) < 0x80) return [char.charCodeAt(0)]
      const bytes = bytesOf.get(char)
      if (!bytes) throw new Error(`${label} cannot encode ${char}`)
      return bytes
    })
  )
}

const wordCounter = (text: string) => (text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []).length

describe('encodings', () => {
  const text = '# Grüße\n\n東京の天気は晴れ。\n'

  it('reads UTF-8 with and without a BOM alike', async () => {
    const plain = docOf(await extractWritten('plain-utf8.md', text))
    const bom = docOf(await extractWritten('bom-utf8.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])))
    expect(bom.text).toBe(plain.text)
    expect(bom.title).toBe('Grüße')
    expect(bom.warnings).toEqual([])
    expect(bom.blocks[1].lines).toEqual([3])
  })

  it('reads UTF-16 LE and BE by their BOM, and BOM-less UTF-16 LE by its zero bytes', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const be = Buffer.from(le)
    be.swap16()
    const leDoc = docOf(await extractWritten('utf16le.md', le))
    const beDoc = docOf(await extractWritten('utf16be.md', be))
    expect([leDoc.encoding, leDoc.title, leDoc.text]).toEqual(['utf-16le', 'Grüße', 'Grüße\n\n東京の天気は晴れ。'])
    expect([beDoc.encoding, beDoc.text]).toEqual(['utf-16be', leDoc.text])
    const bare = docOf(await extractWritten('utf16-nobom.txt', Buffer.from('plain ascii notes\nsecond line\n', 'utf16le')))
    expect(bare.encoding).toBe('utf-16le')
    expect(bare.text).toBe('plain ascii notes\nsecond line')
    expect(bare.warnings.join()).toMatch(/no byte order mark/)
  })

  it('replaces invalid and truncated UTF-8 with U+FFFD and warns, keeping genuine U+FFFD out of the count', async () => {
    const bytes = Buffer.concat([Buffer.from('good start \ufffd '), Buffer.from([0xff, 0xfe, 0x41, 0xc3]), Buffer.from(' end\n'), Buffer.from('東', 'utf8').subarray(0, 2)])
    const doc = docOf(await extractWritten('invalid.txt', bytes))
    expect(doc.text.startsWith('good start \ufffd \ufffd\ufffdA\ufffd end')).toBe(true)
    expect(doc.warnings).toEqual(['invalid UTF-8: 4 byte sequences replaced with U+FFFD'])
  })

  it('detects legacy encodings of files that are not UTF-8, and keeps mostly-UTF-8 files as UTF-8', async () => {
    const notes: [string, string, string][] = [
      ['gbk', 'gb18030', '今天天气很好，我们去公园散步。晚上在家里做了番茄炒蛋，味道不错。明天要去上海出差。'],
      ['big5', 'big5', '今天天氣很好，我們去公園散步。晚上在家裡做了番茄炒蛋，味道不錯。明天要去上海出差。'],
      ['shift_jis', 'shift_jis', '京都旅行の計画。秋の紅葉の時期に三泊四日で京都へ行く予定。清水寺は朝早く行けば人が少ない。'],
      ['euc-kr', 'euc-kr', '오늘은 날씨가 좋아서 공원에 산책을 갔습니다. 저녁에는 집에서 토마토 계란 볶음을 만들었어요.'],
      ['windows-1252', 'windows-1252', 'Grüße aus München! Die Straße ist schön, und wir müssen früh aufstehen. Übermorgen fahren wir nach Köln.']
    ]
    for (const [label, expected, text] of notes) {
      const doc = docOf(await extractWritten(`legacy-${label}.txt`, encodeLegacy(label, text)))
      expect([doc.encoding, doc.text], label).toEqual([expected, text])
      expect(doc.warnings.join(), label).toMatch(/not UTF-8: decoded as/)
    }
    const mostlyUtf8 = Buffer.concat([Buffer.from('Grüße aus München, schön! '.repeat(20)), Buffer.from([0xe9, 0xe8, 0xe0])])
    const kept = docOf(await extractWritten('mostly-utf8.txt', mostlyUtf8))
    expect([kept.encoding, kept.warnings]).toEqual(['utf-8', ['invalid UTF-8: 3 byte sequences replaced with U+FFFD']])
  })

  it('normalises decomposed text to NFC so it matches composed queries', async () => {
    const doc = docOf(await extractWritten('nfd.txt', 'Cafe\u0301 au lait'))
    expect(doc.text).toBe('Caf\u00e9 au lait')
  })
})

describe('binary and size', () => {
  it('skips files with NUL bytes or many control characters as binary', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
    expect(await extractWritten('image.md', png)).toMatchObject({ ok: false, reason: 'binary' })
    const controls = Buffer.alloc(4000, 'text ')
    for (let i = 0; i < controls.length; i += 5) controls[i] = 0x01
    expect(await extractWritten('controls.txt', controls)).toMatchObject({ ok: false, reason: 'binary' })
    const utf16Binary = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.alloc(200, Buffer.from([0x02, 0x00]))])
    expect(await extractWritten('utf16-binary.txt', utf16Binary)).toMatchObject({ ok: false, reason: 'binary' })
  })

  it('indexes a 0-byte file as an empty note that keeps its title chunk', async () => {
    const doc = docOf(await extractWritten('Empty idea.md', ''))
    expect([doc.title, doc.text, doc.blocks, doc.lineCount, doc.size]).toEqual(['Empty idea', '', [], 0, 0])
    const chunks = chunkDocument(doc, { countTokens: wordCounter })
    expect(chunks).toHaveLength(1)
    expect(chunks[0]).toMatchObject({ text: '', embedText: 'Empty idea', lineStart: 1, lineEnd: 1 })
  })

  it('skips a file over the cap with a readable size, without reading it', async () => {
    const path = join(dir, 'huge.md')
    const handle = await open(path, 'w')
    await handle.truncate(Math.round(52.4 * 1024 * 1024))
    await handle.close()
    expect(await extractFile(path)).toEqual({ ok: false, reason: 'too-large', detail: '52.4 MB exceeds the 20 MB limit' })
    expect(await extractWritten('small-cap.txt', 'x'.repeat(3000), 2048)).toEqual({ ok: false, reason: 'too-large', detail: '2.9 KB exceeds the 2 KB limit' })
    expect(docOf(await extractWritten('at-cap.txt', 'y'.repeat(2048), 2048)).size).toBe(2048)
    expect([formatBytes(0), formatBytes(1), formatBytes(1023), formatBytes(1024 * 1024 * 1024 * 3)]).toEqual(['0 bytes', '1 byte', '1023 bytes', '3 GB'])
  })
})

describe('file system', () => {
  it('reports a missing file as vanished and a dangling link as unreadable', async () => {
    expect(await extractFile(join(dir, 'gone.md'))).toMatchObject({ ok: false, reason: 'vanished' })
    expect(await extractFile(join(dir, 'no-such-dir', 'gone.md'))).toMatchObject({ ok: false, reason: 'vanished' })
    await symlink(join(dir, 'missing-target.md'), join(dir, 'dangling.md'))
    expect(await extractFile(join(dir, 'dangling.md'))).toMatchObject({ ok: false, reason: 'unreadable', detail: expect.stringMatching(/broken symbolic link/) })
  })

  it('follows a good symlink and reports a symlink loop', async () => {
    await writeFile(join(dir, 'target.md'), '# Linked\n')
    await symlink(join(dir, 'target.md'), join(dir, 'link.md'))
    expect(docOf(await extractFile(join(dir, 'link.md'))).title).toBe('Linked')
    await symlink(join(dir, 'loop-b.md'), join(dir, 'loop-a.md'))
    await symlink(join(dir, 'loop-a.md'), join(dir, 'loop-b.md'))
    expect(await extractFile(join(dir, 'loop-a.md'))).toMatchObject({ ok: false, reason: 'symlink-loop' })
  })

  // POSIX only: Windows has no mkfifo, no Unix-socket files in folders and no effective uid.
  const posix = process.platform !== 'win32'

  it.runIf(posix)('reports folders, FIFOs and sockets as not-a-file without blocking on the FIFO', async () => {
    await mkdir(join(dir, 'folder.md'))
    expect(await extractFile(join(dir, 'folder.md'))).toEqual({ ok: false, reason: 'not-a-file', detail: 'is a folder' })
    execFileSync('mkfifo', [join(dir, 'pipe.md')])
    expect(await extractFile(join(dir, 'pipe.md'))).toEqual({ ok: false, reason: 'not-a-file', detail: 'is a named pipe (FIFO)' })
    const server: Server = createServer()
    await new Promise<void>((resolve) => server.listen(join(dir, 'socket.txt'), resolve))
    try {
      expect(await extractFile(join(dir, 'socket.txt'))).toEqual({ ok: false, reason: 'not-a-file', detail: 'is a socket' })
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it.runIf(posix)('reports a file it may not read as unreadable', async () => {
    const folder = join(dir, 'locked')
    await mkdir(folder)
    const path = join(folder, 'secret.md')
    await writeFile(path, 'secret')
    await chmod(path, 0o000)
    // Let "nobody" reach the file, so the failure comes from opening it, not from walking the folders.
    await chmod(dir, 0o711)
    await chmod(folder, 0o711)
    const root = process.getuid?.() === 0
    // Root reads any file, so the read runs with the effective uid of "nobody" (the real uid stays root to switch back).
    if (root) process.seteuid!(65534)
    let result: ExtractResult
    try {
      result = await extractFile(path)
    } finally {
      if (root) process.seteuid!(0)
    }
    expect(result).toEqual({ ok: false, reason: 'unreadable', detail: 'permission denied' })
  })

  it('keeps NFC and NFD names apart, decodes odd names, and titles them in NFC', async () => {
    const nfc = 'Caf\u00e9 notes.md'
    const nfd = 'Cafe\u0301 notes.md'
    await writeFile(join(dir, nfc), 'composed')
    await writeFile(join(dir, nfd), 'decomposed')
    const names = await readdir(dir)
    expect(names).toEqual(expect.arrayContaining([nfc, nfd]))
    const composed = docOf(await extractFile(join(dir, nfc)))
    const decomposed = docOf(await extractFile(join(dir, nfd)))
    expect([composed.text, decomposed.text]).toEqual(['composed', 'decomposed'])
    expect(decomposed.title).toBe('Caf\u00e9 notes')
    expect(decomposed.path).toBe(join(dir, nfd))
    const long = `${'長'.repeat(80)}.md`
    expect(Buffer.byteLength(long)).toBe(243)
    const odd = ['🙂 emoji.md', ' leading space.md', 'new\nline.md', long]
    for (const name of odd) expect(docOf(await extractWritten(name, 'ok')).title).toBe(name.slice(0, -3))
  })
})

describe('robustness', () => {
  it('never throws on random bytes for any built-in type', async () => {
    let seed = 12345
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32)
    const alphabet = ['<', '>', '#', '*', '`', '-', '|', '[', ']', '!', '&', ';', '\n', ' ', 'a', '東', '\ufffd', '---\n', '<script>', '<!--', ']]>']
    const reasons = new Set<string>()
    for (let round = 0; round < 150; round++) {
      const bytes =
        round % 3 === 0
          ? Buffer.from(Array.from({ length: Math.floor(random() * 3000) }, () => Math.floor(random() * 256)))
          : Buffer.from(Array.from({ length: Math.floor(random() * 400) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''))
      for (const ext of ['md', 'txt', 'html']) {
        const result = await extractBytes(`/notes/fuzz-${round}.${ext}`, bytes)
        reasons.add(result.ok ? 'ok' : result.reason)
        if (result.ok) {
          const chunks = chunkDocument(result.doc, { maxTokens: 32, countTokens: wordCounter })
          for (const chunk of chunks) expect(wordCounter(chunk.embedText)).toBeLessThanOrEqual(32)
        }
      }
    }
    expect([...reasons].sort()).toEqual(['binary', 'ok'])
  })
})
