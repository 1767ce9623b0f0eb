// Map store: the layout from the engine (refreshed when it is recomputed or the index changes), colour groups, which
// notes the search filters and the legend leave visible, the search's hits and where its query sits.
import { computed, ref, shallowRef, watch } from 'vue'
import type { SemnoteApi } from '../../../shared/api'
import type { MapLayout, MapPoint, MapProgress, MapView } from '../../../shared/map'
import { clusterName, folderGroups, groupColour, PALETTE_SIZE, UNGROUPED_COLOUR, type MapTheme } from '../../../shared/map-groups'
import type { NoteHit } from '../../../shared/types'
import { errorMessage } from '../bridge'
import type { SearchStore } from './search'
import type { StatusStore } from './status'

export type MapStore = ReturnType<typeof createMapStore>
export type ColourMode = 'cluster' | 'folder' | 'language'
export const COLOUR_MODES: readonly ColourMode[] = ['cluster', 'folder', 'language']

/** One legend entry: a group of notes with its colour. `kind` says how to name it (the name is a topic's words or a key). */
export interface MapGroup {
  kind: 'cluster' | 'unclustered' | 'folder' | 'language' | 'other'
  key: string
  colour: string
  count: number
}

export interface MapGroups {
  groups: MapGroup[]
  /** Group of each note (index into `groups`). */
  of: Uint16Array
}

/** Waits this long after the index settles before asking for the map again (new notes are placed onto it). */
const REFRESH_DELAY_MS = 800

export function createMapStore(api: SemnoteApi, search: SearchStore, status: StatusStore) {
  const view = shallowRef<MapView | null>(null)
  const progress = ref<MapProgress | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  /** The map tab is showing: only then is the map fetched and the query located. */
  const active = ref(false)
  const colourBy = ref<ColourMode>('cluster')
  const hidden = ref<ReadonlySet<number>>(new Set())
  const theme = ref<MapTheme>('light')
  const queryPoint = ref<MapPoint | null>(null)
  let ticket = 0
  let refreshTimer: ReturnType<typeof setTimeout> | undefined

  const layout = computed<MapLayout | null>(() => (view.value?.state === 'ready' ? view.value.layout : null))
  const xs = computed(() => Float32Array.from(layout.value?.notes.x ?? []))
  const ys = computed(() => Float32Array.from(layout.value?.notes.y ?? []))
  const indexOfPath = computed(() => new Map((layout.value?.notes.path ?? []).map((path, i) => [path, i])))

  const groups = computed<MapGroups>(() => groupNotes(layout.value, colourBy.value, theme.value))

  /** Notes the search filters and the legend leave on the map. */
  const visible = computed<Uint8Array>(() => {
    const notes = layout.value?.notes
    if (!notes) return new Uint8Array(0)
    const { roots, extensions, modifiedAfter, modifiedBefore, tags } = search.filters.value
    const rootSet = roots ? new Set(roots) : null
    const extSet = extensions ? new Set(extensions) : null
    const wanted = tags?.map((tag) => tag.toLowerCase())
    // A tag also matches its nested tags ("area" finds "area/sub"), as in search.
    const tagged = (noteTags: string[]) => noteTags.some((tag) => wanted!.some((want) => tag.toLowerCase() === want || tag.toLowerCase().startsWith(`${want}/`)))
    const of = groups.value.of
    return Uint8Array.from(notes.path, (_, i) => {
      if (hidden.value.has(of[i]!)) return 0
      if (rootSet && !rootSet.has(notes.root[i]!)) return 0
      if (extSet && !extSet.has(notes.ext[i]!)) return 0
      if (modifiedAfter !== undefined && notes.mtime[i]! < modifiedAfter) return 0
      if (modifiedBefore !== undefined && notes.mtime[i]! > modifiedBefore) return 0
      if (wanted && wanted.length > 0 && !tagged(notes.tags[i] ?? [])) return 0
      return 1
    })
  })

  const hiddenByFilters = computed(() => visible.value.length - visible.value.reduce((sum, v) => sum + v, 0))

  /** The current search's hits that are on the map: those its list shows (the strong ones while the fold is closed). */
  const hits = computed(() => Int32Array.from(search.visibleHits.value.map((hit) => indexOfPath.value.get(hit.path) ?? -1).filter((i) => i >= 0)))

  async function refresh(): Promise<void> {
    const mine = ++ticket
    loading.value = true
    try {
      const next = await api.map({})
      if (mine !== ticket) return
      view.value = next
      progress.value = next.state === 'computing' ? next.progress : next.state === 'ready' ? (next.recomputing ?? null) : null
      error.value = null
    } catch (e) {
      if (mine === ticket) error.value = errorMessage(e)
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  function refreshSoon(): void {
    if (refreshTimer !== undefined) clearTimeout(refreshTimer)
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined
      if (active.value) void refresh()
    }, REFRESH_DELAY_MS)
  }

  async function locateQuery(): Promise<void> {
    const query = search.searchedQuery.value
    if (!active.value || !query || !layout.value) {
      queryPoint.value = null
      return
    }
    const point = await api.mapLocate({ query }).catch(() => null)
    if (search.searchedQuery.value === query) queryPoint.value = point
  }

  function toggleGroup(group: number): void {
    const next = new Set(hidden.value)
    if (next.has(group)) next.delete(group)
    else next.add(group)
    hidden.value = next
  }

  /** A note of the map as a hit, for the preview (no passage: it opens at the top). */
  function hitFor(index: number): NoteHit | null {
    const notes = layout.value?.notes
    if (!notes || index < 0 || index >= notes.path.length) return null
    return {
      path: notes.path[index]!,
      root: notes.root[index]!,
      title: notes.title[index]!,
      ext: notes.ext[index]!,
      mtime: notes.mtime[index]!,
      size: 0,
      score: 0,
      strong: true,
      reasons: [],
      passage: { chunkId: '', text: '', heading: '', lineStart: 1, lineEnd: 0, highlights: [] },
      morePassages: []
    }
  }

  const unsubscribers = [
    api.on('mapProgress', (event) => {
      if ('finished' in event) {
        progress.value = null
        if (active.value) void refresh()
      } else progress.value = event
    })
  ]
  // Notes indexed, changed or removed: ask again once indexing is idle (they are placed onto the map).
  watch(
    () => [status.status.value?.files, status.status.value?.chunks, status.status.value?.progress.phase] as const,
    ([, , phase], before) => {
      if (before && phase === 'idle' && view.value) refreshSoon()
    }
  )
  watch(active, (isActive) => {
    if (isActive) void refresh().then(locateQuery)
  })
  watch([() => search.searchedQuery.value, layout], () => void locateQuery())
  watch(colourBy, () => (hidden.value = new Set()))

  function dispose(): void {
    unsubscribers.forEach((off) => off())
    if (refreshTimer !== undefined) clearTimeout(refreshTimer)
  }

  return {
    view,
    layout,
    progress,
    loading,
    error,
    active,
    colourBy,
    hidden,
    theme,
    queryPoint,
    xs,
    ys,
    groups,
    visible,
    hiddenByFilters,
    hits,
    refresh,
    toggleGroup,
    hitFor,
    dispose
  }
}

