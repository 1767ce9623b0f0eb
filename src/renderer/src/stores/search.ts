// Search store: debounced search-as-you-type that drops stale replies, pauses during IME composition, and tracks the active hit
// (or a related note the user stepped to from the preview).
import { computed, ref, watch } from 'vue'
import type { SemnoteApi } from '../../../shared/api'
import { withSentence } from '../../../shared/passage'
import type { NoteHit, SearchFilters, SearchMode, SearchRequest } from '../../../shared/types'
import { errorMessage } from '../bridge'
import { dateBounds, type DatePreset } from '../lib/dates'

export type SearchStore = ReturnType<typeof createSearchStore>

/** File-type filter choices and the extensions each one means. */
export const FILE_TYPES: Record<string, string[]> = {
  md: ['md', 'markdown', 'mdx'],
  txt: ['txt', 'text'],
  html: ['html', 'htm'],
  pdf: ['pdf'],
  word: ['docx', 'odt'],
  epub: ['epub']
}

export interface SearchStoreOptions {
  /** Wait this long after the last keystroke before searching (default 120 ms). */
  debounceMs?: number
  /** Notes per page. */
  pageSize: () => number
}

/** Creates the search store. */
export function createSearchStore(api: SemnoteApi, options: SearchStoreOptions) {
  const debounceMs = options.debounceMs ?? 120
  const query = ref('')
  const mode = ref<SearchMode>('hybrid')
  const roots = ref<string[]>([])
  /** Tags to filter by (a note with any of them matches; a tag also matches its nested tags). */
  const tags = ref<string[]>([])
  const fileType = ref<string>('')
  const datePreset = ref<DatePreset>('any')
  const customRange = ref({ from: '', to: '' })
  const hits = ref<NoteHit[]>([])
  const total = ref(0)
  const searchedQuery = ref('')
  const semanticAvailable = ref(true)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const activeIndex = ref(-1)
  const composing = ref(false)
  /** The weaker matches below the relevance fold are shown (closed again by every new query). */
  const foldOpen = ref(false)

  let timer: ReturnType<typeof setTimeout> | undefined
  let sequence = 0

  /** A related note picked in the preview: shown (and opened) instead of the active result until the selection moves. */
  const relatedHit = ref<NoteHit | null>(null)

  /** Hits above the fold: the leading run of strong ones. */
  const strongCount = computed(() => {
    const firstWeak = hits.value.findIndex((hit) => !hit.strong)
    return firstWeak < 0 ? hits.value.length : firstWeak
  })
  /** Weaker matches of the query (loaded or not): what the folded row counts. */
  const weakerCount = computed(() => Math.max(0, total.value - strongCount.value))
  /** The list is folded: strong hits, then one row standing for the weaker ones. */
  const folded = computed(() => !foldOpen.value && strongCount.value < hits.value.length)
  /** Hits shown as rows (the strong ones while folded). */
  const visibleHits = computed(() => (folded.value ? hits.value.slice(0, strongCount.value) : hits.value))
  /** Position of the fold row among the options, when folded (the keyboard can move onto it). */
  const foldIndex = computed(() => (folded.value ? strongCount.value : -1))

  const activeHit = computed<NoteHit | null>(() => relatedHit.value ?? visibleHits.value[activeIndex.value] ?? null)

  const filters = computed<SearchFilters>(() => ({
    ...(roots.value.length ? { roots: [...roots.value] } : {}),
    ...(tags.value.length ? { tags: [...tags.value] } : {}),
    ...(fileType.value && FILE_TYPES[fileType.value] ? { extensions: FILE_TYPES[fileType.value] } : {}),
    ...dateBounds(datePreset.value, customRange.value)
  }))

  const hasFilters = computed(() => Object.keys(filters.value).length > 0)

  function cancelPending(): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }

  /** Sends the current query now; replies to older requests are ignored when they arrive. */
  async function runNow(offset = 0): Promise<void> {
    cancelPending()
    const text = query.value.trim()
    const ticket = ++sequence
    if (!text) {
      relatedHit.value = null
      hits.value = []
      total.value = 0
      searchedQuery.value = ''
      activeIndex.value = -1
      loading.value = false
      error.value = null
      return
    }
    // The sentence closest in meaning is asked for afterwards, for the hit shown (see tintActiveSentence): results come first.
    const request: SearchRequest = { query: text, mode: mode.value, filters: filters.value, limit: options.pageSize(), offset, scoreSentences: false }
    loading.value = true
    try {
      const response = await api.search(request)
      if (ticket !== sequence) return
      hits.value = offset > 0 ? [...hits.value, ...response.hits] : response.hits
      total.value = response.total
      searchedQuery.value = response.query
      semanticAvailable.value = response.semanticAvailable
      error.value = null
      if (offset === 0) {
        activeIndex.value = response.hits.length ? 0 : -1
        relatedHit.value = null
        foldOpen.value = false
      }
    } catch (e) {
      if (ticket !== sequence) return
      error.value = errorMessage(e)
    } finally {
      if (ticket === sequence) loading.value = false
    }
  }

  function schedule(): void {
    cancelPending()
    if (composing.value) return
    timer = setTimeout(() => void runNow(), query.value.trim() ? debounceMs : 0)
  }

  /** The input changed (typing, paste, clear). Nothing is sent while an IME composition is open. */
  function setQuery(text: string): void {
    query.value = text
    schedule()
  }

  /** An IME composition started: hold searches until it ends. */
  function compositionStart(): void {
    composing.value = true
    cancelPending()
  }

  /** An IME composition ended with the committed input text. */
  function compositionEnd(text: string): void {
    composing.value = false
    setQuery(text)
  }

  /** Options the keyboard moves over: the visible hits, plus the fold row while folded. */
  const optionCount = computed(() => visibleHits.value.length + (folded.value ? 1 : 0))

  /** Moves the active result by `delta`, clamped to the list (the fold row included). */
  function move(delta: number): void {
    if (!optionCount.value) return
    const next = activeIndex.value < 0 ? 0 : activeIndex.value + delta
    activeIndex.value = Math.min(optionCount.value - 1, Math.max(0, next))
    relatedHit.value = null
  }

  /** Makes the option at `index` active (a hit, or the fold row). */
  function select(index: number): void {
    if (index >= 0 && index < optionCount.value) {
      activeIndex.value = index
      relatedHit.value = null
    }
  }

  /** Shows the weaker matches below the fold; the first of them becomes active when the fold row was. */
  function openFold(): void {
    foldOpen.value = true
  }

  /** Shows a related note (picked in the preview) in place of the active result. */
  function showRelated(hit: NoteHit): void {
    relatedHit.value = hit
  }

  /** Adds a tag to the filter, or takes it out when it is in. */
  function toggleTag(tag: string): void {
    const lower = tag.toLowerCase()
    tags.value = tags.value.some((t) => t.toLowerCase() === lower) ? tags.value.filter((t) => t.toLowerCase() !== lower) : [...tags.value, tag]
  }

  /** Opens a hit (default: the active one) at its passage's first line, a PDF at its page; on the fold row, opens the fold instead (false). */
  async function open(hit: NoteHit | null = activeHit.value): Promise<boolean> {
    if (!hit && activeIndex.value === foldIndex.value && foldIndex.value >= 0) {
      openFold()
      return false
    }
    if (!hit) return false
    try {
      await api.openNote({ path: hit.path, line: hit.passage.lineStart, ...(hit.passage.page ? { page: hit.passage.page } : {}) })
      return true
    } catch (e) {
      error.value = errorMessage(e)
      return false
    }
  }

  /** Shows a hit (default: the active one) in the system file manager. */
  async function reveal(hit: NoteHit | null = activeHit.value): Promise<boolean> {
    if (!hit) return false
    try {
      await api.revealNote({ path: hit.path })
      return true
    } catch (e) {
      error.value = errorMessage(e)
      return false
    }
  }

  /** Hits whose sentence closest in meaning was asked for. */
  const tintAsked = new WeakSet<NoteHit>()

  /**
   * Asks for the active hit's sentence closest in meaning when it was found by meaning and no sentence is marked yet (no
   * query word in it), then marks it. A failure only leaves the hit without the tint.
   */
  async function tintActiveSentence(): Promise<void> {
    const hit = visibleHits.value[activeIndex.value]
    if (!hit || tintAsked.has(hit) || !hit.reasons.includes('semantic') || hit.passage.highlights.some((h) => h.kind === 'sentence')) return
    tintAsked.add(hit)
    const asked = searchedQuery.value
    const span = await api.highlightSentence({ query: asked, text: hit.passage.text }).catch(() => null)
    const index = hits.value.indexOf(hit)
    if (!span || index < 0 || searchedQuery.value !== asked) return
    const tinted: NoteHit = { ...hit, passage: { ...hit.passage, highlights: withSentence(hit.passage.highlights, span) } }
    tintAsked.add(tinted)
    hits.value = hits.value.map((h, i) => (i === index ? tinted : h))
  }

  watch([hits, activeIndex], () => void tintActiveSentence())

  /** Fetches the next page, appended to the current hits. */
  function loadMore(): Promise<void> {
    return runNow(hits.value.length)
  }

  // Changing the mode or a filter re-runs the current query at once.
  watch([mode, filters], () => {
    if (query.value.trim()) void runNow()
  })

  return {
    query,
    mode,
    roots,
    tags,
    toggleTag,
    fileType,
    datePreset,
    customRange,
    filters,
    hasFilters,
    hits,
    visibleHits,
    strongCount,
    weakerCount,
    folded,
    foldIndex,
    total,
    searchedQuery,
    semanticAvailable,
    loading,
    error,
    activeIndex,
    activeHit,
    relatedHit,
    composing,
    setQuery,
    compositionStart,
    compositionEnd,
    runNow,
    loadMore,
    move,
    select,
    openFold,
    showRelated,
    open,
    reveal,
    dispose: cancelPending
  }
}
