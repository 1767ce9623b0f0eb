// `semnote map --out` end to end: the CLI (from source) indexes notes whose titles are the XSS corpus and writes the
// HTML file; Chromium opens it from disk. Its script runs (only it: the CSP allows it by hash), every note is drawn and
// listed, titles are text, nothing reaches the network, and a script added to the file afterwards is refused.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SENTINEL, XSS_PAYLOADS } from './fixtures/xss-payloads'
import { launchBrowser, type PageScope } from './support/browser'
import { repoRoot } from './support/renderer-build'

const run = promisify(execFile)
const SCREENSHOTS = join(repoRoot, 'test-results', 'screenshots')
const TSX = join(repoRoot, 'node_modules', '.bin', 'tsx')
const CLI = join(repoRoot, 'src', 'main', 'cli', 'semnote.ts')
const PACKS = join(repoRoot, 'resources', 'models')
const EVAL_SET = join(repoRoot, '..', 'shared', 'eval', 'tldr-en2mixed', 'corpus')

let work: string
let htmlFile: string
let titles: string[]
let browser: Awaited<ReturnType<typeof launchBrowser>>
const requests: string[] = []
const dialogs: string[] = []
const pageErrors: string[] = []

async function semnote(args: string[]): Promise<string> {
  const data = ['--data-dir', join(work, 'data'), '--models-dir', PACKS, '--model-id', 'semnote-lite-multi']
  const { stdout } = await run(TSX, [CLI, ...args, ...data], { env: { ...process.env, LANCEDB_LOG: 'error' }, maxBuffer: 64 << 20 })
  return stdout
}

/** Opens a file in a fresh page that records CSP violations (an init script runs before the page's own). */
async function open(file: string): Promise<Page> {
  const page = await browser.context.newPage()
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.goto(pathToFileURL(file).href)
  return page
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  work = mkdtempSync(join(tmpdir(), 'semnote-map-export-'))
  const notes = join(work, 'notes')
  mkdirSync(notes)
  // One note per payload, the payload as its title; body words make the notes fall into a few groups.
  const topics = ['sourdough bread starter flour', 'tomato garden soil seedlings', 'railway train timetable station']
  titles = XSS_PAYLOADS.map((payload) => payload.text)
  XSS_PAYLOADS.forEach((payload, i) => {
    writeFileSync(join(notes, `note-${String(payload.id).padStart(2, '0')}.md`), `---\ntitle: ${JSON.stringify(payload.text)}\n---\n${topics[i % 3]} ${payload.vector}\n`)
  })
  await semnote(['index', notes, EVAL_SET])
  htmlFile = join(work, 'notes-map.html')
  await semnote(['map', '--out', htmlFile])
  browser = await launchBrowser({ width: 1280, height: 800 })
  await browser.context.addInitScript(() => {
    const scope = globalThis as unknown as PageScope
    scope.__cspViolations = []
    scope.document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string }) => scope.__cspViolations.push(e.violatedDirective))
  })
  browser.context.on('request', (request) => requests.push(request.url()))
}, 600_000)

