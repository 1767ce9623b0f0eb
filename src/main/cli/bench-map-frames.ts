// Bench section "mapFrames": the app's map view (the built renderer, out/renderer) in headless Chromium with a stand-in
// bridge serving a map of many points; the time each frame takes to draw while the map is dragged, and the interval
// between frames. Needs a build and a Chromium (the one `npm test` uses); skipped with the reason otherwise.
import { createServer, type Server } from 'node:http'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { extname, join, normalize, sep } from 'node:path'
import { API_CALL_NAMES } from '../../shared/api'
import type { BenchConfig } from './bench-setup'
import { findRepoRoot } from './bench-setup'
import { percentiles, round, type Percentiles } from './bench-stats'

export type MapFramesResult =
  | { skipped: string }
  | {
      points: number
      drawn: number
      /** Drawing time of each frame while dragging (ms): most copy the cached layer, some redraw it. */
      frameMs: Percentiles & { max: number }
      /** Time between animation frames while dragging continuously (ms; 16.7 at 60 Hz). */
      intervalMs: Percentiles
      /** Frames (of those measured) that redrew the whole layer of points, and the longest of them (ms). */
      redraws: number
      redrawMs: number
    }

const DRAG_STEPS = 240

/** The page's globals inside page.evaluate callbacks (this tsconfig has no DOM types). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PageGlobals = Record<string, any>
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' }

/** window.semnote for the page: every call answered locally; `map` returns `points` clustered points (seeded). */
function bridgeScript(points: number): string {
  return `(() => {
  const count = ${points}
  let seed = 7
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296)
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random())
  const clusters = Array.from({ length: 40 }, (_, c) => ({ terms: ['topic' + c, 'words', 'here'], size: 0, x: gauss(), y: gauss() }))
  const notes = { path: [], title: [], root: [], ext: [], lang: [], mtime: [], tags: [], x: [], y: [], cluster: [] }
  for (let i = 0; i < count; i++) {
    const c = i % 40
    clusters[c].size++
    notes.path.push('/notes/note-' + i + '.md'); notes.title.push('Note ' + i); notes.root.push('/notes'); notes.ext.push('md')
    notes.lang.push('en'); notes.mtime.push(0); notes.tags.push([]); notes.x.push(clusters[c].x + gauss() * 0.12); notes.y.push(clusters[c].y + gauss() * 0.12)
    notes.cluster.push(c)
  }
  const status = { roots: [{ path: '/notes', state: 'watching', files: count, chunks: count }], files: count, chunks: count, skipped: [],
    model: { state: 'ready', id: 'bench', dimension: 8 }, progress: { phase: 'idle', filesDone: 0, filesTotal: 0, chunksDone: 0, chunksPerSecond: 0, etaSeconds: null },
    health: 'ok', diskBytes: 0 }
  const settings = { roots: ['/notes'], ignorePatterns: [], hotkey: '', theme: 'light', language: 'en', launchAtLogin: false, modelId: 'bench', resultsPerPage: 20, editorCommand: '', allowRemoteImages: false }
  const answers = {
    status: () => status, getSettings: () => settings, updateSettings: () => settings,
    search: (r) => ({ query: r.query, mode: 'hybrid', hits: [], total: 0, offset: 0, tookMs: 0, semanticAvailable: true }),
    map: () => ({ state: 'ready', layout: { modelId: 'bench', notes, clusters, computedAt: 0, placed: 0 } }),
    related: () => [], mapLocate: () => null
  }
  const api = { windowKind: 'main', platform: 'linux', pathForFile: () => '', on: () => () => undefined }
  for (const name of ${JSON.stringify(API_CALL_NAMES)}) api[name] = async (arg) => (answers[name] ? answers[name](arg) : null)
  Object.defineProperty(window, 'semnote', { value: api })
})()`
}

async function serve(dir: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '') || 'index.html'
    const file = join(dir, path)
    if (!file.startsWith(dir + sep)) return void response.writeHead(403).end()
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end()
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

