// End-to-end in real Chromium: the Settings dialog's "Indexing threads" choice (Automatic, then 1 to this computer's cores) is saved, in every language.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openE2eApp, SCREENSHOTS, type E2eApp } from './support/app'
import type { PageScope } from './support/browser'

let app: E2eApp
let page: Page

/** The indexing threads choice in the open Settings dialog. */
const threadsSelect = () => page.locator('[role="dialog"] label.setting', { hasText: /Indexing threads|インデックス作成のスレッド数|索引线程/ }).locator('select')

beforeAll(async () => {
  app = await openE2eApp({ dataDirPrefix: 'semnote-e2e-threads-', watch: false })
  page = await app.openPage()
})

afterAll(async () => {
  await app?.close()
})

describe('Settings: indexing threads', () => {
  it('offers Automatic and 1 to the cores, saves a chosen count, and goes back to Automatic', async () => {
    await page.getByRole('button', { name: 'Settings' }).click()
    const select = threadsSelect()
    await expect.poll(() => select.inputValue()).toBe('0')
    const cores = await page.evaluate(() => Math.min(16, Math.max(1, navigator.hardwareConcurrency || 1)))
    const labels = await select.locator('option').allTextContents()
    expect(labels).toEqual(['Automatic', ...Array.from({ length: cores }, (_, i) => String(i + 1))])
    await expect.poll(() => page.locator('[role="dialog"]').textContent()).toContain('Threads that read and split notes while indexing')

    await select.selectOption('1')
    await expect.poll(() => app.server.settings.indexingThreads).toBe(1)
    await select.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-indexing-threads-en.png') })

    for (const [language, label, automatic] of [
      ['ja', 'インデックス作成のスレッド数', '自動'],
      ['zh-CN', '索引线程', '自动']
    ] as const) {
      await page.evaluate((lang) => (globalThis as unknown as PageScope).semnote.updateSettings({ language: lang }), language)
      await expect.poll(() => page.locator('[role="dialog"]').textContent()).toContain(label)
      expect(await threadsSelect().locator('option').first().textContent()).toBe(automatic)
      await page.screenshot({ path: join(SCREENSHOTS, `settings-indexing-threads-${language}.png`) })
    }

    await threadsSelect().selectOption('0')
    await expect.poll(() => app.server.settings.indexingThreads).toBe(0)
  })
})
