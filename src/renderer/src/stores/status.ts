// Index status store: roots, progress, model state, skipped files and engine crashes, kept current by events.
import { ref } from 'vue'
import type { SemnoteApi } from '../../../shared/api'
import type { IndexProgress, IndexStatus, ModelState, RootPreview } from '../../../shared/types'
import { errorMessage } from '../bridge'

export type StatusStore = ReturnType<typeof createStatusStore>

/** Creates the status store; call `refresh()` once and `dispose()` on unmount. */
export function createStatusStore(api: SemnoteApi) {
  const status = ref<IndexStatus | null>(null)
  const progress = ref<IndexProgress | null>(null)
  const model = ref<ModelState | null>(null)
  const crash = ref<{ message: string; restarting: boolean } | null>(null)
  const error = ref<string | null>(null)

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