export async function benchMapFrames(config: BenchConfig): Promise<MapFramesResult> {
  const rendererDir = join(findRepoRoot(), 'out', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) return { skipped: 'no renderer build (run npm run build first)' }
  let playwright: typeof import('playwright-core')
  try {
    // A development dependency, required at run time through createRequire so the bundler leaves it out of the CLI.
    playwright = createRequire(__filename)('playwright-core') as typeof import('playwright-core')
  } catch {
    return { skipped: 'playwright-core is not installed (a development dependency)' }
  }
  const { findBrowser } = (await import(join(findRepoRoot(), 'scripts', 'test-browser.mjs'))) as { findBrowser: () => string | null }
  const executablePath = process.env.CHROMIUM_PATH ?? findBrowser()
  if (!executablePath) return { skipped: 'no Chromium found (set CHROMIUM_PATH)' }
  const server = await serve(rendererDir)
  const browser = await playwright.chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] })
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 })
    await page.addInitScript(bridgeScript(config.mapPoints))
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`)
    await page.getByRole('tab', { name: 'Map' }).click()
    const canvas = page.locator('canvas.map-canvas')
    await page.waitForFunction((n) => Number((globalThis as PageGlobals).document.querySelector('canvas.map-canvas')?.getAttribute('data-drawn')) === n, config.mapPoints, {
      timeout: 60_000
    })
    const drawn = Number(await canvas.getAttribute('data-drawn'))
    const box = (await canvas.boundingBox())!
    let x = box.x + box.width / 2
    let y = box.y + box.height / 2
    await page.mouse.move(x, y)
    await page.mouse.down()
    // Frame by frame: move, let the frame draw, read how long it took.
    const frames: number[] = []
    const redrawMs: number[] = []
    // Long strokes (about 1,000 px each way), so the cached layer runs out and is redrawn now and then.
    for (let step = 0; step < DRAG_STEPS; step++) {
      x += step % 160 < 80 ? 12 : -12
      y += step % 160 < 80 ? 4 : -4
      await page.mouse.move(x, y)
      const [ms, drawnAgain] = await page.evaluate(() => {
        const scope = globalThis as PageGlobals
        return new Promise<[number, boolean]>((resolve) =>
          scope.requestAnimationFrame(() =>
            scope.requestAnimationFrame(() => {
              const element = scope.document.querySelector('canvas.map-canvas')
              resolve([Number(element.dataset.frameMs), element.dataset.layerDrawn === 'true'])
            })
          )
        )
      })
      frames.push(ms)
      if (drawnAgain) redrawMs.push(ms)
    }
    // Continuously: moves as fast as they come, frame intervals recorded in the page.
    await page.evaluate(() => {
      const scope = globalThis as PageGlobals
      scope.__intervals = []
      scope.__recording = true
      scope.__last = scope.performance.now()
      // A property, not a named local: tsx would wrap a named function in a helper the page does not have.
      scope.__tick = (now: number) => {
        scope.__intervals.push(now - scope.__last)
        scope.__last = now
        if (scope.__recording) scope.requestAnimationFrame(scope.__tick)
      }
      scope.requestAnimationFrame(scope.__tick)
    })
    for (let step = 0; step < DRAG_STEPS; step++) await page.mouse.move((x += step % 160 < 80 ? 12 : -12), (y += step % 160 < 80 ? 4 : -4))
    const intervals = (await page.evaluate(() => {
      const scope = globalThis as PageGlobals
      scope.__recording = false
      return scope.__intervals.slice(2)
    })) as number[]
    await page.mouse.up()
    return {
      points: config.mapPoints,
      drawn,
      frameMs: { ...percentiles(frames), max: round(Math.max(...frames)) },
      intervalMs: percentiles(intervals),
      redraws: redrawMs.length,
      redrawMs: redrawMs.length ? round(Math.max(...redrawMs)) : 0
    }
  } finally {
    await browser.close()
    server.close()
  }
}
