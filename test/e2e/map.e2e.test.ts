// The map tab in real Chromium against the real engine with the bundled lite pack: a multilingual corpus (XQuAD
// paragraphs in English, Chinese and German) plus the XSS corpus as titles; light, dark, Chinese and Japanese
// screenshots, a query lit up, hover, click-to-preview, keyboard steps, filters and colour groups.
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SENTINEL, XSS_PAYLOADS } from './fixtures/xss-payloads'
import { openE2eApp, SCREENSHOTS, type E2eApp } from './support/app'
import type { PageScope } from './support/browser'
import { contrastExpression, type ContrastReading } from './support/contrast'
import { repoRoot } from './support/renderer-build'

// Real path: the engine stores notes under their roots' real paths, and ../shared may be a link (fresh-machine check).
const EVAL = realpathSync(resolve(repoRoot, '..', 'shared', 'eval'))
const CORPORA = ['xquad-en2en', 'xquad-zh2zh', 'xquad-es2de'].map((set) => join(EVAL, set, 'corpus'))
const MAP_TEXT = ['.map-toolbar', '.map-summary', '.map-legend-name', '.map-legend-count', '.key-hints', '.view-tab']

let app: E2eApp
let page: Page
let xssRoot: string
let notes = 0

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}

async function setSettings(patch: Record<string, unknown>): Promise<void> {
  await page.evaluate((p) => (globalThis as unknown as PageScope).semnote.updateSettings(p), patch)
}

/** Notes drawn in the map's cached layer (the canvas reports it after each frame). */
async function drawn(): Promise<number> {
  return Number(await page.locator('canvas.map-canvas').getAttribute('data-drawn'))
}

/** The canvas position (CSS px inside the canvas) of the note at `path`, from the layout the engine serves. */
async function pointOf(path: string): Promise<{ x: number; y: number }> {
  const view = await app.engine.call('map', {})
  if (view.state !== 'ready') throw new Error('no map')
  const i = view.layout.notes.path.indexOf(path)
  return canvasPoint({ x: view.layout.notes.x[i]!, y: view.layout.notes.y[i]! })
}

/** The canvas position (CSS px inside the canvas) of a layout point, in the view drawn last. */
async function canvasPoint(point: { x: number; y: number }): Promise<{ x: number; y: number }> {
  return page.evaluate(({ x, y }) => {
    const canvas = (globalThis as unknown as PageScope).document.querySelector('canvas.map-canvas')
    const view = JSON.parse(canvas.dataset.view)
    return { x: x * view.scale + view.x, y: y * view.scale + view.y }
  }, point)
}

/** Where the canvas wrote topic names ([left, top, right, bottom], CSS px), as it reports after redrawing its layer. */
async function labelBoxes(): Promise<[number, number, number, number][]> {
  return JSON.parse((await page.locator('canvas.map-canvas').getAttribute('data-labels')) ?? '[]')
}

async function lowContrast(): Promise<ContrastReading[]> {
  const readings = (await page.evaluate(contrastExpression(MAP_TEXT))) as ContrastReading[]
  expect(readings.length).toBeGreaterThan(3)
  return readings.filter((r) => r.ratio < 4.5)
}

beforeAll(async () => {
  xssRoot = mkdtempSync(join(tmpdir(), 'semnote-map-e2e-xss-'))
  // The payloads as note titles (front matter), so the map's hover titles and topic names meet them.
  for (const payload of XSS_PAYLOADS) {
    const tags = payload.id % 2 ? '\ntags: [marsupial/wombat]' : ''
    writeFileSync(join(xssRoot, `title-${String(payload.id).padStart(2, '0')}.md`), `---\ntitle: ${JSON.stringify(payload.text)}${tags}\n---\nquokka wombat ${payload.vector}\n`)
  }
  app = await openE2eApp({ dataDirPrefix: 'semnote-map-e2e-data-', roots: [...CORPORA, xssRoot], samplesDir: xssRoot, browser: { width: 1400, height: 860 } })
  notes = (await app.engine.call('status', undefined)).files
  page = await app.openPage()
})

afterAll(async () => {
  await app?.close()
  if (xssRoot) rmSync(xssRoot, { recursive: true, force: true })
})

