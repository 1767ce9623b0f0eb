// Launches the test Chromium (CHROMIUM_PATH, as `npm test` provisions it) through playwright-core with a fresh profile.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { findBrowser } from '../../../scripts/test-browser.mjs'

/**
 * The page's globals as seen by callbacks passed to page.evaluate/waitForFunction. The node tsconfig has no DOM
 * types, and string expressions would be eval'd in the page, which the renderer's CSP (rightly) forbids.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PageScope = Record<string, any>

/** The browser `npm test` found or provisioned (scripts/test-browser.mjs); looked up again when a test file runs alone. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? findBrowser() ?? '/usr/bin/chromium'
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** A persistent context in a temporary user-data dir; `close()` also removes the profile. */
export async function launchBrowser(options: { locale?: string; width?: number; height?: number } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'semnote-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    locale: options.locale ?? 'en-US',
    timezoneId: 'UTC',
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce'
  })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
}
