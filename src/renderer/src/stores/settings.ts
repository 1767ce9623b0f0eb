// Settings store: loads, updates and follows the persisted Settings through the bridge.
import { ref } from 'vue'
import type { SemnoteApi } from '../../../shared/api'
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/types'
import { errorMessage } from '../bridge'

export type SettingsStore = ReturnType<typeof createSettingsStore>

/** Creates the settings store; call `load()` once and `dispose()` on unmount. */
export function createSettingsStore(api: SemnoteApi) {
  const settings = ref<Settings>({ ...DEFAULT_SETTINGS })
  const error = ref<string | null>(null)
  const unsubscribe = api.on('settings', (next) => {
    settings.value = next
  })

  /** Fetches the current settings. */
  async function load(): Promise<void> {
    try {
      settings.value = await api.getSettings()
    } catch (e) {
      error.value = errorMessage(e)
    }
  }

  /** Saves a partial change; resolves false (and sets `error`) when main rejects it. */
  async function update(patch: Partial<Settings>): Promise<boolean> {
    try {
      settings.value = await api.updateSettings(patch)
      error.value = null
      return true
    } catch (e) {
      error.value = errorMessage(e)
      return false
    }
  }

  return { settings, error, load, update, dispose: unsubscribe }
}
