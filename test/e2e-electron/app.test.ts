// End-to-end with the real Electron app (Playwright _electron): fresh profile, index a folder, search, see the hit; the
// quick-search popup through a second launch with --toggle (type, Escape during an IME composition keeps it, Enter opens
// the note, Escape hides it); a semnote://search link from a second launch. Skipped where no Electron binary exists.
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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
if (!electronBinary) {
  console.log(
    'e2e-electron: skipped, no Electron binary on this machine (install one with `node node_modules/electron/install.js` to run it): ' +
      'the popup (--toggle, typing, Escape during IME composition, Enter opens) and semnote:// links are checked there'
  )
}
else if (!built) console.log('e2e-electron: skipped, no build in out/ (run `npm run build` first)')

/** Chromium refuses its sandbox as root (CI containers); Semnote enables the sandbox, so pass the switch there only. */
const rootSwitches = process.getuid?.() === 0 ? ['--no-sandbox'] : []

describe.skipIf(!electronBinary || !built)('Semnote desktop app', () => {
  let app: ElectronApplication
  let window: Page
  let popup: Page
  let env: Record<string, string>
  const notes = mkdtempSync(join(tmpdir(), 'semnote-e2e-notes-'))

  beforeAll(async () => {
    const userData = mkdtempSync(join(tmpdir(), 'semnote-e2e-profile-'))
    const pack = await getTinyPack()
    const packId = (JSON.parse(readFileSync(join(pack, 'semnote-pack.json'), 'utf8')) as { id: string }).id
    mkdirSync(join(userData, 'models'))
    cpSync(pack, join(userData, 'models', packId), { recursive: true })
    // Opening a note runs this harmless "editor": it marks the note as opened (the settings file skips the confirmation).
    const editor = `"${process.execPath}" -e "require('fs').writeFileSync(process.argv[1] + '.opened', '')" {file}`
    writeFileSync(join(userData, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, modelId: packId, editorCommand: editor }))
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

  /** URLs of the visible windows. */
  const visibleWindows = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => w.isVisible()).map((w) => w.webContents.getURL()))

  /** Starts a second instance with `args`; it hands them to the running app and exits 0. */
  async function secondLaunch(...args: string[]): Promise<void> {
    const second = spawn(electronBinary!, [repoRoot, ...args, ...rootSwitches], { env, stdio: 'ignore' })
    expect(await new Promise<number | null>((resolve) => second.once('exit', resolve))).toBe(0)
  }

  it('a second launch with --toggle shows the popup: typing searches, Escape during IME composition keeps it, Enter opens', async () => {
    const popupOpened = app.waitForEvent('window', { timeout: 30_000 })
    await secondLaunch('--toggle')
    popup = await popupOpened
    const input = popup.locator('input.search-input')
    await input.waitFor({ timeout: 30_000 })
    await expect.poll(visibleWindows).toEqual(expect.arrayContaining([expect.stringContaining('popup.html')]))

    // Escape while an input method is composing cancels the composition; the popup must stay.
    const cdp = await popup.context().newCDPSession(popup)
    await cdp.send('Input.imeSetComposition', { text: 'ふぃ', selectionStart: 2, selectionEnd: 2 })
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 229 })
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 229 })
    await popup.waitForTimeout(300)
    expect(await visibleWindows()).toEqual(expect.arrayContaining([expect.stringContaining('popup.html')]))
    await cdp.send('Input.insertText', { text: '' })
    await cdp.detach()

    await input.fill('ficus')
    await expect.poll(() => popup.locator('[role="option"]').allInnerTexts(), { timeout: 15_000 }).toEqual(expect.arrayContaining([expect.stringContaining('Houseplants')]))
    const opened = join(notes, 'houseplants.md.opened')
    rmSync(opened, { force: true })
    await input.press('Enter')
    await expect.poll(() => existsSync(opened), { timeout: 15_000 }).toBe(true)
    await expect.poll(visibleWindows).not.toEqual(expect.arrayContaining([expect.stringContaining('popup.html')]))
  })

  it('Escape hides the popup shown again with --toggle', async () => {
    await secondLaunch('--toggle')
    await expect.poll(visibleWindows).toEqual(expect.arrayContaining([expect.stringContaining('popup.html')]))
    await popup.keyboard.press('Escape')
    await expect.poll(visibleWindows).not.toEqual(expect.arrayContaining([expect.stringContaining('popup.html')]))
  })

  it('a semnote://search link from a second launch opens the popup searching for it', async () => {
    await secondLaunch('semnote://search?q=neighbours&mode=keyword')
    await expect.poll(visibleWindows).toEqual(expect.arrayContaining([expect.stringContaining('popup.html')]))
    await expect.poll(() => popup.locator('input.search-input').inputValue(), { timeout: 15_000 }).toBe('neighbours')
    await expect.poll(() => popup.locator('[role="option"]').allInnerTexts(), { timeout: 15_000 }).toEqual(expect.arrayContaining([expect.stringContaining('Neighbours')]))
  })

  it('a forged link does nothing but tell: no window opens, the app keeps running', async () => {
    const before = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)
    await secondLaunch('semnote://open?path=relative/../../etc/passwd&line=0')
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(before)
    expect(await window.locator('input.search-input').count()).toBe(1)
  })
})
