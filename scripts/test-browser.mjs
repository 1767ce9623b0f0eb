// Finds (or provisions) the Chromium the browser tests drive: an installed Chromium/Chrome/Edge, else Playwright's managed
// Chromium, else Debian/Ubuntu's packages when running as root; otherwise it says what to do. Used by `npm test`.
import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

/** Well-known install locations of Chromium-based browsers, per platform. */
export function commonBrowserPaths(platform = process.platform, env = process.env) {
  if (platform === 'darwin') {
    return ['Chromium', 'Google Chrome', 'Microsoft Edge'].map((app) => `/Applications/${app}.app/Contents/MacOS/${app}`)
  }
  if (platform === 'win32') {
    const bases = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean)
    return bases.flatMap((base) => [join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(base, 'Microsoft', 'Edge', 'Application', 'msedge.exe'), join(base, 'Chromium', 'Application', 'chrome.exe')])
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome'
  ]
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Playwright's own Chromium (installed by `playwright install chromium`), or null. */
function playwrightChromium() {
  try {
    const path = require('playwright-core').chromium.executablePath()
    return path && isExecutable(path) ? path : null
  } catch {
    return null
  }
}

/** An installed browser: CHROMIUM_PATH first, then the common paths, then Playwright's managed Chromium. */
export function findBrowser(env = process.env) {
  if (env.CHROMIUM_PATH) return isExecutable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null
  return commonBrowserPaths(process.platform, env).find(isExecutable) ?? playwrightChromium()
}

const isDebianRoot = () => process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/etc/debian_version') && isExecutable('/usr/bin/apt-get')

function run(command, args, options = {}) {
  return spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000, ...options }).status === 0
}

function hasCjkFont() {
  const fonts = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' })
  return fonts.status === 0 && fonts.stdout.trim() !== ''
}

function aptInstall(packages) {
  console.log(`Installing ${packages.join(' ')} with apt-get (Debian/Ubuntu, as root) ...`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  return run('apt-get', ['update', '-qq'], { env }) && run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env })
}

/**
 * The path of a browser for the end-to-end tests, provisioning one when none is installed. Returns
 * { path } or { error } with a message naming every way to provide one.
 */
export function provisionBrowser(env = process.env) {
  if (env.CHROMIUM_PATH && !isExecutable(env.CHROMIUM_PATH)) return { error: `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file.` }
  let path = findBrowser(env)
  if (!path) {
    console.log('No Chromium, Chrome or Edge found: trying Playwright\'s managed Chromium (`playwright install chromium`) ...')
    const cli = join(dirname(require.resolve('playwright-core/package.json')), 'cli.js')
    if (run(process.execPath, [cli, 'install', 'chromium'], { timeout: 10 * 60_000 })) path = playwrightChromium()
  }
  if (!path && isDebianRoot() && aptInstall(['chromium', 'fonts-noto-cjk'])) path = findBrowser(env)
  if (!path) {
    return {
      error: [
        'The browser tests need Chromium, Google Chrome or Microsoft Edge, and none was found or could be installed.',
        'Any one of these provides it:',
        '  - install Chromium or Chrome (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk)',
        '  - point CHROMIUM_PATH at an installed Chromium-based browser: CHROMIUM_PATH=/path/to/chrome npm test',
        '  - let Playwright download its own: npx playwright-core install chromium (needs its download host)'
      ].join('\n')
    }
  }
  if (process.platform === 'linux' && !hasCjkFont()) {
    if (isDebianRoot()) aptInstall(['fonts-noto-cjk'])
    if (!hasCjkFont()) console.warn('No CJK font installed: Chinese and Japanese text in screenshots will show as boxes (Debian/Ubuntu: fonts-noto-cjk).')
  }
  return { path }
}
