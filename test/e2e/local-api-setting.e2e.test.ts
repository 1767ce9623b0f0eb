// End-to-end in real Chromium: the Settings dialog's "Local API" switch starts and stops the real HTTP door over the real engine.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalApi } from '../../src/main/local-api'
import { openE2eApp, SAMPLES, SCREENSHOTS, type E2eApp } from './support/app'
import type { PageScope } from './support/browser'

const PORT = 46000 + Math.floor(Math.random() * 900)

let app: E2eApp
let localApi: LocalApi
let page: Page

/** The Local API switch in the open Settings dialog. */
const localApiBox = () => page.locator('[role="dialog"] label.checkbox', { hasText: /Local API|ローカル API|本地 API/ }).locator('input')

beforeAll(async () => {
  app = await openE2eApp({
    dataDirPrefix: 'semnote-e2e-localapi-',
    watch: false,
    roots: [SAMPLES],
    // As main's updateSettings handler does: start or stop the server before the setting is saved.
    applySettings: async (patch) => {
      if (patch.localApi !== undefined) await localApi.apply(patch.localApi)
    }
  })
  localApi = new LocalApi({ engine: app.engine, dataDir: app.dataDir, version: 'e2e', port: PORT })
  page = await app.openPage()
})

afterAll(async () => {
  await localApi?.stop()
  await app?.close()
})

describe('Settings: Local API', () => {
  it('is off by default, and turning it on serves token-protected search until it is turned off', async () => {
    await page.getByRole('button', { name: 'Settings' }).click()
    const box = localApiBox()
    await expect.poll(() => box.isChecked()).toBe(false)
    await box.check()
    await expect.poll(() => app.server.settings.localApi).toBe(true)
    await page.locator('[role="dialog"] label.checkbox', { hasText: 'Local API' }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-local-api-en.png') })

    const token = readFileSync(join(app.dataDir, 'api-token'), 'utf8').trim()
    const search = await fetch(`http://127.0.0.1:${PORT}/v1/search?q=${encodeURIComponent('loud music at night')}&limit=3`, { headers: { Authorization: `Bearer ${token}` } })
    expect(search.status).toBe(200)
    const paths = ((await search.json()) as { hits: { path: string }[] }).hits.map((h) => h.path)
    expect(paths).toEqual(expect.arrayContaining([join(SAMPLES, '夜の騒音.md'), join(SAMPLES, '楼上太吵.md')]))
    expect((await fetch(`http://127.0.0.1:${PORT}/v1/status`)).status).toBe(401)

    await page.evaluate(() => (globalThis as unknown as PageScope).semnote.updateSettings({ language: 'ja' }))
    await expect.poll(() => page.locator('[role="dialog"]').textContent()).toContain('ローカル API')
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-local-api-ja.png') })

    await localApiBox().uncheck()
    await expect.poll(() => app.server.settings.localApi).toBe(false)
    await expect(fetch(`http://127.0.0.1:${PORT}/v1/status`)).rejects.toThrow()
  })
})
