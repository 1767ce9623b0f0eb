// Audits the BUILT app: window hardening in out/main/index.js, the preload bridge, the renderer CSP, and the
// electron-builder config as electron-builder itself reads it (fuses, asar unpacking, what the bundle would contain,
// targets and their arch, the app id and the semnote:// scheme). `node scripts/audit-build.mjs` exits 1 on any failure.
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

/**
 * Packages no production bundle may contain: never loaded, and together about 200 MB (LanceDB's optional
 * @huggingface/transformers brings onnxruntime-web and sharp; pdfjs-dist 6's optional @napi-rs/canvas renders pages).
 */
export const FORBIDDEN_PACKAGES = ['onnxruntime-web', 'sharp', '@img/', '@huggingface/transformers', 'openai', '@napi-rs/canvas']

/** Native packages that must sit outside app.asar (node cannot dlopen from inside it). */
const NATIVE_PACKAGES = ['onnxruntime-node', '@lancedb/lancedb']

/** Architectures the darwin binaries of onnxruntime-node and LanceDB exist for. */
const DARWIN_ARCHES = ['arm64']

const SCHEME = 'semnote'

/**
 * Checks a resolved electron-builder configuration. `context.productionModules`: the module folders electron-builder's
 * own collector would copy (collectProductionModules); `context.packageJson`: the app's package.json.
 */
export function auditBuilderConfig(config, context = {}) {
  const fuses = config.electronFuses ?? {}
  const unpack = [].concat(config.asarUnpack ?? [])
  const extra = [].concat(config.extraResources ?? []).map((entry) => (typeof entry === 'string' ? { from: entry, to: entry } : entry))
  const macTargets = targetEntries(config.mac)
  const checks = [
    ...Object.entries(REQUIRED_FUSES).map(([fuse, value]) => ({ name: `fuse ${fuse} = ${value}`, ok: fuses[fuse] === value, detail: String(fuses[fuse]) })),
    { name: 'app is packed in asar', ok: config.asar !== false, detail: '' },
    ...NATIVE_PACKAGES.map((name) => {
      const sample = `node_modules/${name}/build/native.node`
      return { name: `${name} is unpacked from asar`, ok: matchesAny(unpack, sample), detail: unpack.join(', ') }
    }),
    { name: 'model packs ship as extra resources', ok: extra.some((e) => e.from === 'resources/models' && e.to === 'models'), detail: '' },
    { name: 'Linux AppImage + deb, macOS dmg, Windows nsis', ok: targets(config.linux).includes('AppImage') && targets(config.linux).includes('deb') && targets(config.mac).includes('dmg') && targets(config.win).includes('nsis'), detail: '' },
    {
      name: `every macOS target names its arch (${DARWIN_ARCHES.join(', ')}: the only darwin binaries of onnxruntime-node and LanceDB)`,
      ok: macTargets.length > 0 && macTargets.every((t) => Array.isArray(t.arch) && t.arch.length > 0 && t.arch.every((a) => DARWIN_ARCHES.includes(a))),
      detail: JSON.stringify(macTargets)
    },
    { name: 'each target is checked for its native binaries before packing (beforePack)', ok: /native-modules\.mjs$/.test(String(config.beforePack ?? '')), detail: String(config.beforePack) },
    {
      name: `the ${SCHEME}:// scheme is declared for packaging`,
      ok: [].concat(config.protocols ?? []).some((p) => [].concat(p.schemes ?? []).includes(SCHEME)),
      detail: JSON.stringify(config.protocols)
    }
  ]
  if (context.productionModules) {
    const dependencies = Object.keys(context.packageJson?.dependencies ?? {})
    for (const platform of ['linux', 'mac', 'win']) {
      const kept = packagedModules(config, platform, context.productionModules)
      const packed = kept.filter((dir) => FORBIDDEN_PACKAGES.some((name) => isPackage(dir, name)))
      checks.push({ name: `the ${platform} bundle leaves out ${FORBIDDEN_PACKAGES.join(', ')}`, ok: packed.length === 0, detail: packed.join(', ') })
      const missing = dependencies.filter((name) => !kept.includes(`node_modules/${name}`))
      checks.push({ name: `the ${platform} bundle ships every dependency in package.json`, ok: missing.length === 0, detail: missing.join(', ') })
    }
  }
  if (context.packageJson) checks.push(...auditLinuxIdentity(config, context.packageJson))
  return checks
}

/** The Linux .desktop entry electron-builder writes, computed by its own LinuxTargetHelper. */
export async function linuxDesktopEntry(config, packageJson) {
  const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper')
  const productName = config.productName ?? packageJson.name
  const packager = {
    info: { metadata: packageJson },
    appInfo: { productName, sanitizedProductName: productName, description: packageJson.description },
    executableName: config.executableName ?? packageJson.name,
    config,
    platformSpecificBuildOptions: config.linux ?? {},
    fileAssociations: []
  }
  const helper = new LinuxTargetHelper(packager)
  return { fileName: `${helper.getDesktopFileName()}.desktop`, text: await helper.computeDesktopEntry(config.linux ?? {}) }
}

/**
 * The app id the desktop knows Semnote by: package.json desktopName (which Electron reports as the Wayland app_id and
 * the portal must resolve to an installed .desktop file, or global shortcut binds are refused silently).
 */
