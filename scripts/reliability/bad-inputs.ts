// Generates the bad-input corpus (issue 7 item 4, documents from issue 15): >= 100 hostile files, names, trees and links,
// each with its expected outcome.
// Run: npx tsx scripts/reliability/bad-inputs.ts [<dir>] [--ci]   (prints one line per case; the folder is kept for inspection)
import { execFileSync } from 'node:child_process'
import { chmodSync, closeSync, linkSync, mkdirSync, mkdtempSync, openSync, readSync, realpathSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { SkipReason } from '../../src/shared/types'
import { hostileDocuments } from './bad-documents'

/** What the engine must do with a case. */
export type Expectation =
  /** Indexed: a keyword search for `query` finds the case's path; `warning` demands an extraction warning; `notQuery` must not find it. */
  | { kind: 'indexed'; query: string; warning?: boolean; notQuery?: string }
  /** Listed in status.skipped under `path` with this reason. */
  | { kind: 'skipped'; reason: SkipReason }
  /** Neither indexed nor reported (ignored by rule or unsupported extension); `query` must find nothing. */
  | { kind: 'ignored'; query: string }

export interface BadInputCase {
  /** Stable number, for reports. */
  id: number
  category: string
  /** What the case is, in a few words. */
  title: string
  /** Absolute path the engine reports (file, folder or link). */
  path: string
  expect: Expectation
  /** True when the outcome depends on file permissions (only meaningful when the indexer lacks root's override). */
  needsUnprivileged?: boolean
}

export interface BadInputCorpus {
  /** The note root to index. */
  root: string
  /** A folder beside the root that links point into. */
  outside: string
  cases: BadInputCase[]
  /** Ordinary notes placed among the bad ones; every one must be indexed and found by its query. */
  goodFiles: { path: string; query: string }[]
  /** Closes the listening socket(s) the corpus holds open. */
  dispose(): Promise<void>
}

/** `full`: the sizes the issue names (1 MB lines, 100,000-fold nesting); `ci`: the same cases scaled down where embedding cost grows with size. */
export type CorpusScale = 'ci' | 'full'

const SIZES: Record<CorpusScale, { longLineKB: number; repeats: number; listDepth: number }> = {
  full: { longLineKB: 1024, repeats: 100_000, listDepth: 1000 },
  ci: { longLineKB: 128, repeats: 10_000, listDepth: 300 }
}

/** Deterministic bytes (mulberry32), so the corpus is the same on every run. */
function seededBytes(seed: number, length: number): Buffer {
  const out = Buffer.alloc(length)
  for (let i = 0; i < length; i++) {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    out[i] = (t ^ (t >>> 14)) & 0xff
  }
  return out
}

const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le')
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!]
  return le
}

/**
 * Writes the corpus under `baseDir` (a fresh folder) and returns the cases with their expected outcomes.
 * Needs a POSIX file system (FIFOs, sockets, symbolic links, arbitrary bytes in names).
 */
