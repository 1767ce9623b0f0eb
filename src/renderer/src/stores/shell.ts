// Shell store: whether the quick-search shortcut is live and what the desktop offers (Wayland binding, no tray), via the bridge.
import { ref } from 'vue'
import type { SemnoteApi } from '../../../shared/api'
import type { ShellStatus } from '../../../shared/types'

/** Creates the shell store; call `load()` once and `dispose()` on unmount. */
export function createShellStore(api: SemnoteApi) {
  const shell = ref<ShellStatus | null>(null)
  const unsubscribe = api.on('shellStatus', (next) => {
    shell.value = next
  })

  /** Fetches the current state (null stays when main cannot answer: the settings then show no claim either way). */
  async function load(): Promise<void> {
    try {
      shell.value = await api.shellStatus()
    } catch {
      // Nothing to show: the shortcut setting itself still works.
    }
  }

  return { shell, load, dispose: unsubscribe }
}
