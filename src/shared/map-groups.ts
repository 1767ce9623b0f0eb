// Map groups: their colours and names. Colours are Paul Tol's colour-blind-safe qualitative schemes (https://personal.sron.nl/~pault/), one
// for light backgrounds ("bright", plus two of "muted"), one for dark backgrounds ("light"), and a neutral grey for
// notes outside any group.

import { pathSegments, rootNames } from './root-names'

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

/** A note's first folder below its indexed folder ('' for notes directly in it). */
export function firstFolder(path: string, root: string): string {
  const inside = path.startsWith(root) ? path.slice(root.length) : path
  const parts = pathSegments(inside)
  return parts.length > 1 ? parts[0]! : ''
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
