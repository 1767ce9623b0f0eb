// End-to-end in real Chromium on the bundled lite pack: a cross-lingual query shows its strong matches above the relevance fold, in the main window and the popup.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openE2eApp, SAMPLES, SCREENSHOTS, type E2eApp } from './support/app'
import { listedFiles, searchFor } from './support/results'

/** English words for a Chinese and a Japanese note: only translation or meaning can find them. */
const QUERY = 'noise upstairs at night'

let app: E2eApp

beforeAll(async () => {
  app = await openE2eApp({ dataDirPrefix: 'semnote-e2e-fold-', roots: [SAMPLES], waitFor: 'settled' })
})

afterAll(async () => {
  await app?.close()
})

describe('the relevance fold in Chromium (lite pack)', () => {
  it('main window: a cross-lingual query lists its strong matches, then one row for the weaker ones', async () => {
    const page = await app.openPage('index.html', { width: 1200, height: 980 })
    await searchFor(page, QUERY)
    const strong = await listedFiles(page)
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
    expect((await listedFiles(page)).length).toBeGreaterThan(strong.length)
    await page.screenshot({ path: join(SCREENSHOTS, 'fold-main-open.png') })
    await page.close()
  })

  it('quick-search popup: the same fold in the compact list', async () => {
    const popup = await app.openPage('popup.html', { width: 680, height: 420 })
    await searchFor(popup, QUERY)
    expect(await listedFiles(popup)).toContain('楼上太吵.md')
    await popup.locator('.fold-row.compact').waitFor()
    await popup.screenshot({ path: join(SCREENSHOTS, 'fold-popup-folded.png') })
    await popup.close()
  })
})