export async function generateBadInputs(baseDir: string, scale: CorpusScale = 'full'): Promise<BadInputCorpus> {
  const size = SIZES[scale]
  const n = (count: number) => count.toLocaleString('en')
  const root = join(baseDir, 'notes')
  const outside = join(baseDir, 'outside')
  mkdirSync(root, { recursive: true })
  mkdirSync(outside, { recursive: true })
  const cases: BadInputCase[] = []
  const goodFiles: { path: string; query: string }[] = []
  const servers: Server[] = []
  let nextId = 1
  const marker = () => `bad${nextId}x`
  const add = (category: string, title: string, path: string, expect: Expectation, needsUnprivileged = false) => {
    cases.push({ id: nextId++, category, title, path, expect, ...(needsUnprivileged ? { needsUnprivileged } : {}) })
  }
  /** Writes a file under the root and records the case. */
  const file = (category: string, title: string, rel: string | Buffer, content: Buffer | string, expect: (m: string) => Expectation) => {
    const m = marker()
    const path = typeof rel === 'string' ? join(root, rel) : Buffer.concat([Buffer.from(root + '/'), rel])
    writeFileSync(path, typeof content === 'string' ? content.replaceAll('{m}', m) : withMarker(content, m))
    add(category, title, typeof path === 'string' ? path : path.toString('utf8'), expect(m))
  }
  const indexed = (query: string, extra: Partial<Extract<Expectation, { kind: 'indexed' }>> = {}): Expectation => ({ kind: 'indexed', query, ...extra })
  const skipped = (reason: SkipReason): Expectation => ({ kind: 'skipped', reason })
  const good = (rel: string) => {
    const query = `good${goodFiles.length}x`
    const path = join(root, rel)
    mkdirSync(join(path, '..'), { recursive: true })
    writeFileSync(path, `# Good note ${goodFiles.length}\n\nAn ordinary note beside the bad ones, about gardens and ${query}.\n`)
    goodFiles.push({ path, query })
  }

  // ---- binary content ----
  file('binary', 'PNG image named .md', 'png.md', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), seededBytes(1, 2048)]), () => skipped('binary'))
  file('binary', 'random bytes named .txt', 'random.txt', seededBytes(2, 4096), () => skipped('binary'))
  file('binary', 'start of the node executable named .md', 'elf.md', readHead(process.execPath, 8192), () => skipped('binary'))
  file('binary', 'gzip stream named .txt', 'gzip.txt', gzipSync(Buffer.from('compressed words '.repeat(200))), () => skipped('binary'))
  file('binary', 'PDF renamed to .md', 'pdf.md', Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n'), seededBytes(3, 2048)]), () => skipped('binary'))
  file('binary', 'SQLite database named .md', 'sqlite.md', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4080)]), () => skipped('binary'))
  file('binary', 'JPEG named .html', 'jpeg.html', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.from('JFIF\0'), seededBytes(4, 1024)]), () => skipped('binary'))
  file('binary', 'WebAssembly module named .txt', 'wasm.txt', Buffer.concat([Buffer.from('\0asm'), Buffer.from([1, 0, 0, 0]), seededBytes(5, 512)]), () => skipped('binary'))
  file('binary', 'text with a NUL byte near the start', 'nul-early.md', Buffer.from('hello\0world {m} and more words after it'), () => skipped('binary'))
  file('binary', 'a note full of control characters', 'control-chars.md', Buffer.from('{m} ' + '\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f word '.repeat(300)), () => skipped('binary'))
  const zeros = join(root, 'zeros.md')
  writeFileSync(zeros, '')
  truncateSync(zeros, 1024 * 1024)
  add('binary', '1 MB of zero bytes (sparse)', zeros, skipped('binary'))
  file('binary', 'UTF-32 LE with BOM (decoded as UTF-16, full of NULs)', 'utf32.txt', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(Array.from('utf thirty two text', (c) => [c.charCodeAt(0), 0, 0, 0]).flat())]), () => skipped('binary'))
  file('binary', 'UTF-16 LE Chinese without a BOM (undetectable, NUL-free high bytes)', 'utf16-cjk-nobom.txt', Buffer.from('中文笔记内容没有字节顺序标记'.repeat(40) + '\0', 'utf16le'), () => skipped('binary'))

  // ---- truncated files ----
  file('truncated', 'UTF-8 cut inside a multi-byte character', 'cut-utf8.md', Buffer.concat([Buffer.from('# Cut\n\nThe text {m} ends in 日'), Buffer.from('本').subarray(0, 2)]), (m) => indexed(m, { warning: true }))
  file('truncated', 'UTF-16 LE with BOM and an odd byte count', 'cut-utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('odd length {m} text', 'utf16le'), Buffer.from([0x41])]), (m) => indexed(m, { warning: true }))
  file('truncated', 'UTF-16 BE with BOM and an odd byte count', 'cut-utf16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('odd length {m} text'), Buffer.from([0x00])]), (m) => indexed(m, { warning: true }))
  file('truncated', 'front matter never closed', 'cut-front-matter.md', '---\ntitle: Unclosed\ntags: [a, b\n\nbody {m} follows', (m) => indexed(m))
  file('truncated', 'HTML cut inside a tag', 'cut.html', '<html><head><title>Cut</title></head><body><p>paragraph {m} here</p><div class="x', (m) => indexed(m))
  file('truncated', 'code fence never closed', 'cut-fence.md', '# Fence\n\n```js\nconst a = 1 // {m}\n', (m) => indexed(m))
  file('truncated', 'HTML comment never closed', 'cut-comment.html', '<p>visible {m}</p><!-- never closed', (m) => indexed(m))

  // ---- encodings ----
  file('encoding', 'Latin-1 text', 'latin1.md', Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(' au lait {m} cr'), Buffer.from([0xe8]), Buffer.from('me br'), Buffer.from([0xfb]), Buffer.from('l'), Buffer.from([0xe9, 0x65])]), (m) => indexed(m, { warning: true }))
  file('encoding', 'Windows-1252 smart quotes', 'cp1252.txt', Buffer.concat([Buffer.from([0x93]), Buffer.from('quoted {m} words'), Buffer.from([0x94, 0x20, 0x96, 0x20, 0x85])]), (m) => indexed(m, { warning: true }))
  file('encoding', 'Shift_JIS Japanese', 'sjis.txt', Buffer.concat([Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xcc, 0x83, 0x81, 0x83, 0x82]), Buffer.from(' {m} '), Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea])]), (m) => indexed(m, { warning: true }))
  file('encoding', 'GBK Chinese', 'gbk.txt', Buffer.concat([Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xb1, 0xca, 0xbc, 0xc7]), Buffer.from(' {m} '), Buffer.from([0xd6, 0xd0, 0xce, 0xc4])]), (m) => indexed(m, { warning: true }))
  // One sentence each, as iconv writes it (issue 19.1: 77-79% of their non-ASCII bytes are invalid UTF-8, once stored as U+FFFD).
  file('encoding', 'one GBK sentence (iconv -t gbk)', 'gbk-sentence.txt', Buffer.from('bdf1ccecccecc6f8badcbac3a3acced2c3c7c8a5b9abd4b0c9a2b2bdb0c9a1a3c3f7cceccfc2d3eaa3acced2c3c7d4dabcd2bfb4cae9a1a3', 'hex'), () => indexed('公园', { warning: true }))
  file('encoding', 'one EUC-KR sentence (iconv -t euc-kr)', 'euc-kr-sentence.txt', Buffer.from('bfc0b4c3c0ba20b3afbebeb0a120c1c1bec6bcad20bfecb8aeb4c220b0f8bff8bfa120bbeac3a5c7cfb7af20b0acbdc0b4cfb4d92e', 'hex'), () => indexed('공원에', { warning: true }))
  file('encoding', 'one EUC-JP sentence (iconv -t euc-jp)', 'euc-jp-sentence.txt', Buffer.from('baa3c6fca4cfc5b7b5a4a4accec9a4a4a4cea4c7b8f8b1e0a4f2bbb6cae2a4b7a4dea4b7a4bfa1a3', 'hex'), () => indexed('公園', { warning: true }))
  file('encoding', 'UTF-8 and Latin-1 mixed in one file', 'mixed.md', Buffer.concat([Buffer.from('Grüße aus Köln {m} '), Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65])]), (m) => indexed(m, { warning: true }))
  file('encoding', 'UTF-8 with BOM', 'utf8-bom.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# BOM\n\nwith bom {m}\n')]), (m) => indexed(m))
  file('encoding', 'UTF-16 LE with BOM, Chinese and Latin', 'utf16le-bom.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# 笔记\n\n中文内容 {m} end\n', 'utf16le')]), (m) => indexed(m))
  file('encoding', 'UTF-16 BE with BOM, Japanese and Latin', 'utf16be-bom.md', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('# メモ\n\n日本語の文 {m} end\n')]), (m) => indexed(m))
  file('encoding', 'UTF-16 LE without BOM (ASCII text)', 'utf16le-nobom.txt', Buffer.from('plain ascii note {m} in utf16 little endian\n', 'utf16le'), (m) => indexed(m, { warning: true }))
  file('encoding', 'UTF-16 BE without BOM (ASCII text)', 'utf16be-nobom.txt', utf16be('plain ascii note {m} in utf16 big endian\n'), (m) => indexed(m, { warning: true }))
  file('encoding', 'overlong UTF-8 sequences', 'overlong.md', Buffer.concat([Buffer.from('overlong {m} '), Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf]), Buffer.from(' end')]), (m) => indexed(m, { warning: true }))
  file('encoding', 'encoded lone surrogates', 'surrogates.md', Buffer.concat([Buffer.from('surrogate {m} '), Buffer.from([0xed, 0xa0, 0x80, 0xed, 0xbf, 0xbf]), Buffer.from(' end')]), (m) => indexed(m, { warning: true }))
  file('encoding', 'valid U+FFFD characters already in the text', 'fffd.md', 'replacement \ufffd\ufffd characters {m} are fine', (m) => indexed(m))
  file('encoding', '0xFF between every word', 'ff-bytes.txt', Buffer.concat(Array.from({ length: 50 }, (_, i) => Buffer.concat([Buffer.from(i === 25 ? ' {m} ' : ' word '), Buffer.from([0xff])]))), (m) => indexed(m, { warning: true }))
  file('encoding', 'CRLF and lone CR line ends', 'crlf.md', '# Lines\r\n\r\nfirst line\rsecond {m}\r\nthird\r', (m) => indexed(m))
  file('encoding', 'stray NUL far past the sniffed head', 'late-nul.md', `${'words '.repeat(2000)}\0 after the nul {m}`, (m) => indexed(m))
  file('encoding', 'escape sequences (ANSI colours) in a log', 'ansi.txt', '\x1b[31mred\x1b[0m text {m} \x1b[1mbold\x1b[0m\n', (m) => indexed(m))

  // ---- size and shape ----
  file('size', `${size.longLineKB} KB single line`, 'long-line.md', `${'lorem ipsum dolor sit amet '.repeat(Math.ceil((size.longLineKB * 1024) / 27))}{m}`, (m) => indexed(m))
  file('size', '1,000,000 lines', 'million-lines.txt', `${'\n'.repeat(999_999)}{m}`, (m) => indexed(m))
  const huge = join(root, 'huge-50mb.md')
  writeFileSync(huge, '')
  truncateSync(huge, 50 * 1024 * 1024)
  add('size', '50 MB file (sparse, over the 20 MB cap)', huge, skipped('too-large'))
  file('size', '0-byte Markdown note', 'emptyzerobytes.md', '', () => indexed('emptyzerobytes', { warning: true }))
  file('size', '0-byte text note', 'emptyzerotext.txt', '', () => indexed('emptyzerotext', { warning: true }))
  file('size', '0-byte HTML page', 'emptyzerohtml.html', '', () => indexed('emptyzerohtml', { warning: true }))
  file('size', 'white space only', 'whitespaceonly.md', ' \n\t\n   \n', () => indexed('whitespaceonly'))
  file('size', `one ${n(size.repeats)}-character word`, 'long-word.md', `${'x'.repeat(size.repeats)} {m}`, (m) => indexed(m))
  file('size', `${n(size.repeats / 5)} headings`, 'headings.md', `${Array.from({ length: size.repeats / 5 }, (_, i) => `# H${i}`).join('\n')}\n\n{m}`, (m) => indexed(m))
  file('size', `${n(size.repeats / 2)} nested block quotes`, 'quotes.md', `${'>'.repeat(size.repeats / 2)} {m}`, (m) => indexed(m))
  file('size', `${n(size.repeats)} opening brackets`, 'brackets.md', `${'['.repeat(size.repeats)} {m}`, (m) => indexed(m))
  file('size', `list nested ${n(size.listDepth)} deep`, 'deep-list.md', `${Array.from({ length: size.listDepth }, (_, i) => `${'  '.repeat(i)}- level`).join('\n')}\n\n{m}`, (m) => indexed(m))
  file('size', `${n(size.repeats)} nested HTML elements`, 'deep.html', `${'<div>'.repeat(size.repeats)}{m}${'</div>'.repeat(size.repeats)}`, (m) => indexed(m))
  file('size', '10,000 combining marks on one letter', 'zalgo.md', `a${'\u0301'.repeat(10_000)} {m}`, (m) => indexed(m))
  file('size', 'table with 5,000 columns', 'wide-table.md', `|${' c |'.repeat(5000)}\n|${'---|'.repeat(5000)}\n|${' v |'.repeat(5000)}\n\n{m}`, (m) => indexed(m))
  file('size', '1 MB of white space between two words', 'spaces.md', `start ${' '.repeat(1024 * 1024)} {m}`, (m) => indexed(m))
  file('front-matter', '1 MB front matter', 'huge-front-matter.md', `---\ntitle: Huge\n${Array.from({ length: 40_000 }, (_, i) => `key${i}: value number ${i}`).join('\n')}\n---\n\nbody {m}\n`, (m) => indexed(m))
  file('front-matter', 'YAML alias bomb', 'yaml-bomb.md', `---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n---\n\nbody {m}\n`, (m) => indexed(m))
  file('front-matter', 'invalid YAML', 'bad-yaml.md', '---\ntitle: [unclosed\n  : : :\n---\n\nbody {m}\n', (m) => indexed(m))
  file('front-matter', 'front matter with non-string title and tags', 'odd-types.md', '---\ntitle: 12345\ntags: {a: 1}\nlang: [en]\n---\n\nbody {m}\n', (m) => indexed(m))
  file('front-matter', 'broken TOML front matter', 'bad-toml.md', '+++\ntitle = "unterminated\n+++\n\nbody {m}\n', (m) => indexed(m))
  file('front-matter', 'front matter only', 'frontonlyzq.md', '---\ntitle: Front matter only frontonlyzq\n---\n', () => indexed('frontonlyzq'))
  file('html', 'script and style text is not indexed', 'scripted.html', '<html><head><style>.a{} scriptstylezq</style></head><body><p>visible {m}</p><script>var scriptstylezq = 1</script></body></html>', (m) => indexed(m, { notQuery: 'scriptstylezq' }))
  file('html', '1 MB attribute value', 'attr.html', `<p title="${'a'.repeat(1024 * 1024)}">text {m}</p>`, (m) => indexed(m))
  file('html', 'entity soup', 'entities.html', `<p>${'&amp;&#0;&#xD800;&#99999999;&bogus;'.repeat(200)} {m}</p>`, (m) => indexed(m))

  // ---- names ----
  const nameCase = (title: string, name: string) => file('name', title, name, 'note with an odd name {m}\n', (m) => indexed(m))
  nameCase('255-byte ASCII name', `${'a'.repeat(252)}.md`)
  nameCase('255-byte CJK name', `${'日'.repeat(84)}.md`)
  nameCase('255-byte emoji name', `${'😀'.repeat(63)}.md`)
  nameCase('NFC name café.md', 'caf\u00e9.md')
  nameCase('NFD name café.md (same name decomposed)', 'cafe\u0301.md')
  mkdirSync(join(root, 'R\u00e9sum\u00e9'))
  mkdirSync(join(root, 'Re\u0301sume\u0301'))
  nameCase('note in NFC folder Résumé', 'R\u00e9sum\u00e9/n.md')
  nameCase('note in NFD folder Résumé', 'Re\u0301sume\u0301/n.md')
  nameCase('new line in the name', 'new\nline.md')
  nameCase('tab in the name', 'tab\there.md')
  nameCase('control character in the name', 'ctl\x01char.md')
  nameCase('single quote in the name', "it's.md")
  nameCase('SQL injection in the name', "x' OR '1'='1.md")
  nameCase('SQL comment and semicolon', "a'); DROP TABLE chunks;--.md")
  nameCase('LIKE wildcards', '100%_done.md')
  nameCase('backslash', 'back\\slash.md')
  nameCase('double quote and backtick', 'say "hi" `now`.md')
  nameCase('glob characters', 'glob*?[a-z]{x,y}.md')
  nameCase('gitignore specials at the start', '!bang #hash.md')
  nameCase('leading dash', '-rf.md')
  nameCase('only spaces before the extension', '   .md')
  nameCase('right-to-left override and zero-width space', '\u202eevil\u200b.md')
  nameCase('emoji ZWJ sequence', '👩‍👩‍👧‍👦 family.md')
  nameCase('upper-case extension', 'SHOUT.MD')
  nameCase('Hebrew right-to-left name', 'עברית.txt')
  nameCase('Windows-reserved name', 'CON.md')
  nameCase('name that looks like a URL', 'https:∕∕example.com∕a.md')
  file('name', 'trailing dot after the extension (unsupported)', 'trailing.md.', 'text {m}', (m) => ({ kind: 'ignored', query: m }))
  file('name', 'backup extension (unsupported)', 'note.md.bak', 'text {m}', (m) => ({ kind: 'ignored', query: m }))
  file('name', 'hidden file (ignored by default)', '.hidden.md', 'text {m}', (m) => ({ kind: 'ignored', query: m }))
  mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true })
  file('name', 'inside node_modules (ignored)', 'node_modules/pkg/readme.md', 'text {m}', (m) => ({ kind: 'ignored', query: m }))
  mkdirSync(join(root, 'folder-rules', 'deeper'), { recursive: true })
  writeFileSync(join(root, 'folder-rules', '.semnoteignore'), 'excluded*.md\n')
  file('name', "excluded by a subfolder's .semnoteignore", 'folder-rules/deeper/excluded-here.md', 'text {m}', (m) => ({ kind: 'ignored', query: m }))
  mkdirSync(join(root, '.git'))
  file('name', 'inside .git (ignored)', '.git/notes.md', 'text {m}', (m) => ({ kind: 'ignored', query: m }))
  // Invalid UTF-8 in a name: Node decodes it with U+FFFD, so the path it reports does not exist as spelled.
  file('name', 'invalid UTF-8 bytes in the name', Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0x2e, 0x6d, 0x64]), 'text {m}', () => skipped('unreadable'))

  // ---- trees ----
  const deep = join(root, ...Array.from({ length: 200 }, () => 'd'))
  mkdirSync(deep, { recursive: true })
  file('tree', 'note 200 folders deep', join(...Array.from({ length: 200 }, () => 'd'), 'deep.md'), 'deep note {m}', (m) => indexed(m))
  good(join(...Array.from({ length: 100 }, () => 'd'), 'good-deep.md'))
  const longSegments = Array.from({ length: 15 }, (_, i) => `${String(i).padStart(2, '0')}${'L'.repeat(238)}`)
  mkdirSync(join(root, ...longSegments), { recursive: true })
  file('tree', 'note at a 3,700-character path', join(...longSegments, 'long.md'), 'long path note {m}', (m) => indexed(m))
  // Beyond PATH_MAX (4096): built with relative steps, as no absolute call can reach it.
  const tooDeep = makeBeyondPathMax(join(root, 'toolong'))
  add('tree', 'folder beyond PATH_MAX (4,096 bytes)', tooDeep, skipped('unreadable'))
  const emptyTree = join(root, 'empty', ...Array.from({ length: 50 }, (_, i) => `e${i}`))
  mkdirSync(emptyTree, { recursive: true })
  good('empty/good-beside-empty.md')

  // ---- links ----
  const link = (title: string, rel: string, target: string, reason: SkipReason) => {
    symlinkSync(target, join(root, rel))
    add('link', title, join(root, rel), skipped(reason))
  }
  link('link to itself', 'self.md', join(root, 'self.md'), 'symlink-loop')
  link('two links pointing at each other (1)', 'ping.md', join(root, 'pong.md'), 'symlink-loop')
  link('two links pointing at each other (2)', 'pong.md', join(root, 'ping.md'), 'symlink-loop')
  mkdirSync(join(root, 'loops'))
  link('folder link to its parent', 'loops/up', '..', 'symlink-loop')
  link('folder link to the root', 'loops/top', root, 'symlink-loop')
  writeFileSync(join(outside, 'secret.md'), 'outside secret outsidesecretzq')
  link('link to a note outside the root', 'escape.md', join(outside, 'secret.md'), 'not-a-file')
  link('link to a folder outside the root', 'escape-dir', outside, 'not-a-file')
  link('dangling link', 'dangling.md', join(root, 'does-not-exist.md'), 'not-a-file')
  link('link to /dev/zero', 'devzero.md', '/dev/zero', 'not-a-file')
  link('link to /etc/passwd', 'passwd.md', '/etc/passwd', 'not-a-file')
  good('linked-target.md')
  link('link to a note inside the root (not followed; the note itself is indexed)', 'alias.md', goodFiles.at(-1)!.path, 'not-a-file')
  writeFileSync(join(outside, 'hard.md'), 'hard linked note {m}'.replace('{m}', marker()))
  const hardLink = join(root, 'hard.md')
  const hardQuery = marker()
  linkSync(join(outside, 'hard.md'), hardLink)
  add('link', 'hard link to a file outside (a regular file here)', hardLink, indexed(hardQuery))

  // ---- special files ----
  execFileSync('mkfifo', [join(root, 'fifo.md'), join(root, 'fifo.txt')])
  add('special', 'FIFO named .md', join(root, 'fifo.md'), skipped('not-a-file'))
  add('special', 'FIFO named .txt', join(root, 'fifo.txt'), skipped('not-a-file'))
  const socketPath = join(root, 'socket.md')
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  servers.push(server)
  add('special', 'Unix socket named .md', socketPath, skipped('not-a-file'))
  if (process.getuid?.() === 0) {
    execFileSync('mknod', [join(root, 'null-dev.md'), 'c', '1', '3'])
    add('special', 'character device named .md (made with mknod)', join(root, 'null-dev.md'), skipped('not-a-file'))
  }

  // ---- permissions (effective only without root's override; see the test) ----
  file('permission', 'file with mode 000', 'mode000.md', 'locked {m}', () => skipped('unreadable'))
  chmodSync(join(root, 'mode000.md'), 0)
  cases.at(-1)!.needsUnprivileged = true
  file('permission', 'write-only file (mode 200)', 'writeonly.md', 'locked {m}', () => skipped('unreadable'))
  chmodSync(join(root, 'writeonly.md'), 0o200)
  cases.at(-1)!.needsUnprivileged = true
  mkdirSync(join(root, 'closed'))
  writeFileSync(join(root, 'closed', 'inside.md'), 'inside a closed folder')
  chmodSync(join(root, 'closed'), 0)
  add('permission', 'folder with mode 000', join(root, 'closed'), skipped('unreadable'), true)
  mkdirSync(join(root, 'listonly'))
  writeFileSync(join(root, 'listonly', 'visible-name.md'), 'name listed, content unreachable')
  chmodSync(join(root, 'listonly'), 0o444)
  add('permission', 'note in a folder that can be listed but not entered (mode 444)', join(root, 'listonly', 'visible-name.md'), skipped('unreadable'), true)
  mkdirSync(join(root, 'enteronly'))
  writeFileSync(join(root, 'enteronly', 'hidden-name.md'), 'cannot be listed')
  chmodSync(join(root, 'enteronly'), 0o111)
  add('permission', 'folder that can be entered but not listed (mode 111)', join(root, 'enteronly'), skipped('unreadable'), true)

  // ---- documents: hostile PDFs, Word and EPUB files, read in the document worker with its limits ----
  mkdirSync(join(root, 'documents'))
  for (const doc of hostileDocuments()) {
    const m = marker()
    const content = await doc.make(m)
    const outcome = doc.outcome
    file('document', doc.title, `documents/${doc.name}`, content, () =>
      outcome.kind === 'skipped' ? skipped(outcome.reason) : indexed(m, { ...(outcome.warning ? { warning: true } : {}), ...(outcome.notQuery ? { notQuery: outcome.notQuery } : {}) })
    )
  }

  // ---- good notes spread among the bad ones ----
  for (let i = 0; goodFiles.length < 40; i++) good(i % 4 === 0 ? `good-${i}.md` : i % 4 === 1 ? `loops/good-${i}.md` : i % 4 === 2 ? `R\u00e9sum\u00e9/good-${i}.txt` : `deep-${i % 3}/good-${i}.html`)

  return {
    root,
    outside,
    cases,
    goodFiles,
    dispose: () => Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(() => undefined)
  }
}

