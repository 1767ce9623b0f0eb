// Injection keys so components reach the stores their window created (one set per app instance).
import { inject, type InjectionKey } from 'vue'
import type { SemnoteApi } from '../../../shared/api'
import type { SearchStore } from './search'
import type { SettingsStore } from './settings'
import type { StatusStore } from './status'

export interface AppContext {
  api: SemnoteApi
  search: SearchStore
  settings: SettingsStore
  status: StatusStore
}

export const APP_CONTEXT: InjectionKey<AppContext> = Symbol('semnote-app')

/** The stores of the surrounding app; throws when used outside one. */
export function useApp(): AppContext {
  const context = inject(APP_CONTEXT)
  if (!context) throw new Error('useApp() called outside a Semnote app')
  return context
}
