// End-to-end in real Chromium with the real engine and the bundled lite pack: a PDF result with its page badge, the
// preview at that page (and page turning), Open asking for the page, tag chips and the tag filter (filter bar and sidebar).
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDocx } from '../../scripts/fixtures/office-writer'
import { OFFICE_SPEC } from '../fixtures/documents/spec'
import { openE2eApp, SCREENSHOTS, type E2eApp } from './support/app'
import type { PageScope } from './support/browser'
import { openFold } from './support/fold'
import { listedFiles, searchFor } from './support/results'
import { repoRoot } from './support/renderer-build'

let app: E2eApp
let page: Page
let root: string

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}

const search = (query: string) => searchFor(page, query)
const resultFiles = () => listedFiles(page)

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'semnote-e2e-docs-'))
  for (const file of ['garden-manual.pdf', 'zh-notes.pdf', 'ja-report.pdf']) copyFileSync(join(repoRoot, 'test', 'fixtures', 'documents', file), join(root, file))
  writeFileSync(join(root, 'beekeeping.docx'), await makeDocx(OFFICE_SPEC))
  writeFileSync(join(root, 'kyoto.md'), '---\ntags: [travel, japan/kyoto]\n---\n# Kyoto in autumn\n\nMaple leaves and quiet temples; see [[Kansai Pass|the rail pass]].\n')
  writeFileSync(join(root, 'osaka.md'), '# Osaka at night\n\nStreet food and loud music in Dotonbori until late. #travel #food\n')
  writeFileSync(join(root, 'budget.md'), '# Garden budget\n\nDrip tubes, a timer and a rain barrel for the garden. #home\n')
  app = await openE2eApp({ dataDirPrefix: 'semnote-e2e-docs-data-', roots: [root], waitFor: 'settled', samplesDir: root, browser: { width: 1360, height: 860 } })
  page = await app.openPage()
  await page.locator('.root').first().waitFor()
}, 300_000)

afterAll(async () => {
  await app?.close()
  if (root) rmSync(root, { recursive: true, force: true })
})

describe('documents and tags in Chromium', () => {
  it('shows a PDF hit with its page badge, previews that page with the passage marked, and opens it at the page', async () => {
    await search('frost valve before winter')
    expect((await resultFiles())[0]).toBe('garden-manual.pdf')
    const first = page.locator('[role="option"]').first()
    await expect.poll(() => first.locator('.result-page').textContent()).toBe('p. 12')
    await page.locator('.page-of').filter({ hasText: 'Page 12 of 12' }).waitFor()
    const marked = page.locator('.preview-body .hit-block')
    await expect.poll(() => marked.count()).toBeGreaterThan(0)
    expect((await marked.allTextContents()).join(' ')).toContain('frost valve')
    expect(await page.locator('.preview-body').textContent()).not.toContain('Cut out a split section') // page 11 is not shown
    await shot('documents-pdf-page-badge')

    await page.getByRole('button', { name: 'Open', exact: true }).click()
    await expect.poll(() => app.server.calls.filter((c) => c.name === 'openNote').at(-1)?.arg).toEqual({ path: join(root, 'garden-manual.pdf'), line: expect.any(Number), page: 12 })
  })

  it('finds the Japanese PDF page from an English query; page turning leaves the hit and comes back to it', async () => {
    await search('loud music at night')
    await openFold(page)
    const files = await resultFiles()
    const index = files.indexOf('ja-report.pdf')
    expect(index).toBeGreaterThanOrEqual(0)
    await page.locator('[role="option"]').nth(index).click()
    await expect.poll(() => page.locator('[role="option"]').nth(index).locator('.result-page').textContent()).toBe('p. 3')
    await page.locator('.page-of').filter({ hasText: 'Page 3 of 4' }).waitFor()
    await expect.poll(async () => (await page.locator('.preview-body .hit-block').allTextContents()).join('')).toContain('音楽がうるさくて')
    await shot('documents-pdf-japanese-page')
    await page.getByRole('button', { name: 'Next page' }).click()
    await page.locator('.page-of').filter({ hasText: 'Page 4 of 4' }).waitFor()
    expect(await page.locator('.preview-body .hit-block').count()).toBe(0)
    await page.getByRole('button', { name: 'Back to p. 3' }).click()
    await page.locator('.page-of').filter({ hasText: 'Page 3 of 4' }).waitFor()
    await expect.poll(() => page.locator('.preview-body .hit-block').count()).toBeGreaterThan(0)
  })

  it('filters by tag from the filter bar and from the sidebar counts; results show their tags', async () => {
    const sidebar = page.locator('.tags-panel')
    await expect.poll(() => sidebar.locator('.tag-count').allTextContents()).toEqual(expect.arrayContaining(['#travel2', '#japan1', '#japan/kyoto1', '#food1', '#home1']))
    await search('garden night temples')
    await openFold(page)
    const unfiltered = await resultFiles()
    expect(unfiltered).toEqual(expect.arrayContaining(['budget.md', 'osaka.md', 'kyoto.md']))
    expect(unfiltered.length).toBeGreaterThan(3)

    const replied = page.waitForResponse((r) => r.url().endsWith('/call/search') && (r.request().postData() ?? '').includes('"tags":["travel"]'))
    await page.getByRole('combobox', { name: 'Tag…' }).selectOption('travel')
    await replied
    await page.waitForFunction(() => !(globalThis as unknown as PageScope).document.querySelector('.search-box.busy'))
    await openFold(page)
    expect((await resultFiles()).sort()).toEqual(['kyoto.md', 'osaka.md'])
    await page.getByRole('button', { name: 'Remove the tag filter #travel' }).waitFor()
    const kyoto = page.locator('[role="option"]').filter({ hasText: 'Kyoto in autumn' })
    expect(await kyoto.locator('.result-tags .tag').allTextContents()).toEqual(['#travel', '#japan/kyoto'])
    await shot('documents-tag-filter')

    // The sidebar: #travel is pressed; #home instead of it.
    await expect.poll(() => sidebar.getByRole('button', { name: /Filter by #travel/ }).getAttribute('aria-pressed')).toBe('true')
    await sidebar.getByRole('button', { name: /Filter by #travel/ }).click()
    await sidebar.getByRole('button', { name: /Filter by #home/ }).click()
    await expect.poll(async () => (await resultFiles()).sort()).toEqual(['budget.md'])
    // A parent tag finds its nested tags.
    await sidebar.getByRole('button', { name: /Filter by #home/ }).click()
    await sidebar.getByRole('button', { name: /Filter by #japan \(/ }).click()
    await expect.poll(async () => (await resultFiles()).sort()).toEqual(['kyoto.md'])
    await shot('documents-tag-sidebar')
    await sidebar.getByRole('button', { name: /Filter by #japan \(/ }).click()
  })

  it('raised no error in the page (turning pages re-renders the marked preview)', () => {
    expect(app.pageErrors).toEqual([])
  })
})
