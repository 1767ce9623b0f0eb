// End-to-end in real Chromium with the real engine and the bundled lite pack: the settings screen on a Wayland desktop
// without a tray (shortcut state, the semnote --toggle binding) and the quick-search popup following a semnote://search link.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openE2eApp, SAMPLES, SCREENSHOTS, type E2eApp } from './support/app'
import { listedFiles } from './support/results'

let app: E2eApp

beforeAll(async () => {
  app = await openE2eApp({ dataDirPrefix: 'semnote-e2e-shell-', roots: [SAMPLES], browser: { width: 1100, height: 760 } })
}, 120_000)

afterAll(async () => {
  await app?.close()
})

async function openSettings(): Promise<Page> {
  const page = await app.openPage()
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.locator('.hotkey-state').waitFor()
  return page
}

describe('the desktop shell in the real renderer', () => {
  it('on Wayland without a tray, the settings say the shortcut is only handed to the desktop and offer the binding', async () => {
    app.server.shell = { hotkey: { accelerator: 'CommandOrControl+Shift+Space', state: 'unconfirmed' }, wayland: true, tray: false, toggleCommand: '/home/ada/Applications/Semnote.AppImage --toggle' }
    const page = await openSettings()
    expect(await page.locator('.hotkey-state').textContent()).toContain('may refuse it')
    expect(await page.locator('.toggle-command').textContent()).toBe('/home/ada/Applications/Semnote.AppImage --toggle')
    expect(await page.locator('.no-tray').textContent()).toContain('no tray icon')
    await page.locator('[role="dialog"]').screenshot({ path: join(SCREENSHOTS, 'settings-wayland-no-tray.png') })
    // The state follows main: the shortcut taken by another app.
    app.server.emit('shellStatus', { ...app.server.shell, wayland: false, tray: true, hotkey: { accelerator: 'Alt+Space', state: 'failed' } })
    await page.locator('.hotkey-failed').waitFor()
    expect(await page.locator('.toggle-command').count()).toBe(1)
    await page.close()
  })

  it('in Japanese, the same screen reads in Japanese', async () => {
    app.server.shell = { hotkey: { accelerator: 'CommandOrControl+Shift+Space', state: 'failed' }, wayland: true, tray: true, toggleCommand: 'semnote --toggle' }
    await app.engine.call('status', undefined)
    const page = await app.openPage()
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
    const page = await app.openPage('popup.html?window=popup', { width: 680, height: 440 })
    await page.locator('input.search-input').waitFor()
    const searched = page.waitForResponse((r) => r.url().endsWith('/call/search') && (r.request().postData() ?? '').includes('loud music at night'))
    app.server.emit('searchFor', { query: 'loud music at night', mode: 'semantic' })
    await searched
    await page.locator('[role="option"]').first().waitFor()
    expect(await page.locator('input.search-input').inputValue()).toBe('loud music at night')
    // The popup folds weaker matches (issue 14): open the fold to see the whole page of results.
    if (await page.locator('.fold-row').count()) {
      await page.locator('.fold-row').click()
      await page.locator('.fold-divider').waitFor()
    }
    const files = await listedFiles(page)
    expect(files.slice(0, 4)).toEqual(expect.arrayContaining(['noisy-neighbours.md', '夜の騒音.md', '楼上太吵.md']))
    await page.screenshot({ path: join(SCREENSHOTS, 'popup-deep-link-search.png') })
    await page.close()
  })
})