/** Colour groups of the notes: one per topic (colours repeat), or the most common folders / languages and "other". */
export function groupNotes(layout: MapLayout | null, mode: ColourMode, theme: MapTheme): MapGroups {
  if (!layout) return { groups: [], of: new Uint16Array(0) }
  const { notes } = layout
  if (mode === 'cluster') {
    const groups: MapGroup[] = layout.clusters.map((cluster, c) => ({ kind: 'cluster', key: clusterName(cluster.terms), colour: groupColour(theme, c, true), count: 0 }))
    groups.push({ kind: 'unclustered', key: '', colour: UNGROUPED_COLOUR[theme], count: 0 })
    const of = Uint16Array.from(notes.cluster, (c) => (c >= 0 && c < layout.clusters.length ? c : groups.length - 1))
    for (const g of of) groups[g]!.count++
    return { groups: groups.filter((g) => g.kind !== 'unclustered' || g.count > 0), of }
  }
  const keys = mode === 'folder' ? folderGroups(notes.path, notes.root) : notes.lang
  const counts = new Map<string, number>()
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const shown = ranked.slice(0, ranked.length > PALETTE_SIZE ? PALETTE_SIZE - 1 : PALETTE_SIZE)
  const index = new Map(shown.map(([key], i) => [key, i]))
  const groups: MapGroup[] = shown.map(([key, count], i) => ({ kind: mode, key, colour: groupColour(theme, i), count }))
  const rest = ranked.length - shown.length
  if (rest > 0) groups.push({ kind: 'other', key: '', colour: UNGROUPED_COLOUR[theme], count: ranked.slice(shown.length).reduce((sum, [, n]) => sum + n, 0) })
  const of = Uint16Array.from(keys, (key) => index.get(key) ?? groups.length - 1)
  return { groups, of }
}