function auditLinuxIdentity(config, packageJson) {
  const desktopName = String(packageJson.desktopName ?? '')
  const id = desktopName.replace(/\.desktop$/, '')
  const entry = config.linux?.desktop?.entry ?? {}
  return [
    { name: 'package.json desktopName is a reverse-DNS app id ending in .desktop', ok: /^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*){2,}\.desktop$/.test(desktopName), detail: desktopName },
    { name: 'the Linux .desktop file is named after desktopName (linux.syncDesktopName)', ok: config.linux?.syncDesktopName === true, detail: '' },
    { name: 'StartupWMClass is left to desktopName', ok: entry.StartupWMClass === undefined || entry.StartupWMClass === id, detail: String(entry.StartupWMClass) },
    { name: `no .desktop MimeType override drops x-scheme-handler/${SCHEME}`, ok: entry.MimeType === undefined || String(entry.MimeType).includes(`x-scheme-handler/${SCHEME}`), detail: String(entry.MimeType) }
  ]
}

/** The main bundle must name the same app id as package.json (main calls app.setDesktopName with it before ready). */
export function auditDesktopName(mainSource, packageJson) {
  const desktopName = String(packageJson.desktopName ?? '')
  return [{ name: 'main sets the desktop name package.json declares', ok: desktopName !== '' && mainSource.includes(JSON.stringify(desktopName)), detail: desktopName }]
}

/** Checks the engine chunks: LanceDB (CommonJS) is loaded with require, not through the ESM loader. */
export function auditEngineLoading(sources) {
  const all = sources.join('\n')
  return [
    { name: 'LanceDB is loaded with require() (no dynamic import() through the ESM loader inside app.asar)', ok: /require\(\s*["']@lancedb\/lancedb["']\s*\)/.test(all) && !/import\(\s*["']@lancedb\/lancedb["']\s*\)/.test(all), detail: '' }
  ]
}

function targetEntries(platform) {
  return [].concat(platform?.target ?? []).map((t) => (typeof t === 'string' ? { target: t } : t))
}

function targets(platform) {
  return targetEntries(platform).map((t) => t.target)
}

/** True when the module folder `dir` (node_modules/…/node_modules/x) is the package `name` ("@img/" = the scope). */
function isPackage(dir, name) {
  const last = dir.split('node_modules/').at(-1)
  return name.endsWith('/') ? last.startsWith(name) : last === name || last.startsWith(`${name}-`)
}

function matchesAny(patterns, path) {
  const { Minimatch } = require('minimatch')
  return patterns.some((pattern) => new Minimatch(pattern, { dot: true }).match(path))
}

/** Module folders (relative, node_modules/…) electron-builder's own npm collector would copy into the app. */
export async function collectProductionModules(root) {
  const { getCollectorByPackageManager, PM } = require('app-builder-lib/out/node-module-collector')
  const { TmpDir } = require('temp-file')
  const temp = new TmpDir('semnote-audit')
  try {
    const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    const { nodeModules } = await getCollectorByPackageManager(PM.NPM, root, temp).getNodeModules({ packageName: packageJson.name })
    const dirs = []
    const walk = (modules, prefix) => {
      for (const module of modules) {
        dirs.push(`${prefix}${module.name}`)
        if (module.dependencies) walk(module.dependencies, `${prefix}${module.name}/node_modules/`)
      }
    }
    walk(nodeModules, 'node_modules/')
    return dirs
  } finally {
    await temp.cleanup()
  }
}

/**
 * Which of `modules` the `platform` bundle would contain: electron-builder's own node-module matcher (the exclusions of
 * `files`, top level and the platform's) applied to each module's files by their path inside the app.
 */
export function packagedModules(config, platform, modules) {
  const { getNodeModuleFileMatcher } = require('app-builder-lib/out/fileMatcher')
  const packager = { config, debugLogger: { isEnabled: false } }
  const matcher = getNodeModuleFileMatcher('/app', '/app', (s) => s, config[platform] ?? {}, packager)
  if (matcher.isEmpty()) return [...modules]
  const filter = matcher.createFilter()
  const file = (path) => ({ isDirectory: () => false, moduleFullFilePath: path })
  return modules.filter((dir) => filter(`/app/${dir}/package.json`, file(`${dir}/package.json`)))
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
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const mainSource = readFileSync(join(out, 'main', 'index.js'), 'utf8')
  const chunkDir = join(out, 'main', 'chunks')
  const chunks = existsSync(chunkDir) ? readdirSync(chunkDir).map((name) => readFileSync(join(chunkDir, name), 'utf8')) : []
  const config = await loadBuilderConfig(root)
  const entry = await linuxDesktopEntry(config, packageJson)
  const desktopId = String(packageJson.desktopName ?? '').replace(/\.desktop$/, '')
  return [
    ...auditMainBundle(mainSource),
    ...auditDesktopName(mainSource, packageJson),
    ...auditEngineLoading([mainSource, ...chunks]),
    ...auditPreload(readFileSync(join(out, 'preload', 'index.js'), 'utf8')),
    ...auditRendererHtml(pages),
    ...auditBuilderConfig(config, { productionModules: await collectProductionModules(root), packageJson }),
    {
      name: `the Linux .desktop file electron-builder writes is ${desktopId}.desktop and hands ${SCHEME}:// links to the app`,
      ok:
        entry.fileName === `${desktopId}.desktop` &&
        entry.text.includes(`MimeType=x-scheme-handler/${SCHEME};`) &&
        entry.text.includes(`StartupWMClass=${desktopId}\n`) &&
        /^Exec=.* %U$/m.test(entry.text),
      detail: `${entry.fileName}: ${entry.text}`
    }
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
