// End-to-end in real Chromium on the bundled lite pack: a cross-lingual query shows its strong matches above the relevance fold, in the main window and the popup.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { launchBrowser, type PageScope } from './support/browser'
import { startE2eServer, type E2eServer } from './support/e2e-server'
import { ensureRendererBuilt, repoRoot } from './support/renderer-build'

const SCREENSHOTS = join(repoRoot, 'test-results', 'screenshots')
const BRIDGE = join(__dirname, 'support', 'bridge.js')
const SAMPLES = join(repoRoot, 'resources', 'samples')
const LITE_PACK = join(repoRoot, 'resources', 'models', 'semnote-lite-multi')
/** English words for a Chinese and a Japanese note: only translation or meaning can find them. */
const QUERY = 'noise upstairs at night'

let engine: Engine
let server: E2eServer
let browser: Awaited<ReturnType<typeof launchBrowser>>
let dataDir: string

async function search(target: Page, query: string): Promise<void> {
  const replied = target.waitForResponse((r) => r.url().endsWith('/call/search') && (r.request().postData() ?? '').includes(query))
  await target.locator('input.search-input').fill(query)
  await replied
  await target.waitForFunction(() => !(globalThis as unknown as PageScope).document.querySelector('.search-box.busy'))
}

async function listed(target: Page): Promise<string[]> {
  const paths = await target.locator('[role="option"] .result-folder').evaluateAll((els) => els.map((el) => el.getAttribute('title') ?? ''))
  return paths.map((p) => basename(p))
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const staticDir = await ensureRendererBuilt()
  dataDir = mkdtempSync(join(tmpdir(), 'semnote-e2e-fold-'))
  engine = await Engine.open({ dataDir, modelDirs: [LITE_PACK], modelId: 'semnote-lite-multi', threads: 1 }, { settleMs: 100 })
  await engine.call('addRoots', { paths: [SAMPLES] })
  await engine.whenSettled()
  server = await startE2eServer(engine, staticDir, SAMPLES)
  browser = await launchBrowser()
  await browser.context.addInitScript({ path: BRIDGE })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await engine?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('the relevance fold in Chromium (lite pack)', () => {
  it('main window: a cross-lingual query lists its strong matches, then one row for the weaker ones', async () => {
    const page = await browser.context.newPage()
    await page.setViewportSize({ width: 1200, height: 980 })
    await page.goto(`${server.origin}/index.html`)
    await search(page, QUERY)
    const strong = await listed(page)
    expect(strong.length).toBeGreaterThan(0)
    expect(strong.length).toBeLessThan(11)
    expect(strong).toContain('楼上太吵.md')
    const row = page.locator('.fold-row')
    await expect.poll(() => row.textContent()).toMatch(/\d+ weaker match/)
    // The Chinese note matched through translated words, and says so.
    const chinese = page.locator('[role="option"]').filter({ has: page.locator('.result-folder[title$="楼上太吵.md"]') })
    expect(await chinese.locator('.reason').allTextContents()).toContain('translated words')
    await page.screenshot({ path: join(SCREENSHOTS, 'fold-main-folded.png') })
    // The keyboard reaches the fold row and opens it.
    const input = page.locator('input.search-input')
    for (let i = 0; i < strong.length; i++) await input.press('ArrowDown')
    expect(await input.getAttribute('aria-activedescendant')).toBe(await row.getAttribute('id'))
    await input.press('Enter')
    await page.locator('.fold-divider').waitFor()
    expect((await listed(page)).length).toBeGreaterThan(strong.length)
    await page.screenshot({ path: join(SCREENSHOTS, 'fold-main-open.png') })
    await page.close()
  })

  it('quick-search popup: the same fold in the compact list', async () => {
    const popup = await browser.context.newPage()
    await popup.setViewportSize({ width: 680, height: 420 })
    await popup.goto(`${server.origin}/popup.html`)
    await search(popup, QUERY)
    expect(await listed(popup)).toContain('楼上太吵.md')
    await popup.locator('.fold-row.compact').waitFor()
    await popup.screenshot({ path: join(SCREENSHOTS, 'fold-popup-folded.png') })
    await popup.close()
  })
})
