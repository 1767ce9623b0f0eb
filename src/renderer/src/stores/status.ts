// Index status store: roots, progress, model state, skipped files and engine crashes, kept current by events.
import { computed, ref } from 'vue'
import type { SemnoteApi } from '../../../shared/api'
import type { IndexProgress, IndexStatus, ModelState, RootPreview } from '../../../shared/types'
import { rootNames } from '../../../shared/root-names'
import { errorMessage } from '../bridge'
import { baseName, folderWithinRoot } from '../lib/format'

export type StatusStore = ReturnType<typeof createStatusStore>

/** Creates the status store; call `refresh()` once and `dispose()` on unmount. */
export function createStatusStore(api: SemnoteApi) {
  const status = ref<IndexStatus | null>(null)
  const progress = ref<IndexProgress | null>(null)
  const model = ref<ModelState | null>(null)
  const crash = ref<{ message: string; restarting: boolean } | null>(null)
  const error = ref<string | null>(null)
  /** Short unique names of the indexed folders: two folders both called "notes" show as "work/notes" and "home/notes". */
  const names = computed(() => rootNames((status.value?.roots ?? []).map((root) => root.path)))
  const rootName = (path: string): string => names.value.get(path) ?? baseName(path)

  function applyStatus(next: IndexStatus): void {
    status.value = next
    progress.value = next.progress
    model.value = next.model
  }

  const unsubscribers = [
    api.on('status', applyStatus),
    api.on('progress', (next) => {
      progress.value = next
    }),
    api.on('model', (next) => {
      model.value = next
    }),
    api.on('engineCrashed', (info) => {
      crash.value = info
    }),
    api.on('engineReady', () => {
      crash.value = null
      void refresh()
    })
  ]

  /** Runs a call, records its error for the UI and returns undefined on failure. */
  async function attempt<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      const value = await call()
      error.value = null
      return value
    } catch (e) {
      error.value = errorMessage(e)
      return undefined
    }
  }

  /** Reloads the whole status. */
  async function refresh(): Promise<void> {
    const next = await attempt(() => api.status())
    if (next) applyStatus(next)
  }

  /** Applies a status-returning call. */
  async function withStatus(call: () => Promise<IndexStatus>): Promise<boolean> {
    const next = await attempt(call)
    if (next) applyStatus(next)
    return next !== undefined
  }

  return {
    status,
    progress,
    model,
    crash,
    error,
    refresh,
    /** The name the app shows for an indexed folder (see `names`). */
    rootName,
    /** Where a note sits, as the app shows it: its indexed folder's name and the folders below it ("home/notes/trips"). */
    folderLabel: (path: string, root: string): string => {
      const inner = folderWithinRoot(path, root)
      return inner ? `${rootName(root)}/${inner}` : rootName(root)
    },
    addRoots: (paths: string[]) => withStatus(() => api.addRoots({ paths })),
    removeRoot: (path: string) => withStatus(() => api.removeRoot({ path })),
    indexFiles: (paths: string[]) => withStatus(() => api.indexFiles({ paths })),
    addSampleNotes: () => withStatus(() => api.addSampleNotes()),
    previewRoot: (path: string): Promise<RootPreview | undefined> => attempt(() => api.previewRoot({ path })),
    chooseFolder: (): Promise<string | null | undefined> => attempt(() => api.chooseFolder()),
    pause: async () => {
      const next = await attempt(() => api.pauseIndexing())
      if (next) progress.value = next
    },
    resume: async () => {
      const next = await attempt(() => api.resumeIndexing())
      if (next) progress.value = next
    },
    retryModel: async () => {
      const next = await attempt(() => api.retryModelDownload())
      if (next) model.value = next
    },
    chooseModelFolder: async () => {
      const next = await attempt(() => api.chooseModelFolder())
      if (next) model.value = next
    },
    dispose: () => unsubscribers.forEach((off) => off())
  }
}
