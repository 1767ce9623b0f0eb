// The build audit: passes on the real build and electron-builder config, and fails when a hardening flag or fuse is flipped.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- plain ESM script without type declarations
import { auditBuild, auditBuilderConfig, auditEngineLoading, auditMainBundle, auditPreload, auditRendererHtml, collectProductionModules, loadBuilderConfig } from '../../scripts/audit-build.mjs'
// @ts-expect-error -- plain ESM script without type declarations
import beforePack, { missingNativeModules } from '../../scripts/packaging/native-modules.mjs'

type Check = { name: string; ok: boolean; detail: string }
const root = join(__dirname, '..', '..')
const built = existsSync(join(root, 'out', 'main', 'index.js')) && existsSync(join(root, 'out', 'preload', 'index.js'))
if (!built) console.log('audit-build: skipped, no build in out/ (run `npm run build` first; CI builds before testing)')

const failures = (checks: Check[]) => checks.filter((c) => !c.ok).map((c) => c.name)

describe.skipIf(!built)('audit of the built app', () => {
  const mainSource = built ? readFileSync(join(root, 'out', 'main', 'index.js'), 'utf8') : ''
  const preloadSource = built ? readFileSync(join(root, 'out', 'preload', 'index.js'), 'utf8') : ''

  it('passes on the real build and electron-builder.yml', async () => {
    const checks: Check[] = await auditBuild(root)
    expect(failures(checks)).toEqual([])
    expect(checks.length).toBeGreaterThan(40)
  })

  it.each([
    ['sandbox: true', 'sandbox: false'],
    ['contextIsolation: true', 'contextIsolation: !1'],
    ['nodeIntegration: false', 'nodeIntegration: true'],
    ['webSecurity: true', 'webSecurity: false'],
    ['action: "deny"', 'action: "allow"'],
    ['callback(false)', 'callback(true)']
  ])('fails when the main bundle has %s flipped to %s', (from, to) => {
    expect(mainSource).toContain(from)
    expect(failures(auditMainBundle(mainSource.replace(from, to))).length).toBeGreaterThan(0)
  })

  it('fails when a window gets webPreferences not built by secureWebPreferences', () => {
    const tampered = `${mainSource}\nnew BrowserWindow({ webPreferences: { preload: "x" } })`
    expect(failures(auditMainBundle(tampered))).toContain('every webPreferences comes from secureWebPreferences()')
  })

  it('fails when LanceDB is loaded through import() (the ESM loader inside app.asar)', () => {
    expect(failures(auditEngineLoading(['loading ??= Promise.resolve().then(() => require("@lancedb/lancedb"));']))).toEqual([])
    expect(failures(auditEngineLoading(['loading ??= import("@lancedb/lancedb");']))).toHaveLength(1)
  })

  it('fails when the preload exposes ipcRenderer or a second API', () => {
    const raw = `${preloadSource}\nelectron.contextBridge.exposeInMainWorld("ipc", electron.ipcRenderer)`
    expect(failures(auditPreload(raw))).toEqual(['preload exposes exactly one API, "semnote"', 'preload does not expose ipcRenderer itself'])
  })
})

describe('audit of the renderer CSP and the packaging config', () => {
  it('flags a page without a strict CSP', () => {
    const strict = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'" />`
    const loose = strict.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'")
    const checks: Check[] = auditRendererHtml([
      { name: 'strict', html: strict },
      { name: 'loose', html: loose },
      { name: 'none', html: '<html></html>' }
    ])
    expect(checks.map((c) => c.ok)).toEqual([true, false, false])
  })

  it('electron-builder.yml validates against electron-builder and flips every required fuse', async () => {
    const config = await loadBuilderConfig(root)
    expect(failures(auditBuilderConfig(config))).toEqual([])
    for (const fuse of Object.keys(config.electronFuses)) {
      const flipped = { ...config, electronFuses: { ...config.electronFuses, [fuse]: !config.electronFuses[fuse] } }
      if (fuse === 'loadBrowserProcessSpecificV8Snapshot' || fuse === 'grantFileProtocolExtraPrivileges') continue
      expect(failures(auditBuilderConfig(flipped))).toEqual([`fuse ${fuse} = ${config.electronFuses[fuse]}`])
    }
    expect(failures(auditBuilderConfig({ ...config, asarUnpack: [] }))).toHaveLength(2)
  })
})

