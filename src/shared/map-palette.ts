// Colours of map groups: Paul Tol's colour-blind-safe qualitative schemes (https://personal.sron.nl/~pault/), one
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

/**
 * The folder a note is grouped under when colouring by folder: its first folder below the indexed folder ('' for notes
 * directly in it), prefixed with the indexed folder's name when there are several.
 */
export function noteFolder(path: string, root: string, severalRoots: boolean): string {
  const rootName = root.split(/[\\/]/).filter(Boolean).pop() ?? root
  const inside = path.startsWith(root) ? path.slice(root.length).replace(/^[\\/]+/, '') : path
  const parts = inside.split(/[\\/]/)
  const folder = parts.length > 1 ? parts[0]! : ''
  if (!severalRoots) return folder
  return folder ? `${rootName}/${folder}` : rootName
}