describe('the map tab', () => {
  it('computes the map in the background with progress, then draws every note with topic names', async () => {
    expect(notes).toBe(360 + XSS_PAYLOADS.length)
    await page.getByRole('tab', { name: 'Map' }).click()
    await page.locator('.map-message').waitFor()
    expect(await page.locator('.map-message').textContent()).toMatch(/Drawing the map/)
    await page.locator('.map-legend').waitFor({ timeout: 120_000 })
    await expect.poll(drawn).toBe(notes)
    const topics = await page.locator('.map-legend-name').allTextContents()
    expect(topics.length).toBeGreaterThan(5)
    // Topic names in the notes' own languages: some name mixes Latin and Chinese words.
    expect(topics.some((name) => /[a-z]/.test(name) && /\p{Script=Han}/u.test(name))).toBe(true)
    expect(await lowContrast()).toEqual([])
    await shot('map-en-light')
  })

  it('shows a note title on hover and previews the note on click, with Open and Show in folder', async () => {
    const target = join(CORPORA[0]!, 'a24_p4.md')
    const point = await pointOf(target)
    const box = (await page.locator('canvas.map-canvas').boundingBox())!
    await page.mouse.move(box.x + point.x, box.y + point.y)
    await page.locator('.map-tooltip').waitFor()
    expect(await page.locator('.map-tooltip span').first().textContent()).toBe(target)
    await page.mouse.down()
    await page.mouse.up()
    await page.locator('.preview-path').filter({ hasText: target }).waitFor()
    await page.getByRole('button', { name: 'Open' }).click()
    await expect.poll(() => app.server.calls.some((c) => c.name === 'openNote' && (c.arg as { path: string }).path === target)).toBe(true)
    await page.getByRole('button', { name: 'Show in folder' }).click()
    await expect.poll(() => app.server.calls.some((c) => c.name === 'revealNote')).toBe(true)
  })

  it('is keyboard reachable: arrow keys step to nearby notes, Enter opens the focused one', async () => {
    const canvas = page.locator('canvas.map-canvas')
    await canvas.focus()
    const selected = async () => Number(await canvas.getAttribute('data-selected'))
    const first = await selected()
    expect(first).toBeGreaterThanOrEqual(0)
    // The layout's floats differ between CPUs, so the selected note may sit at an edge: some arrow leads away from it.
    let second = first
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
      await page.keyboard.press(key)
      await page.evaluate(() => new Promise((settle) => (globalThis as unknown as PageScope).requestAnimationFrame(settle)))
      second = await selected()
      if (second !== first) break
    }
    expect(second).not.toBe(first)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowLeft')
    const opened = app.server.calls.filter((c) => c.name === 'openNote').length
    await page.keyboard.press('Enter')
    await expect.poll(() => app.server.calls.filter((c) => c.name === 'openNote').length).toBe(opened + 1)
    expect(second).toBeGreaterThanOrEqual(0)
    // The tabs themselves are reachable by keyboard too.
    await page.getByRole('tab', { name: 'Map' }).focus()
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => page.getByRole('tab', { name: 'Results' }).getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('ArrowRight')
    await page.locator('.map-legend').waitFor()
  })

  it('colours by language and folder, hides a group from the legend, and applies the file-type filter', async () => {
    await page.locator('.map-toolbar select').selectOption('language')
    await expect.poll(() => page.locator('.map-legend-name').allTextContents()).toEqual(expect.arrayContaining(['English', 'Chinese', 'German']))
    await page.locator('.map-legend-item', { hasText: 'Chinese' }).click()
    await expect.poll(drawn).toBe(notes - 120)
    await page.locator('.map-toolbar select').selectOption('folder')
    await expect.poll(drawn).toBe(notes)
    expect((await page.locator('.map-legend-name').allTextContents()).length).toBe(4)
    await page.getByRole('combobox', { name: 'File type' }).selectOption('txt')
    await expect.poll(drawn).toBe(0)
    expect(await page.locator('.map-summary').allTextContents()).toContain(`${notes} hidden by filters`)
    await page.getByRole('combobox', { name: 'File type' }).selectOption('')
    await expect.poll(drawn).toBe(notes)
    // The tag filter applies too.
    await page.locator('.tag-filter select').selectOption('marsupial/wombat')
    await expect.poll(drawn).toBe(Math.ceil(XSS_PAYLOADS.length / 2))
    await page.locator('.tag-chip').click()
    await expect.poll(drawn).toBe(notes)
    await page.locator('.map-toolbar select').selectOption('cluster')
  })

  it('marks where a query sits and lights up its hits', async () => {
    const located = page.waitForResponse((r) => r.url().endsWith('/call/mapLocate'))
    await page.locator('input.search-input').fill('steam engine pressure')
    await located
    await page.locator('.map-hits').waitFor()
    const hits = await page.locator('.map-hits').textContent()
    expect(hits).toMatch(/^\d+ of the results are lit up$/)
    const point = await app.engine.call('mapLocate', { query: 'steam engine pressure' })
    const view = await app.engine.call('map', {})
    if (view.state !== 'ready' || !point) throw new Error('no map or no query point')
    // The query sits among the notes about steam engines (in any language), not at random.
    const near = view.layout.notes.path
      .map((path, i) => ({ path, d: Math.hypot(view.layout.notes.x[i]! - point.x, view.layout.notes.y[i]! - point.y) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 10)
    const steamTopic = view.layout.clusters.findIndex((c) => c.terms.some((term) => /steam|蒸汽|dampf/i.test(term)))
    expect(steamTopic).toBeGreaterThanOrEqual(0)
    const inTopic = near.filter(({ path }) => view.layout.notes.cluster[view.layout.notes.path.indexOf(path)] === steamTopic).length
    expect(inTopic).toBeGreaterThanOrEqual(5)
    // Topic names are written clear of the query's star, which is drawn over them.
    const star = await canvasPoint(point)
    await expect.poll(async () => (await labelBoxes()).length).toBeGreaterThan(0)
    const covered = (await labelBoxes()).filter(([left, top, right, bottom]) => left < star.x + 11 && star.x - 11 < right && top < star.y + 11 && star.y - 11 < bottom)
    expect(covered).toEqual([])
    // And names are written inside the view, not cut by its top or bottom edge, where a line up or down allows.
    const height = await page.locator('canvas.map-canvas').evaluate((canvas) => canvas.getBoundingClientRect().height)
    const cut = (await labelBoxes()).filter(([, top, , bottom]) => (top < 0 && bottom > 0) || (top < height && bottom > height))
    expect(cut).toEqual([])
    await shot('map-query-en-light')
  })

  it('reads well in dark, in Chinese and in Japanese', async () => {
    await setSettings({ theme: 'dark' })
    await page.waitForFunction(() => (globalThis as unknown as PageScope).document.documentElement.dataset.theme === 'dark')
    await page.waitForTimeout(200)
    expect(await lowContrast()).toEqual([])
    await shot('map-query-en-dark')
    await page.locator('input.search-input').fill('')
    await setSettings({ language: 'zh-CN' })
    await page.getByRole('tab', { name: '地图' }).waitFor()
    await page.waitForTimeout(200)
    expect(await lowContrast()).toEqual([])
    await shot('map-zh-dark')
    await setSettings({ theme: 'light' })
    await page.waitForFunction(() => (globalThis as unknown as PageScope).document.documentElement.dataset.theme !== 'dark')
    const located = page.waitForResponse((r) => r.url().endsWith('/call/mapLocate'))
    await page.locator('input.search-input').fill('蒸汽机')
    await located
    await page.locator('.map-hits').waitFor()
    await shot('map-query-zh-light')
    await page.locator('input.search-input').fill('')
    await setSettings({ language: 'ja' })
    await page.getByRole('tab', { name: 'マップ' }).waitFor()
    await page.waitForTimeout(200)
    expect(await lowContrast()).toEqual([])
    await shot('map-ja-light')
    await setSettings({ theme: 'dark' })
    await page.waitForFunction(() => (globalThis as unknown as PageScope).document.documentElement.dataset.theme === 'dark')
    const locatedJa = page.waitForResponse((r) => r.url().endsWith('/call/mapLocate'))
    await page.locator('input.search-input').fill('蒸気機関の圧力')
    await locatedJa
    await page.locator('.map-hits').waitFor()
    expect(await page.locator('.map-hits').textContent()).toMatch(/\d/)
    expect(await lowContrast()).toEqual([])
    await shot('map-query-ja-dark')
    await page.locator('input.search-input').fill('')
    await setSettings({ theme: 'light', language: 'en' })
  })

  it('ran no note text as code and asked no other host for anything', async () => {
    expect(await page.evaluate((name) => (globalThis as unknown as PageScope)[name], SENTINEL)).toBeUndefined()
    expect(app.dialogs).toEqual([])
    expect(await page.evaluate(() => (globalThis as unknown as PageScope).__cspViolations)).toEqual([])
    expect(app.foreignRequests).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
