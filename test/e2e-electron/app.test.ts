// End-to-end with the real Electron app (Playwright _electron): fresh profile, index a folder, search, see the hit,
// and show the quick-search popup through a second launch with --toggle. Skipped where no Electron binary exists.
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SemnoteApi } from '../../src/shared/api'
import { DEFAULT_SETTINGS } from '../../src/shared/types'
import { getTinyPack } from '../helpers/test-model'

const repoRoot = join(__dirname, '..', '..')

/**
 * The Electron executable the `electron` package installed, or null (CI sets ELECTRON_SKIP_BINARY_DOWNLOAD=1).
 * Read from path.txt directly: require('electron') would try to download a missing binary.
 */
function findElectronBinary(): string | null {
  const packageDir = join(repoRoot, 'node_modules', 'electron')
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const relativePath = readFileSync(pathFile, 'utf8').trim()
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relativePath) : join(packageDir, 'dist', relativePath)
  return existsSync(binary) ? binary : null
}

const electronBinary = findElectronBinary()
const built = existsSync(join(repoRoot, 'out', 'main', 'index.js'))
if (!electronBinary) console.log('e2e-electron: skipped, no Electron binary on this machine (install one with `node node_modules/electron/install.js` to run it)')
else if (!built) console.log('e2e-electron: skipped, no build in out/ (run `npm run build` first)')

/** Chromium refuses its sandbox as root (CI containers); Semnote enables the sandbox, so pass the switch there only. */
const rootSwitches = process.getuid?.() === 0 ? ['--no-sandbox'] : []

describe.skipIf(!electronBinary || !built)('Semnote desktop app', () => {
  let app: ElectronApplication
  let window: Page
  let env: Record<string, string>
  const notes = mkdtempSync(join(tmpdir(), 'semnote-e2e-notes-'))

  beforeAll(async () => {
    const userData = mkdtempSync(join(tmpdir(), 'semnote-e2e-profile-'))
    const pack = await getTinyPack()
    const packId = (JSON.parse(readFileSync(join(pack, 'semnote-pack.json'), 'utf8')) as { id: string }).id
    mkdirSync(join(userData, 'models'))
    cpSync(pack, join(userData, 'models', packId), { recursive: true })
    writeFileSync(join(userData, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, modelId: packId }))
    writeFileSync(join(notes, 'houseplants.md'), '# Houseplants\n\nWater the ficus once a week and keep it out of direct sun.\n')
    writeFileSync(join(notes, 'neighbours.md'), '# Neighbours\n\nThe neighbours play loud music late at night.\n')
    env = { ...(process.env as Record<string, string>), SEMNOTE_USER_DATA_DIR: userData, SEMNOTE_SKIP_MODEL_DOWNLOAD: '1', LANCEDB_LOG: 'error' }
    app = await _electron.launch({ executablePath: electronBinary!, args: [repoRoot, ...rootSwitches], env, timeout: 60_000 })
    window = await app.firstWindow()
    await window.locator('input.search-input').waitFor({ timeout: 30_000 })
  })

  afterAll(async () => {
    await app?.close()
  })

  it('opens one main window whose page sees only window.semnote', async () => {
    const urls = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()))
    expect(urls).toHaveLength(1)
    expect(urls[0]).toContain('index.html')
    const page = await window.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>
      return { require: typeof g.require, process: typeof g.process, semnote: Object.keys(g.semnote as object).length }
    })
    expect(page).toEqual({ require: 'undefined', process: 'undefined', semnote: expect.any(Number) })
    expect(await window.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com'))).toBeNull()
  })

  it('indexes a folder and finds a note by searching', async () => {
    await window.evaluate((path) => (globalThis as unknown as { semnote: SemnoteApi }).semnote.addRoots({ paths: [path] }), notes)
    await expect
      .poll(() => window.evaluate(async () => (await (globalThis as unknown as { semnote: SemnoteApi }).semnote.status()).files), { timeout: 60_000 })
      .toBe(2)
    await window.locator('input.search-input').fill('ficus')
    await expect.poll(() => window.locator('[role="option"]').allInnerTexts(), { timeout: 15_000 }).toEqual(expect.arrayContaining([expect.stringContaining('Houseplants')]))
  })

  it('a second launch with --toggle shows the quick-search popup in the running app', async () => {
    const popupOpened = app.waitForEvent('window', { timeout: 30_000 })
    const second = spawn(electronBinary!, [repoRoot, '--toggle', ...rootSwitches], { env, stdio: 'ignore' })
    const exitCode = await new Promise<number | null>((resolve) => second.once('exit', resolve))
    expect(exitCode).toBe(0)
    const popup = await popupOpened
    await popup.locator('input.search-input').waitFor({ timeout: 30_000 })
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => w.isVisible()).map((w) => w.webContents.getURL())))
      .toEqual(expect.arrayContaining([expect.stringContaining('popup.html')]))
    await popup.keyboard.press('Escape')
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => w.isVisible()).map((w) => w.webContents.getURL())))
      .not.toEqual(expect.arrayContaining([expect.stringContaining('popup.html')]))
  })
})
