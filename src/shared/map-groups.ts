// Map groups: their colours and names. Colours are Paul Tol's colour-blind-safe qualitative schemes (https://personal.sron.nl/~pault/), one
// for light backgrounds ("bright", plus two of "muted"), one for dark backgrounds ("light"), and a neutral grey for
// notes outside any group.

export type MapTheme = 'light' | 'dark'

/** Distinct groups before the rest are shown as "other" (folders, languages); clusters reuse colours in turn. */
export const PALETTE_SIZE = 8

const PALETTES: Record<MapTheme, readonly string[]> = {
  light: ['#4477AA', '#EE6677', '#228833', '#CCBB44', '#66CCEE', '#AA3377', '#882255', '#44AA99'],
  dark: ['#77AADD', '#EE8866', '#EEDD88', '#FFAABB', '#99DDFF', '#44BB99', '#BBCC33', '#DDDDDD']
}

/** Notes in no cluster, or in a group past the palette. */
export const UNGROUPED_COLOUR: Record<MapTheme, string> = { light: '#9A9A9A', dark: '#6E6E6E' }

/** The colour of group `index` (-1: ungrouped); with `cycle`, indexes past the palette wrap around instead of going grey. */
export function groupColour(theme: MapTheme, index: number, cycle = false): string {
  if (index < 0 || (!cycle && index >= PALETTE_SIZE)) return UNGROUPED_COLOUR[theme]
  const palette = PALETTES[theme]
  return palette[index % palette.length]!
}

/** A cluster's name as shown on the map: its words joined by a middle dot. */
export function clusterName(terms: readonly string[]): string {
  return terms.join(' · ')
}

const segments = (path: string) => path.split(/[\\/]/).filter(Boolean)

/** A note's first folder below its indexed folder ('' for notes directly in it). */
export function firstFolder(path: string, root: string): string {
  const inside = path.startsWith(root) ? path.slice(root.length) : path
  const parts = segments(inside)
  return parts.length > 1 ? parts[0]! : ''
}

/** Short unique names for indexed folders: the last path segment, or more of the path where those collide. */
export function rootNames(roots: readonly string[]): Map<string, string> {
  const unique = [...new Set(roots)]
  const names = new Map<string, string>()
  for (let depth = 1; names.size < unique.length; depth++) {
    const candidate = (root: string) => segments(root).slice(-depth).join('/') || root
    const counts = new Map<string, number>()
    for (const root of unique) if (!names.has(root)) counts.set(candidate(root), (counts.get(candidate(root)) ?? 0) + 1)
    for (const root of unique) {
      if (names.has(root)) continue
      const name = candidate(root)
      if (counts.get(name) === 1 || depth >= segments(root).length) names.set(root, name)
    }
  }
  return names
}

/**
 * The folder group of each note when colouring by folder: its first folder below the indexed folder, named with the
 * indexed folder's short name when there are several ('' for notes directly in the only one).
 */
export function folderGroups(paths: readonly string[], roots: readonly string[]): string[] {
  const names = rootNames(roots)
  const several = names.size > 1
  return paths.map((path, i) => {
    const folder = firstFolder(path, roots[i]!)
    if (!several) return folder
    const rootName = names.get(roots[i]!)!
    return folder ? `${rootName}/${folder}` : rootName
  })
}
