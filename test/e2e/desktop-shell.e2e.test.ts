// End-to-end in real Chromium with the real engine and the bundled lite pack: the settings screen on a Wayland desktop
// without a tray (shortcut state, the semnote --toggle binding) and the quick-search popup following a semnote://search link.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { launchBrowser } from './support/browser'
import { startE2eServer, type E2eServer } from './support/e2e-server'
import { ensureRendererBuilt, repoRoot } from './support/renderer-build'

const SCREENSHOTS = join(repoRoot, 'test-results', 'screenshots')
const BRIDGE = join(__dirname, 'support', 'bridge.js')
const SAMPLES = join(repoRoot, 'resources', 'samples')

let engine: Engine
let server: E2eServer
let browser: Awaited<ReturnType<typeof launchBrowser>>
let dataDir: string

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const staticDir = await ensureRendererBuilt()
  dataDir = mkdtempSync(join(tmpdir(), 'semnote-e2e-shell-'))
  engine = await Engine.open({ dataDir, modelDirs: [join(repoRoot, 'resources', 'models')], modelId: 'semnote-lite-multi', threads: 1 }, { settleMs: 100 })
  await engine.call('addRoots', { paths: [SAMPLES] })
  await engine.whenIdle()
  server = await startE2eServer(engine, staticDir, SAMPLES)
  browser = await launchBrowser({ width: 1100, height: 760 })
  await browser.context.addInitScript({ path: BRIDGE })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await engine?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

async function openSettings(page: Page): Promise<void> {
  await page.goto(`${server.origin}/index.html`)
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.locator('.hotkey-state').waitFor()
}

describe('the desktop shell in the real renderer', () => {
  it('on Wayland without a tray, the settings say the shortcut is only handed to the desktop and offer the binding', async () => {
    server.shell = { hotkey: { accelerator: 'CommandOrControl+Shift+Space', state: 'unconfirmed' }, wayland: true, tray: false, toggleCommand: '/home/ada/Applications/Semnote.AppImage --toggle' }
    const page = await browser.context.newPage()
    await openSettings(page)
    expect(await page.locator('.hotkey-state').textContent()).toContain('may refuse it')
    expect(await page.locator('.toggle-command').textContent()).toBe('/home/ada/Applications/Semnote.AppImage --toggle')
    expect(await page.locator('.no-tray').textContent()).toContain('no tray icon')
    await page.locator('[role="dialog"]').screenshot({ path: join(SCREENSHOTS, 'settings-wayland-no-tray.png') })
    // The state follows main: the shortcut taken by another app.
    server.emit('shellStatus', { ...server.shell, wayland: false, tray: true, hotkey: { accelerator: 'Alt+Space', state: 'failed' } })
    await page.locator('.hotkey-failed').waitFor()
    expect(await page.locator('.toggle-command').count()).toBe(1)
    await page.close()
  })

  it('in Japanese, the same screen reads in Japanese', async () => {
    server.shell = { hotkey: { accelerator: 'CommandOrControl+Shift+Space', state: 'failed' }, wayland: true, tray: true, toggleCommand: 'semnote --toggle' }
    await engine.call('status', undefined)
    const page = await browser.context.newPage()
    await page.goto(`${server.origin}/index.html`)
    await page.evaluate(() => (globalThis as unknown as { semnote: { updateSettings(p: unknown): Promise<unknown> } }).semnote.updateSettings({ language: 'ja' }))
    await page.reload()
    await page.getByRole('button', { name: '設定' }).click()
    await page.locator('.hotkey-state').waitFor()
    expect(await page.locator('.hotkey-state').textContent()).toContain('他のアプリ')
    await page.locator('[role="dialog"]').screenshot({ path: join(SCREENSHOTS, 'settings-wayland-ja.png') })
    await page.evaluate(() => (globalThis as unknown as { semnote: { updateSettings(p: unknown): Promise<unknown> } }).semnote.updateSettings({ language: 'system' }))
    await page.close()
  })

  it('a semnote://search link fills the popup and finds the notes across languages', async () => {
    const page = await browser.context.newPage()
    await page.setViewportSize({ width: 680, height: 440 })
    await page.goto(`${server.origin}/popup.html?window=popup`)
    await page.locator('input.search-input').waitFor()
    const searched = page.waitForResponse((r) => r.url().endsWith('/call/search') && (r.request().postData() ?? '').includes('loud music at night'))
    server.emit('searchFor', { query: 'loud music at night', mode: 'semantic' })
    await searched
    await page.locator('[role="option"]').first().waitFor()
    expect(await page.locator('input.search-input').inputValue()).toBe('loud music at night')
    // The popup folds weaker matches (issue 14): open the fold to see the whole page of results.
    if (await page.locator('.fold-row').count()) {
      await page.locator('.fold-row').click()
      await page.locator('.fold-divider').waitFor()
    }
    const files = (await page.locator('[role="option"] .result-folder').evaluateAll((els) => els.map((el) => el.getAttribute('title') ?? ''))).map((p) => basename(p))
    expect(files.slice(0, 4)).toEqual(expect.arrayContaining(['noisy-neighbours.md', '夜の騒音.md', '楼上太吵.md']))
    await page.screenshot({ path: join(SCREENSHOTS, 'popup-deep-link-search.png') })
    await page.close()
  })
})