afterAll(async () => {
  await browser?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('the exported map', () => {
  it('is one file with a strict CSP: no external scripts, styles or other resources', () => {
    const html = readFileSync(htmlFile, 'utf8')
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? ''
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]+=*'; style-src 'sha256-[A-Za-z0-9+/]+=*';/)
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
    // Outside the notes' data (whose titles may hold anything), no reference to anything outside the file.
    const markup = html.replace(/<script type="application\/json" id="map-data">[^]*?<\/script>/, '')
    expect(markup).not.toMatch(/<script[^>]+src=|<link|<img|url\(|https?:\/\//i)
    // The only executable script is the viewer; the notes sit in a JSON block with no "<" left to close it.
    expect(html.match(/<script>/g)).toHaveLength(1)
    const data = /<script type="application\/json" id="map-data">([^]*?)<\/script>/.exec(html)![1]!
    expect(data).not.toContain('<')
  })

  it('opens from disk, draws and lists every note with its title as text, and runs nothing else', async () => {
    const page = await open(htmlFile)
    await page.waitForSelector('body[data-ready="true"]')
    const view = JSON.parse(readFileSync(htmlFile, 'utf8').match(/id="map-data">([^]*?)<\/script>/)![1]!) as { notes: { path: string[]; title: string[] } }
    const count = view.notes.path.length
    expect(count).toBe(XSS_PAYLOADS.length + 300)
    expect(Number(await page.locator('#map').getAttribute('data-drawn'))).toBe(count)
    const listed = await page.locator('#note-list .note').allTextContents()
    expect(listed).toHaveLength(count)
    // Exactly the titles the index holds, as text: the payloads' markup shows as characters.
    expect([...listed].sort()).toEqual(view.notes.title.map((title, i) => title || view.notes.path[i]!).sort())
    expect(listed.filter((text) => text.includes('<script>')).length).toBeGreaterThanOrEqual(titles.filter((t) => t.includes('<script>')).length - 1)
    expect(listed.filter((text) => text.includes('onerror=')).length).toBeGreaterThan(5)
    // Hover shows a title as text.
    await page.locator('details summary').click()
    await page.screenshot({ path: join(SCREENSHOTS, 'map-export-light.png'), fullPage: false })
    expect(await page.evaluate((name) => (globalThis as unknown as PageScope)[name], SENTINEL)).toBeUndefined()
    expect(await page.evaluate(() => (globalThis as unknown as PageScope).__cspViolations)).toEqual([])
    expect(dialogs).toEqual([])
    expect(pageErrors).toEqual([])
    expect(requests.filter((url) => url !== pathToFileURL(htmlFile).href)).toEqual([])
    await page.close()
  })

  it('shows a note title on hover, and cluster names on the map', async () => {
    const page = await open(htmlFile)
    await page.waitForSelector('body[data-ready="true"]')
    const box = (await page.locator('#map').boundingBox())!
    // Sweep the canvas until a dot is under the pointer.
    let found = false
    for (let y = 0.1; y < 0.95 && !found; y += 0.02) {
      for (let x = 0.05; x < 0.95 && !found; x += 0.01) {
        await page.mouse.move(box.x + box.width * x, box.y + box.height * y)
        found = await page.locator('#tooltip').isVisible()
      }
    }
    expect(found).toBe(true)
    expect((await page.locator('#tooltip strong').textContent())!.length).toBeGreaterThan(0)
    expect(await page.locator('#legend li').count()).toBeGreaterThan(1)
    await page.screenshot({ path: join(SCREENSHOTS, 'map-export-hover.png') })
    await page.close()
  })

  it('refuses a script added to the file afterwards (the CSP allows only the viewer by its hash)', async () => {
    const tampered = join(work, 'tampered.html')
    const injected = `<script>window.${SENTINEL} = 'inline'</script><img src="x" onerror="window.${SENTINEL} = 'handler'">`
    writeFileSync(tampered, readFileSync(htmlFile, 'utf8').replace('</body>', `${injected}</body>`))
    const page = await open(tampered)
    await page.waitForSelector('body[data-ready="true"]')
    await page.waitForTimeout(200)
    expect(await page.evaluate((name) => (globalThis as unknown as PageScope)[name], SENTINEL)).toBeUndefined()
    const violations = (await page.evaluate(() => (globalThis as unknown as PageScope).__cspViolations)) as string[]
    expect(violations.some((v) => v.startsWith('script-src'))).toBe(true)
    await page.close()
  })

  it('writes coordinates and clusters as JSON, and quality figures', async () => {
    const layout = JSON.parse(await semnote(['map', '--json'])) as { notes: { path: string[]; x: number[]; cluster: number[] }; clusters: { terms: string[] }[] }
    expect(layout.notes.path).toHaveLength(XSS_PAYLOADS.length + 300)
    expect(layout.notes.x.every(Number.isFinite)).toBe(true)
    expect(layout.clusters.length).toBeGreaterThan(1)
    const stats = JSON.parse(await semnote(['map', '--stats', '--json'])) as { notes: number; trustworthiness: number; neighbourPreservation: number }
    expect(stats.notes).toBe(XSS_PAYLOADS.length + 300)
    expect(stats.trustworthiness).toBeGreaterThan(0.5)
    expect(stats.neighbourPreservation).toBeGreaterThan(0)
  })
})
