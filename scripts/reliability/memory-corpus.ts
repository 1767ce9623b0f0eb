// Real-world folders for the memory measurement (issue 19.13): man pages rendered to text as a user would save them, and
// very large Markdown files made of that text. Rendered pages are cached under .cache/reliability/ (rendering takes minutes).
// Run: npx tsx scripts/reliability/memory-corpus.ts <dir> [--man N] [--markdown FILES --mb MB]
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const repo = resolve(__dirname, '..', '..')
const MAN_ROOT = '/usr/share/man'

/** Man page sources: every translated page first (about 30 languages), then English sections until `count`. */
function manSources(count: number): string[] {
  const sections = readdirSync(MAN_ROOT).sort()
  const translated = sections.filter((d) => !d.startsWith('man')).flatMap((lang) => pagesUnder(join(MAN_ROOT, lang)))
  const english = ['man5', 'man7', 'man8', 'man1', 'man3'].flatMap((section) => pagesUnder(join(MAN_ROOT, section)))
  return [...translated, ...english].slice(0, count)
}

function pagesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...pagesUnder(path))
    else if (entry.isFile() && /\.\d\w*(\.gz)?$/.test(entry.name)) out.push(path)
  }
  return out
}

/** Renders one page to plain UTF-8 text as `man` shows it (80 columns, no overstrikes); null when it does not render. */
async function renderPage(source: string): Promise<string | null> {
  try {
    const { stdout } = await run('sh', ['-c', 'MANWIDTH=80 man -l -E UTF-8 "$0" 2>/dev/null | col -bx', source], { maxBuffer: 64 << 20, timeout: 60_000 })
    return stdout.trim() === '' ? null : stdout
  } catch {
    return null
  }
}

/**
 * At least `count` rendered man pages as .txt files under `<cache>/man-<count>/<section or language>/`, rendered two at a
 * time and cached. Returns the folder. Needs man and groff (Debian: man-db).
 */
export async function manPageFolder(count: number, cacheDir = join(repo, '.cache', 'reliability')): Promise<string> {
  const target = join(cacheDir, `man-${count}`)
  if (existsSync(join(target, '.complete'))) return target
  const sources = manSources(Math.ceil(count * 1.05)) // a few do not render
  if (sources.length < count) throw new Error(`only ${sources.length} man pages under ${MAN_ROOT}; ${count} wanted`)
  const temp = `${target}.tmp-${process.pid}`
  rmSync(temp, { recursive: true, force: true })
  let written = 0
  let next = 0
  const worker = async () => {
    while (next < sources.length && written < count) {
      const source = sources[next++]!
      const text = await renderPage(source)
      if (text === null || written >= count) continue
      const group = basename(join(source, '..', '..')) === 'man' ? basename(join(source, '..')) : basename(join(source, '..', '..'))
      mkdirSync(join(temp, group), { recursive: true })
      writeFileSync(join(temp, group, `${basename(source).replace(/\.gz$/, '')}.txt`), text)
      written++
    }
  }
  await Promise.all([worker(), worker()])
  if (written < count) throw new Error(`only ${written} of ${count} man pages rendered`)
  writeFileSync(join(temp, '.complete'), String(written))
  rmSync(target, { recursive: true, force: true })
  renameSync(temp, target)
  return target
}

/** The rendered pages' text, in a stable order. */
function pageTexts(folder: string): { title: string; text: string }[] {
  const out: { title: string; text: string }[] = []
  for (const group of readdirSync(folder).sort()) {
    const dir = join(folder, group)
    if (!statSync(dir).isDirectory()) continue
    for (const name of readdirSync(dir).sort()) out.push({ title: name.replace(/\.txt$/, ''), text: readFileSync(join(dir, name), 'utf8') })
  }
  return out
}

/**
 * `files` Markdown files of `mb` MB each under `dir`, made of man page text as sections (a heading per page, its
 * paragraphs, its synopsis as a code block), each file starting at another page. Returns their paths.
 */
export function writeLargeMarkdown(dir: string, manFolder: string, files: number, mb: number): string[] {
  const pages = pageTexts(manFolder)
  const paths: string[] = []
  mkdirSync(dir, { recursive: true })
  for (let f = 0; f < files; f++) {
    const parts: string[] = [`# Collected manual ${f + 1}\n`]
    let size = 0
    for (let i = 0; size < mb * 1024 * 1024; i++) {
      const page = pages[(f * 397 + i * 7) % pages.length]!
      const section = `## ${page.title} (${i})\n\n${markdownOf(page.text)}\n`
      parts.push(section)
      size += Buffer.byteLength(section)
    }
    const path = join(dir, `manual-${f + 1}.md`)
    writeFileSync(path, parts.join('\n'))
    paths.push(path)
  }
  return paths
}

/** Man page text as Markdown: section names become headings, the synopsis a code block, the rest paragraphs. */
function markdownOf(text: string): string {
  const out: string[] = []
  let section = ''
  for (const block of text.split(/\n\s*\n/)) {
    const trimmed = block.replace(/^\s+/gm, '').trim()
    if (trimmed === '') continue
    if (/^[A-Z][A-Z ]+$/.test(trimmed)) {
      section = trimmed
      out.push(`### ${trimmed}`)
    } else if (section === 'SYNOPSIS') out.push('```\n' + trimmed + '\n```')
    else out.push(trimmed.replace(/\n/g, ' '))
  }
  return out.join('\n\n')
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const dir = resolve(args[0] ?? '.tmp/memory-corpus')
  const option = (name: string, fallback: number) => Number(args[args.indexOf(name) + 1] ?? fallback) || fallback
  const man = await manPageFolder(option('--man', 3300))
  console.log(`man pages: ${man}`)
  if (args.includes('--markdown')) console.log(writeLargeMarkdown(dir, man, option('--markdown', 5), option('--mb', 19)).join('\n'))
}

if (require.main === module) void main()
