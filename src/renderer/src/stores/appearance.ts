// Applies the theme (system/light/dark) to <html data-theme> and the UI language to vue-i18n.
import { watch, type Ref } from 'vue'
import type { Settings, ThemeSetting, UiLanguage } from '../../../shared/types'
import { SUPPORTED_LOCALES, type Locale } from '../i18n'

/** The locale to show for a setting: the setting itself, or the best match of the system languages. */
export function resolveLocale(language: UiLanguage, systemLanguages: readonly string[]): Locale {
  if (language !== 'system') return language
  for (const tag of systemLanguages) {
    const lower = tag.toLowerCase()
    if (lower.startsWith('zh')) return 'zh-CN'
    if (lower.startsWith('ja')) return 'ja'
    if (lower.startsWith('en')) return 'en'
  }
  return 'en'
}

/** 'light' or 'dark' for a theme setting, reading the OS preference for 'system'. */
export function resolveTheme(theme: ThemeSetting, prefersDark: boolean): 'light' | 'dark' {
  return theme === 'system' ? (prefersDark ? 'dark' : 'light') : theme
}

/** Keeps document theme and i18n locale in step with the settings; returns a cleanup function. */
export function applyAppearance(settings: Ref<Settings>, i18n: { locale: { value: string } }): () => void {
  const media = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null
  const applyTheme = () => {
    document.documentElement.dataset.theme = resolveTheme(settings.value.theme, media?.matches ?? false)
  }
  const applyLanguage = () => {
    const locale = resolveLocale(settings.value.language, navigator.languages ?? [navigator.language])
    if (SUPPORTED_LOCALES.includes(locale)) i18n.locale.value = locale
    document.documentElement.lang = locale
  }
  const stopTheme = watch(() => settings.value.theme, applyTheme, { immediate: true })
  const stopLanguage = watch(() => settings.value.language, applyLanguage, { immediate: true })
  media?.addEventListener('change', applyTheme)
  return () => {
    stopTheme()
    stopLanguage()
    media?.removeEventListener('change', applyTheme)
  }
}
