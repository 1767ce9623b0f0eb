// The Chromium end-to-end set-up every renderer test shares: a temp data dir, the real engine on the bundled lite pack,
// the e2e server over the built renderer, and Chromium with the test bridge; `close()` undoes it all.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { Engine } from '../../../src/main/engine/engine'
import type { Settings } from '../../../src/shared/types'
import { launchBrowser } from './browser'
import { startE2eServer, type E2eServer } from './e2e-server'
import { ensureRendererBuilt, repoRoot } from './renderer-build'

export const SCREENSHOTS = join(repoRoot, 'test-results', 'screenshots')
/** The notes the app ships (what "Try the sample notes" adds). */
export const SAMPLES = join(repoRoot, 'resources', 'samples')
/** The model folders the app ships; the bundled lite pack is what a user searches with before any download. */
const BUNDLED_MODELS = join(repoRoot, 'resources', 'models')
const BRIDGE = join(__dirname, 'bridge.js')

export interface E2eAppOptions {
  /** Start of the temp data dir's name. */
  dataDirPrefix: string
  /** Folders added before the browser opens, and what to wait for after adding them (the engine's whenIdle or whenSettled). */
  roots?: string[]
  waitFor?: 'idle' | 'settled'
  /** Watch roots for changes (default true). */
  watch?: boolean
  /** What addSampleNotes adds (default the shipped samples). */
  samplesDir?: string
  /** Side effects main applies for a settings change before saving it (see startE2eServer). */
  applySettings?: (patch: Partial<Settings>) => Promise<void>
  /** Chromium's locale and window size (launchBrowser's defaults otherwise). */
  browser?: Parameters<typeof launchBrowser>[0]
}

export interface E2eApp {
  engine: Engine
  server: E2eServer
  browser: Awaited<ReturnType<typeof launchBrowser>>
  dataDir: string
  /** Recorded from every page: dialogs (dismissed), uncaught page errors, and requests to any other origin than the server. */
  dialogs: string[]
  pageErrors: string[]
  foreignRequests: string[]
  /** A new page at `path` on the server, given this window size first when there is one. */
  openPage(path?: string, viewport?: { width: number; height: number }): Promise<Page>
  close(): Promise<void>
}

/** Starts the engine, the server and Chromium; if any step fails, what already started is closed before the error is thrown. */
export async function openE2eApp(options: E2eAppOptions): Promise<E2eApp> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const staticDir = await ensureRendererBuilt()
  const dataDir = mkdtempSync(join(tmpdir(), options.dataDirPrefix))
  let engine: Engine | undefined
  let server: E2eServer | undefined
  let browser: E2eApp['browser'] | undefined
  const close = async () => {
    await browser?.close()
    await server?.close()
    await engine?.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    engine = await Engine.open(
      { dataDir, modelDirs: [BUNDLED_MODELS], modelId: 'semnote-lite-multi', threads: 1, ...(options.watch === false ? { watch: false } : {}) },
      { settleMs: 100 }
    )
    if (options.roots) {
      await engine.call('addRoots', { paths: options.roots })
      await (options.waitFor === 'settled' ? engine.whenSettled() : engine.whenIdle())
    }
    server = await startE2eServer(engine, staticDir, options.samplesDir ?? SAMPLES, options.applySettings)
    browser = await launchBrowser(options.browser)
    await browser.context.addInitScript({ path: BRIDGE })
    const app: E2eApp = {
      engine,
      server,
      browser,
      dataDir,
      dialogs: [],
      pageErrors: [],
      foreignRequests: [],
      openPage: async (path = 'index.html', viewport) => {
        const page = await app.browser.context.newPage()
        if (viewport) await page.setViewportSize(viewport)
        await page.goto(`${app.server.origin}/${path}`)
        return page
      },
      close
    }
    browser.context.on('request', (request) => {
      if (!request.url().startsWith(app.server.origin)) app.foreignRequests.push(request.url())
    })
    browser.context.on('page', (page) => {
      page.on('dialog', (dialog) => {
        app.dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      page.on('pageerror', (error) => app.pageErrors.push(error.message))
    })
    return app
  } catch (error) {
    await close().catch(() => undefined)
    throw error
  }
}
