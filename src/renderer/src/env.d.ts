// Ambient types for the renderer: the preload bridge on window.
import type { SemnoteApi } from '../../shared/api'

declare global {
  interface Window {
    semnote: SemnoteApi
  }
}

export {}
