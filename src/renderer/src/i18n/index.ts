// vue-i18n setup: English, Simplified Chinese and Japanese UI messages (composition API, no runtime eval).
import { createI18n } from 'vue-i18n'
import en from './en'
import ja from './ja'
import zhCN from './zh-CN'

export type Locale = 'en' | 'zh-CN' | 'ja'
export const SUPPORTED_LOCALES: readonly Locale[] = ['en', 'zh-CN', 'ja']
export type MessageSchema = typeof en

/** A fresh i18n instance (one per window, and one per component test). */
export function createAppI18n(locale: Locale = 'en') {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, 'zh-CN': zhCN, ja },
    missingWarn: false,
    fallbackWarn: false
  })
}
