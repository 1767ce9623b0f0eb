// End-to-end in real Chromium: the built renderer, a test bridge, and the REAL engine (LanceDB + the bundled lite pack) over HTTP.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SENTINEL, XSS_PAYLOADS, xssNote } from './fixtures/xss-payloads'
import { openE2eApp, SCREENSHOTS, type E2eApp } from './support/app'
import type { PageScope } from './support/browser'
import { openFold } from './support/fold'
import { contrastExpression, TEXT_SELECTORS, type ContrastReading } from './support/contrast'
import { listedFiles, searchFor } from './support/results'

let app: E2eApp
let page: Page
let xssRoot: string

async function shot(name: string, target: Page = page): Promise<void> {
  await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}

/** Searches from the main window (or the popup) and waits for that query's answer. */
const search = (query: string, target: Page = page) => searchFor(target, query)
const resultFiles = (target: Page = page) => listedFiles(target)

/** Text elements below WCAG AA contrast in the current theme. */
async function lowContrast(): Promise<ContrastReading[]> {
  const readings = (await page.evaluate(contrastExpression(TEXT_SELECTORS))) as ContrastReading[]
  expect(readings.length).toBeGreaterThan(10)
  return readings.filter((r) => r.ratio < 4.5)
}

async function setSettings(patch: Record<string, unknown>): Promise<void> {
  await page.evaluate((p) => (globalThis as unknown as PageScope).semnote.updateSettings(p), patch)
}

beforeAll(async () => {
  xssRoot = mkdtempSync(join(tmpdir(), 'semnote-e2e-xss-'))
  for (const payload of XSS_PAYLOADS) writeFileSync(join(xssRoot, `payload-${String(payload.id).padStart(2, '0')}.md`), xssNote(payload))
  writeFileSync(join(xssRoot, 'all-payloads.txt'), XSS_PAYLOADS.map((p) => `quokka ${p.text}`).join('\n'))
  const filler = Array.from({ length: 120 }, (_, i) => `Paragraph ${i} about nothing in particular.\n`)
  writeFileSync(join(xssRoot, 'long-note.md'), `# A long note\n\n${filler.join('\n')}\n## Near the end\n\nThe zeppelinfield passage sits far below the fold.\n`)
  app = await openE2eApp({ dataDirPrefix: 'semnote-e2e-data-' })
  page = await app.openPage()
  console.log(`E2E screenshots: ${SCREENSHOTS}`)
})

afterAll(async () => {
  await app?.close()
  if (xssRoot) rmSync(xssRoot, { recursive: true, force: true })
})