/** Replaces the placeholder "{m}" in bytes, whether written as UTF-8/ASCII, UTF-16 LE or UTF-16 BE. */
function withMarker(bytes: Buffer, marker: string): Buffer {
  let out = bytes
  for (const [encode, unit] of [[(t: string) => Buffer.from(t), 1], [(t: string) => Buffer.from(t, 'utf16le'), 2], [utf16be, 2]] as const) {
    const needle = encode('{m}')
    const parts: Buffer[] = []
    let from = 0
    for (let at = out.indexOf(needle); at !== -1; at = out.indexOf(needle, at + 1)) {
      if (at % unit !== 0 || at < from) continue // a UTF-16 match must start on a code unit boundary
      parts.push(out.subarray(from, at), encode(marker))
      from = at + needle.length
    }
    out = parts.length ? Buffer.concat([...parts, out.subarray(from)]) : out
  }
  return out
}

function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0))
  } finally {
    closeSync(fd)
  }
}

/** Creates `base/<18 x 240-char folders>/beyond.md` with relative steps (a shell cd per level); returns the first folder past 4,096 bytes. */
function makeBeyondPathMax(base: string): string {
  mkdirSync(base)
  const segment = 'P'.repeat(240)
  const script = `cd -P "$1" && for i in $(seq 1 18); do mkdir ${segment} && cd -P ${segment}; done && echo beyond > beyond.md`
  execFileSync('bash', ['-c', script, 'bash', base])
  let path = base
  while (Buffer.byteLength(path) <= 4096) path = join(path, segment)
  return path
}

/** Folder for a corpus when none is given. */
export function freshCorpusDir(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), 'semnote-bad-inputs-')))
}

if (process.argv[1] && /bad-inputs\.ts$/.test(process.argv[1])) {
  const dir = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? freshCorpusDir()
  void generateBadInputs(dir, process.argv.includes('--ci') ? 'ci' : 'full').then(async (corpus) => {
    for (const c of corpus.cases) console.log(`${String(c.id).padStart(3)} ${c.category.padEnd(12)} ${c.expect.kind.padEnd(8)} ${'reason' in c.expect ? c.expect.reason : ''} ${c.title}`)
    console.log(`${corpus.cases.length} cases, ${corpus.goodFiles.length} good notes beside them, in ${corpus.root}`)
    await corpus.dispose()
  })
}