describe('audit of what a production bundle would contain (electron-builder\'s own module collector and file matcher)', () => {
  let config: Record<string, unknown> & { files: unknown[]; mac: { target: unknown } }
  let modules: string[]
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>

  beforeAll(async () => {
    config = await loadBuilderConfig(root)
    modules = await collectProductionModules(root)
  }, 60_000)

  it('passes on electron-builder.yml although npm lists the unwanted packages as production dependencies', () => {
    for (const name of ['node_modules/@huggingface/transformers', 'node_modules/onnxruntime-web', 'node_modules/sharp', 'node_modules/@napi-rs/canvas']) expect(modules).toContain(name)
    expect(failures(auditBuilderConfig(config, { productionModules: modules, packageJson }))).toEqual([])
  })

  it('fails for every platform when the exclusions are dropped, naming what would ship', () => {
    const withoutExclusions = { ...config, files: [{ filter: ['out/**', 'package.json', '!**/*.map'] }] }
    const checks: Check[] = auditBuilderConfig(withoutExclusions, { productionModules: modules, packageJson })
    const failed = checks.filter((c) => !c.ok)
    expect(failed.map((c) => c.name)).toEqual(['linux', 'mac', 'win'].map((p) => `the ${p} bundle leaves out onnxruntime-web, sharp, @img/, @huggingface/transformers, openai, @napi-rs/canvas`))
    for (const name of ['onnxruntime-web', 'sharp', '@huggingface/transformers', '@napi-rs/canvas']) expect(failed[0].detail).toContain(`node_modules/${name}`)
  })

  it('fails when an exclusion also drops a dependency the app loads (a whole @huggingface scope takes the tokenizers)', () => {
    const files = [{ filter: ['out/**', 'package.json', '!node_modules/@huggingface/**', '!node_modules/onnxruntime-web/**', '!node_modules/sharp/**', '!node_modules/@img/**', '!node_modules/openai/**', '!node_modules/@napi-rs/**'] }]
    const failed = auditBuilderConfig({ ...config, files }, { productionModules: modules, packageJson }).filter((c: Check) => !c.ok)
    expect(failed.map((c: Check) => c.name)).toEqual(['linux', 'mac', 'win'].map((p) => `the ${p} bundle ships every dependency in package.json`))
    expect(failed[0].detail).toBe('@huggingface/tokenizers')
  })

  it('fails when native modules are not unpacked from asar', () => {
    const names = failures(auditBuilderConfig({ ...config, asarUnpack: ['node_modules/onnxruntime-common/**'] }))
    expect(names).toEqual(['onnxruntime-node is unpacked from asar', '@lancedb/lancedb is unpacked from asar'])
  })

  it('fails when a macOS target has no arch, or one the native modules do not ship', () => {
    const name = 'every macOS target names its arch (arm64: the only darwin binaries of onnxruntime-node and LanceDB)'
    expect(failures(auditBuilderConfig({ ...config, mac: { ...config.mac, target: ['dmg'] } }))).toEqual([name])
    expect(failures(auditBuilderConfig({ ...config, mac: { ...config.mac, target: [{ target: 'dmg', arch: ['x64', 'arm64'] }] } }))).toEqual([name])
  })

  it('fails without the semnote:// protocol, the native-module check, or a desktopName the portal can resolve', () => {
    expect(failures(auditBuilderConfig({ ...config, protocols: [] }))).toEqual(['the semnote:// scheme is declared for packaging'])
    expect(failures(auditBuilderConfig({ ...config, beforePack: undefined }))).toEqual(['each target is checked for its native binaries before packing (beforePack)'])
    const { desktopName: _dropped, ...withoutName } = packageJson
    expect(failures(auditBuilderConfig(config, { packageJson: withoutName }))).toContain('package.json desktopName is a reverse-DNS app id ending in .desktop')
  })

  it('the beforePack hook refuses a target whose native binaries are not installed (cross-builds)', () => {
    expect(missingNativeModules(root, process.platform, process.arch)).toEqual([])
    const foreign = process.platform === 'win32' ? 'linux' : 'win32'
    expect(missingNativeModules(root, foreign, 'x64').join('\n')).toMatch(/LanceDB for .*-x64 is not installed/)
    expect(missingNativeModules(root, 'darwin', 'x64').join('\n')).toMatch(/onnxruntime-node ships no binary for darwin-x64/)
  })

  it('the hook, called as electron-builder calls it, stops a build for such a target', async () => {
    const foreign = process.platform === 'win32' ? 'linux' : 'win32'
    await expect(beforePack({ electronPlatformName: foreign, arch: 1, packager: { projectDir: root } })).rejects.toThrow(/Cannot package Semnote for .*-x64/)
    await expect(beforePack({ electronPlatformName: process.platform, arch: process.arch === 'arm64' ? 3 : 1, packager: { projectDir: root } })).resolves.toBeUndefined()
  })
})