describe('Semnote in Chromium with the real engine', () => {
  it('first run offers the sample notes, which index and appear in the folders panel', async () => {
    await page.getByRole('button', { name: 'Try the sample notes' }).waitFor()
    await shot('first-run-en-light')
    await page.getByRole('button', { name: 'Try the sample notes' }).click()
    await page.locator('.root').first().waitFor()
    await app.engine.whenIdle()
    await expect.poll(() => page.locator('.root-counts').first().textContent()).toMatch(/^11 files/)
    await page.waitForFunction(() => /Up to date/.test((globalThis as unknown as PageScope).document.querySelector('.status-bar')?.textContent ?? ''))
  })

  it('keyword mode finds the Japanese note first and previews it scrolled to the hit', async () => {
    await page.getByRole('radio', { name: 'Keyword' }).click()
    await search('京都')
    expect((await resultFiles())[0]).toBe('京都旅行.md')
    await page.locator('.preview-title').filter({ hasText: '京都旅行の計画' }).waitFor()
    // The title shows before the note's text has been read and marked: wait for the marks, as a user would.
    await expect.poll(() => page.locator('.preview-body .hit-block').count()).toBeGreaterThan(0)
    await expect.poll(() => page.locator('.preview-body mark.hl-term').count()).toBeGreaterThan(0)
    expect(await page.locator('[role="option"][aria-selected="true"] mark').first().textContent()).toContain('京都')
  })

  it('sends nothing during a real IME composition and searches the committed text once', async () => {
    const input = page.locator('input.search-input')
    await input.fill('')
    await input.focus()
    const searches = () => app.server.calls.filter((c) => c.name === 'search').map((c) => (c.arg as { query: string }).query)
    const before = searches().length
    const cdp = await app.browser.context.newCDPSession(page)
    await cdp.send('Input.imeSetComposition', { text: 'きょう', selectionStart: 3, selectionEnd: 3 })
    await cdp.send('Input.imeSetComposition', { text: 'きょうと', selectionStart: 4, selectionEnd: 4 })
    // Longer than the debounce: a renderer that ignored the composition would have searched by now.
    await page.waitForTimeout(600)
    expect(await input.inputValue()).toBe('きょうと')
    expect(searches().slice(before)).toEqual([])
    const replied = page.waitForResponse((r) => r.url().endsWith('/call/search'))
    await cdp.send('Input.insertText', { text: '京都' })
    await replied
    expect(searches().slice(before)).toEqual(['京都'])
    await cdp.detach()
  })

  it('finds the Chinese and Japanese notes for an English query, by meaning, in the default hybrid mode', async () => {
    expect(await page.locator('.status-bar').textContent()).not.toMatch(/no model|keyword search only/i)
    await page.getByRole('radio', { name: 'Hybrid' }).click()
    await search('loud music at night')
    await openFold(page)
    const top3 = (await resultFiles()).slice(0, 3)
    expect(top3).toEqual(expect.arrayContaining(['楼上太吵.md', '夜の騒音.md']))
    await page.locator('.preview-title').first().waitFor()
    await shot('search-crosslingual-en-light')
  })

  it('hybrid search as you type lists the English note; the keyboard opens and reveals it', async () => {
    await page.getByRole('radio', { name: 'Hybrid' }).click()
    await search('sourdough starter')
    const files = await resultFiles()
    expect(files).toContain('sourdough-bread.md')
    const input = page.locator('input.search-input')
    for (let i = 0; i < files.indexOf('sourdough-bread.md'); i++) await input.press('ArrowDown')
    expect(await input.getAttribute('aria-activedescendant')).toBe(`results-option-${files.indexOf('sourdough-bread.md')}`)
    await page.locator('.preview-title').filter({ hasText: 'Sourdough bread' }).waitFor()
    await shot('search-en-light')
    expect(await lowContrast()).toEqual([])
    const before = app.server.calls.length
    await input.press('Enter')
    await input.press('Control+Enter')
    await page.waitForFunction(() => true)
    await expect.poll(() => app.server.calls.slice(before).map((c) => c.name)).toEqual(['openNote', 'revealNote'])
    const opened = app.server.calls[before].arg as { path: string; line: number }
    expect(basename(opened.path)).toBe('sourdough-bread.md')
    expect(opened.line).toBeGreaterThan(0)
    await input.press('Tab')
    expect(await page.evaluate(() => (globalThis as unknown as PageScope).document.activeElement?.classList.contains('preview'))).toBe(true)
  })

  it('switches to the dark theme from the settings dialog', async () => {
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByRole('radio', { name: 'Dark' }).click()
    await page.waitForFunction(() => (globalThis as unknown as PageScope).document.documentElement.dataset.theme === 'dark')
    await shot('settings-en-dark')
    await page.getByRole('button', { name: 'Done' }).click()
    await shot('search-en-dark')
    const background = await page.evaluate(() => (globalThis as unknown as PageScope).getComputedStyle((globalThis as unknown as PageScope).document.body).backgroundColor)
    expect(background).toBe('rgb(21, 23, 27)')
    expect(await lowContrast()).toEqual([])
  })

  it('shows the UI in Chinese (dark and light) and Japanese, finding notes in each language', async () => {
    await setSettings({ language: 'zh-CN' })
    await page.locator('input.search-input[placeholder*="搜索"]').waitFor()
    await search('番茄')
    expect(await resultFiles()).toContain('番茄炒蛋.md')
    await page.locator('.preview-title').filter({ hasText: /番茄|楼上|跑步/ }).waitFor()
    await shot('search-zh-dark')
    await setSettings({ theme: 'light' })
    await page.waitForFunction(() => (globalThis as unknown as PageScope).document.documentElement.dataset.theme === 'light')
    await shot('search-zh-light')
    expect(await page.locator('.status-bar').textContent()).toMatch(/篇笔记/)
    await setSettings({ language: 'ja' })
    await page.locator('input.search-input[placeholder*="意味でノートを検索"]').waitFor()
    await search('水やり')
    expect(await resultFiles()).toContain('植物の水やり.md')
    await shot('search-ja-light')
    await setSettings({ language: 'en' })
  })

  it('the quick-search popup searches, opens with Enter and hides with Escape', async () => {
    const popup = await app.openPage('popup.html', { width: 680, height: 420 })
    await search('loud music at night', popup)
    await openFold(popup)
    expect((await resultFiles(popup)).slice(0, 3)).toEqual(expect.arrayContaining(['楼上太吵.md', '夜の騒音.md']))
    await shot('popup-crosslingual-en-light', popup)
    await search('Lisbon', popup)
    expect((await resultFiles(popup))[0]).toBe('trip-to-lisbon.md')
    await shot('popup-en-light', popup)
    const before = app.server.calls.length
    await popup.locator('input.search-input').press('Enter')
    await expect.poll(() => app.server.calls.slice(before).map((c) => c.name)).toEqual(['openNote', 'hidePopup'])
    await popup.locator('input.search-input').press('Escape')
    await expect.poll(() => app.server.calls.slice(before).map((c) => c.name)).toEqual(['openNote', 'hidePopup', 'hidePopup'])
    await popup.close()
  })

  it('adds a folder through the picker and the confirmation dialog', async () => {
    app.server.nextChosenFolder = xssRoot
    await page.getByRole('button', { name: 'Add folder' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add this folder?' })
    await dialog.waitFor()
    expect(await dialog.locator('.stat-value').first().textContent()).toBe(String(XSS_PAYLOADS.length + 2))
    await shot('add-folder-en-light')
    await dialog.getByRole('button', { name: 'Add and index' }).click()
    await page.locator('.root', { hasText: basename(xssRoot) }).waitFor()
    await app.engine.whenIdle()
  })

  it('scrolls the preview to a passage far down a long note', async () => {
    await page.getByRole('radio', { name: 'Keyword' }).click()
    await search('zeppelinfield')
    expect(await resultFiles()).toEqual(['long-note.md'])
    const hit = page.locator('.preview-body .hit-block', { hasText: 'zeppelinfield' })
    await hit.waitFor()
    expect(await hit.locator('mark.hl-term').textContent()).toBe('zeppelinfield')
    await expect.poll(async () => {
      const [pane, box] = await Promise.all([page.locator('section.preview').boundingBox(), hit.boundingBox()])
      return !!pane && !!box && box.y >= pane.y && box.y + box.height <= pane.y + pane.height
    }).toBe(true)
    expect(await page.locator('section.preview').evaluate((el) => el.scrollTop)).toBeGreaterThan(500)
  })

  it(`the XSS corpus (${XSS_PAYLOADS.length} payloads) executes nothing in the results list or the preview`, async () => {
    await setSettings({ resultsPerPage: 100 })
    await page.getByRole('radio', { name: 'Keyword' }).click()
    await search('quokka')
    await openFold(page)
    await page.locator('[role="option"]').first().click()
    const count = await page.locator('[role="option"]').count()
    expect(count).toBe(XSS_PAYLOADS.length + 1)
    // Payload text is shown literally in the results.
    expect(await page.locator('.result-passage').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('<script>')]))
    const input = page.locator('input.search-input')
    for (let i = 0; i < count; i++) {
      // Wait until the preview shows the active result's note.
      const path = await page.locator('[role="option"][aria-selected="true"] .result-folder').getAttribute('title')
      await page.locator(`.preview-path[title="${path}"]`).waitFor()
      await page.locator('.preview-body').waitFor()
      // Click every link the preview kept; none may navigate or run code.
      for (const link of await page.locator('.preview-body a').all()) await link.click({ force: true, timeout: 2000 }).catch(() => undefined)
      if (i < count - 1) await input.press('ArrowDown')
    }
    await shot('xss-en-light')
    // Evaluated in the page (a string, so the node-side type check needs no DOM types).
    const findings = (await page.evaluate(`({
      sentinel: window.${SENTINEL},
      csp: window.__cspViolations,
      url: location.href,
      liveHandlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => el.tagName + ' ' + a.name)),
      scripts: document.querySelectorAll('body script, .preview iframe, .preview object, .preview embed, .preview svg').length
    })`)) as { sentinel?: unknown; csp: string[]; url: string; liveHandlers: string[]; scripts: number }
    // The window itself never scrolls: only the results list and the preview do.
    expect(await page.evaluate(() => (globalThis as unknown as PageScope).document.scrollingElement.scrollTop)).toBe(0)
    expect(findings.sentinel).toBeUndefined()
    expect(findings.csp).toEqual([])
    expect(findings.url).toBe(`${app.server.origin}/index.html`)
    expect(findings.liveHandlers).toEqual([])
    expect(findings.scripts).toBe(0)
    expect(app.dialogs).toEqual([])
    expect(app.foreignRequests).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
