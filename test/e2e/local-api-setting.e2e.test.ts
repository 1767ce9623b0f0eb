// End-to-end in real Chromium: the Settings dialog's "Local API" switch starts and stops the real HTTP door over the real engine.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { LocalApi } from '../../src/main/local-api'
import { launchBrowser, type PageScope } from './support/browser'
import { startE2eServer, type E2eServer } from './support/e2e-server'
import { ensureRendererBuilt, repoRoot } from './support/renderer-build'

const SCREENSHOTS = join(repoRoot, 'test-results', 'screenshots')
const BRIDGE = join(__dirname, 'support', 'bridge.js')
const SAMPLES = join(repoRoot, 'resources', 'samples')
const PORT = 46000 + Math.floor(Math.random() * 900)

let engine: Engine
let server: E2eServer
let localApi: LocalApi
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
let dataDir: string

/** The Local API switch in the open Settings dialog. */
const localApiBox = () => page.locator('[role="dialog"] label.checkbox', { hasText: /Local API|ローカル API|本地 API/ }).locator('input')

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const staticDir = await ensureRendererBuilt()
  dataDir = mkdtempSync(join(tmpdir(), 'semnote-e2e-localapi-'))
  engine = await Engine.open({ dataDir, modelDirs: [join(repoRoot, 'resources', 'models')], modelId: 'semnote-lite-multi', threads: 1, watch: false })
  await engine.call('addRoots', { paths: [SAMPLES] })
  await engine.whenIdle()
  localApi = new LocalApi({ engine, dataDir, version: 'e2e', port: PORT })
  // As main's updateSettings handler does: start or stop the server before the setting is saved.
  server = await startE2eServer(engine, staticDir, SAMPLES, async (patch) => {
    if (patch.localApi !== undefined) await localApi.apply(patch.localApi)
  })
  browser = await launchBrowser()
  await browser.context.addInitScript({ path: BRIDGE })
  page = await browser.context.newPage()
  await page.goto(`${server.origin}/index.html`)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await localApi?.stop()
  await engine?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('Settings: Local API', () => {
  it('is off by default, and turning it on serves token-protected search until it is turned off', async () => {
    await page.getByRole('button', { name: 'Settings' }).click()
    const box = localApiBox()
    await expect.poll(() => box.isChecked()).toBe(false)
    await box.check()
    await expect.poll(() => server.settings.localApi).toBe(true)
    await page.locator('[role="dialog"] label.checkbox', { hasText: 'Local API' }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-local-api-en.png') })

    const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim()
    const search = await fetch(`http://127.0.0.1:${PORT}/v1/search?q=${encodeURIComponent('loud music at night')}&limit=3`, { headers: { Authorization: `Bearer ${token}` } })
    expect(search.status).toBe(200)
    const paths = ((await search.json()) as { hits: { path: string }[] }).hits.map((h) => h.path)
    expect(paths).toEqual(expect.arrayContaining([join(SAMPLES, '夜の騒音.md'), join(SAMPLES, '楼上太吵.md')]))
    expect((await fetch(`http://127.0.0.1:${PORT}/v1/status`)).status).toBe(401)

    await page.evaluate(() => (globalThis as unknown as PageScope).semnote.updateSettings({ language: 'ja' }))
    await expect.poll(() => page.locator('[role="dialog"]').textContent()).toContain('ローカル API')
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-local-api-ja.png') })

    await localApiBox().uncheck()
    await expect.poll(() => server.settings.localApi).toBe(false)
    await expect(fetch(`http://127.0.0.1:${PORT}/v1/status`)).rejects.toThrow()
  })
})
