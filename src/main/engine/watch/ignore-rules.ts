// Which paths under a root are ignored: built-in defaults, .semnoteignore files (the root's and any subfolder's, each
// relative to its folder, deeper ones winning, as .gitignore files do) and user patterns (gitignore syntax).
import { readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import ignore, { type Ignore } from 'ignore'

/** Ignored in every root unless a later rule re-includes them. `.*` covers hidden files and folders (.git, .obsidian, .trash). */
export const DEFAULT_IGNORE_PATTERNS = ['.*', '.git/', 'node_modules/', '.obsidian/', '.trash/']

export const ROOT_IGNORE_FILE = '.semnoteignore'

/** The ignore rules of one root. Paths passed in are absolute and inside the root. Subfolder rule files are read once, on first use. */
export class RootIgnore {
  private readonly matcher: Ignore
  /** Rules of subfolders' .semnoteignore files by folder (relative, POSIX), null where there is none. */
  private readonly nested = new Map<string, { matcher: Ignore; rules: string[] } | null>()
  private readonly rootRules: string[]

  constructor(
    readonly root: string,
    userPatterns: readonly string[]
  ) {
    const fileRules = readRulesFile(join(root, ROOT_IGNORE_FILE))
    this.rootRules = [...DEFAULT_IGNORE_PATTERNS, ...fileRules, ...userPatterns.filter((p) => p.trim() !== '')]
    this.matcher = ignore({ allowRelativePaths: true }).add(this.rootRules)
  }

  /** Every rule in force so far, for the root preview: subfolder rules as "folder/: pattern". */
  get rules(): string[] {
    const nested = [...this.nested].flatMap(([dir, entry]) => (entry ? entry.rules.map((rule) => `${dir}/: ${rule}`) : []))
    return [...this.rootRules, ...nested]
  }

  /** True when `absPath` (a file, or a folder when `isDirectory`) must not be indexed or watched. */
  ignores(absPath: string, isDirectory: boolean): boolean {
    const rel = relative(this.root, absPath)
    if (rel === '') return false
    if (rel.startsWith('..')) return true
    const posix = sep === '/' ? rel : rel.split(sep).join('/')
    const suffix = isDirectory ? '/' : ''
    let ignored = this.matcher.ignores(posix + suffix)
    const parts = posix.split('/')
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/')
      const entry = this.nestedRules(folder)
      if (!entry) continue
      const verdict = entry.matcher.test(parts.slice(depth).join('/') + suffix)
      if (verdict.ignored) ignored = true
      else if (verdict.unignored) ignored = false
    }
    return ignored
  }

  private nestedRules(folder: string): { matcher: Ignore; rules: string[] } | null {
    let entry = this.nested.get(folder)
    if (entry === undefined) {
      const rules = readRulesFile(join(this.root, ...folder.split('/'), ROOT_IGNORE_FILE))
      entry = rules.length > 0 ? { matcher: ignore({ allowRelativePaths: true }).add(rules), rules } : null
      this.nested.set(folder, entry)
    }
    return entry
  }
}

/** True for the name of a rules file, in the root or in any subfolder. */
export function isRulesFile(path: string): boolean {
  return path.endsWith(sep + ROOT_IGNORE_FILE) || path === ROOT_IGNORE_FILE
}

function readRulesFile(path: string): string[] {
  try {
    return readFileSync(path, 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trimEnd())
      .filter((line) => line !== '' && !line.startsWith('#'))
  } catch {
    return []
  }
}
