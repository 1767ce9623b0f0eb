// Path containment for the engine: a note, a root and a removed folder are compared as absolute, normalized paths.
import { sep } from 'node:path'

/** True when `path` is `dir` or inside it. */
export function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep)
}
