// Audits the BUILT app: window hardening in out/main/index.js, the preload bridge, the renderer CSP, and the
// electron-builder config (fuses, asar unpacking, bundled models). `node scripts/audit-build.mjs` exits 1 on any failure.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const TRUE = '(?:true|!0)'
const FALSE = '(?:false|!1)'

/** Flags every window's webPreferences must carry, as regexes over the bundle (tolerates minified booleans). */
const REQUIRED_FLAGS = {
  contextIsolation: TRUE,
  sandbox: TRUE,
  nodeIntegration: FALSE,
  nodeIntegrationInWorker: FALSE,
  nodeIntegrationInSubFrames: FALSE,
  webSecurity: TRUE,
  allowRunningInsecureContent: FALSE,
  webviewTag: FALSE,
  experimentalFeatures: FALSE
}

/** Fuse values the packaged app must have. */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true
}

/** Checks the main bundle's source text. */
export function auditMainBundle(source) {
  const checks = []
  const check = (name, ok, detail = '') => checks.push({ name, ok: Boolean(ok), detail })
  for (const [flag, value] of Object.entries(REQUIRED_FLAGS)) {
    check(`webPreferences.${flag} is ${value === TRUE ? 'true' : 'false'}`, new RegExp(`\\b${flag}\\s*:\\s*${value}\\b`).test(source))
    const opposite = value === TRUE ? FALSE : TRUE
    check(`no window sets ${flag} to the unsafe value`, !new RegExp(`\\b${flag}\\s*:\\s*${opposite}\\b`).test(source))
  }
  const webPreferenceSites = [...source.matchAll(/\bwebPreferences\s*:\s*([A-Za-z_$][\w$.]*)\s*\(/g)]
  const allWebPreferences = (source.match(/\bwebPreferences\s*:/g) ?? []).length
  check(
    'every webPreferences comes from secureWebPreferences()',
    allWebPreferences > 0 && webPreferenceSites.length === allWebPreferences && webPreferenceSites.every((m) => m[1].endsWith('secureWebPreferences')),
    `${webPreferenceSites.length}/${allWebPreferences} sites`
  )
  check('will-navigate is prevented', /["']will-navigate["']\s*,\s*\(?\s*(\w+)\s*\)?\s*=>\s*\1\.preventDefault\(\)/.test(source))
  check('will-redirect is prevented', /["']will-redirect["']\s*,\s*\(?\s*(\w+)\s*\)?\s*=>\s*\1\.preventDefault\(\)/.test(source))
  check('webviews are refused', /["']will-attach-webview["']\s*,\s*\(?\s*(\w+)\s*\)?\s*=>\s*\1\.preventDefault\(\)/.test(source))
  check('window.open is denied', /setWindowOpenHandler\(\s*\(\)\s*=>\s*\(\s*\{\s*action\s*:\s*["']deny["']\s*\}\s*\)\s*\)/.test(source))
  check('permission requests are denied', /setPermissionRequestHandler\(\s*\([^)]*,\s*(\w+)\s*\)\s*=>\s*\1\(\s*(?:false|!1)\s*\)\s*\)/.test(source))
  check('permission checks are denied', /setPermissionCheckHandler\(\s*\(\)\s*=>\s*(?:false|!1)\s*\)/.test(source))
  check('a CSP header is added to responses', /["']Content-Security-Policy["']\s*:/.test(source))
  check('the sandbox is enforced for every renderer', /\.enableSandbox\(\)/.test(source))
  check('every web contents is hardened on creation', /["']web-contents-created["']/.test(source))
  check('IPC senders are checked', /senderFrame/.test(source))
  return checks
}

/** Checks the preload bundle: one bridge named "semnote", CommonJS (sandboxed preloads cannot be ESM), no raw ipcRenderer. */
export function auditPreload(source) {
  const exposures = [...source.matchAll(/exposeInMainWorld\(\s*["']([^"']+)["']\s*,\s*([^)]*)\)/g)]
  return [
    { name: 'preload exposes exactly one API, "semnote"', ok: exposures.length === 1 && exposures[0][1] === 'semnote', detail: exposures.map((m) => m[1]).join(', ') },
    { name: 'preload does not expose ipcRenderer itself', ok: exposures.every((m) => !/ipcRenderer/.test(m[2])), detail: '' },
    { name: 'preload is CommonJS', ok: /\brequire\(\s*["']electron["']\s*\)/.test(source) && !/^\s*import\s/m.test(source), detail: '' }
  ]
}

/** Checks the built HTML pages carry a strict CSP meta tag. */
export function auditRendererHtml(pages) {
  return pages.map(({ name, html }) => {
    const csp = /http-equiv=(["'])Content-Security-Policy\1\s+content=(["'])(.*?)\2/is.exec(html)?.[3] ?? ''
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? /default-src ([^;]+)/.exec(csp)?.[1] ?? ''
    const ok = csp !== '' && !/unsafe-inline|unsafe-eval|\*|https?:/.test(scriptSrc) && /object-src 'none'/.test(csp) && /base-uri 'none'/.test(csp)
    return { name: `${name} has a strict CSP`, ok, detail: csp }
  })
}

/** Checks a resolved electron-builder configuration. */
export function auditBuilderConfig(config) {
  const fuses = config.electronFuses ?? {}
  const unpack = [].concat(config.asarUnpack ?? [])
  const extra = [].concat(config.extraResources ?? []).map((entry) => (typeof entry === 'string' ? { from: entry, to: entry } : entry))
  return [
    ...Object.entries(REQUIRED_FUSES).map(([fuse, value]) => ({ name: `fuse ${fuse} = ${value}`, ok: fuses[fuse] === value, detail: String(fuses[fuse]) })),
    { name: 'app is packed in asar', ok: config.asar !== false, detail: '' },
    { name: 'onnxruntime-node is unpacked from asar', ok: unpack.some((p) => p.includes('onnxruntime-node')), detail: unpack.join(', ') },
    { name: '@lancedb is unpacked from asar', ok: unpack.some((p) => p.includes('@lancedb')), detail: '' },
    { name: 'model packs ship as extra resources', ok: extra.some((e) => e.from === 'resources/models' && e.to === 'models'), detail: '' },
    { name: 'Linux AppImage + deb, macOS dmg, Windows nsis', ok: targets(config.linux).includes('AppImage') && targets(config.linux).includes('deb') && targets(config.mac).includes('dmg') && targets(config.win).includes('nsis'), detail: '' }
  ]
}

function targets(platform) {
  return [].concat(platform?.target ?? []).map((t) => (typeof t === 'string' ? t : t.target))
}

/** Loads electron-builder.yml through electron-builder itself and validates it against its schema. */
export async function loadBuilderConfig(root) {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config')
  const { DebugLogger } = require('builder-util')
  const config = await getConfig(root, join(root, 'electron-builder.yml'), null)
  await validateConfiguration(config, new DebugLogger(false))
  return config
}

/** Runs every audit against a project folder with a build in out/. */
export async function auditBuild(root) {
  const out = join(root, 'out')
  const pages = readdirSync(join(out, 'renderer'))
    .filter((name) => name.endsWith('.html'))
    .map((name) => ({ name: `out/renderer/${name}`, html: readFileSync(join(out, 'renderer', name), 'utf8') }))
  return [
    ...auditMainBundle(readFileSync(join(out, 'main', 'index.js'), 'utf8')),
    ...auditPreload(readFileSync(join(out, 'preload', 'index.js'), 'utf8')),
    ...auditRendererHtml(pages),
    ...auditBuilderConfig(await loadBuilderConfig(root))
  ]
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? '.')
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
    console.error('No build in out/: run `npm run build` first.')
    process.exit(2)
  }
  const checks = await auditBuild(root)
  for (const c of checks) console.log(`${c.ok ? 'PASS' : 'FAIL'}  ${c.name}${!c.ok && c.detail ? `  (${c.detail})` : ''}`)
  const failed = checks.filter((c) => !c.ok).length
  console.log(`${checks.length - failed} passed, ${failed} failed`)
  process.exit(failed === 0 ? 0 : 1)
}
