// The build audit: passes on the real build and electron-builder config, and fails when a hardening flag or fuse is flipped.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- plain ESM script without type declarations
import { auditBuild, auditBuilderConfig, auditMainBundle, auditPreload, auditRendererHtml, loadBuilderConfig } from '../../scripts/audit-build.mjs'

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
