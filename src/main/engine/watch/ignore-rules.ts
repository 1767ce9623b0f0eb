// Which paths under a root are ignored: built-in defaults, the root's .semnoteignore, and user patterns (gitignore syntax).
import { readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import ignore, { type Ignore } from 'ignore'

/** Ignored in every root unless a later rule re-includes them. `.*` covers hidden files and folders (.git, .obsidian, .trash). */
export const DEFAULT_IGNORE_PATTERNS = ['.*', '.git/', 'node_modules/', '.obsidian/', '.trash/']

export const ROOT_IGNORE_FILE = '.semnoteignore'

/** The ignore rules of one root. Paths passed in are absolute and inside the root. */
export class RootIgnore {
  private readonly matcher: Ignore
  /** Every rule in force, for the root preview. */
  readonly rules: string[]

  constructor(
    readonly root: string,
    userPatterns: readonly string[]
  ) {
    const fileRules = readRootIgnoreFile(root)
    this.rules = [...DEFAULT_IGNORE_PATTERNS, ...fileRules, ...userPatterns.filter((p) => p.trim() !== '')]
    this.matcher = ignore({ allowRelativePaths: true }).add(this.rules)
  }

  /** True when `absPath` (a file, or a folder when `isDirectory`) must not be indexed or watched. */
  ignores(absPath: string, isDirectory: boolean): boolean {
    const rel = relative(this.root, absPath)
    if (rel === '') return false
    if (rel.startsWith('..')) return true
    const posix = sep === '/' ? rel : rel.split(sep).join('/')
    return this.matcher.ignores(isDirectory ? `${posix}/` : posix)
  }
}

function readRootIgnoreFile(root: string): string[] {
  try {
    return readFileSync(join(root, ROOT_IGNORE_FILE), 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trimEnd())
      .filter((line) => line !== '' && !line.startsWith('#'))
  } catch {
    return []
  }
}
