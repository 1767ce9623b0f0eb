// Enforces the layer arrows: engine never imports electron, renderer and shared never import node or electron.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { builtinModules } from 'node:module'
import { describe, expect, it } from 'vitest'

const root = join(__dirname, '..', '..')
const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.(ts|mts|vue)$/.test(name) ? [full] : []
  })
}

/** Module specifiers of static imports, dynamic imports, re-exports and require calls. */
export function importsOf(source: string): string[] {
  const found: string[] = []
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\s+['"]([^'"]+)['"]/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g]
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1])
  return found
}

function violations(dir: string, forbidden: (spec: string, file: string) => boolean): string[] {
  return sourceFiles(join(root, dir)).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8'))
      .filter((spec) => forbidden(spec, file))
      .map((spec) => `${relative(root, file)} imports ${spec}`)
  )
}

const isElectron = (spec: string) => spec === 'electron' || spec.startsWith('electron/')
const isNode = (spec: string) => nodeBuiltins.has(spec)

describe('import boundaries', () => {
  it('finds imports in every syntax it checks', () => {
    const sample = `import a from 'electron'\nexport { b } from "node:fs"\nconst c = await import('os')\nimport 'path'\nconst d = require("electron/main")`
    expect(importsOf(sample)).toEqual(expect.arrayContaining(['electron', 'node:fs', 'os', 'path', 'electron/main']))
  })

  it('src/main/engine never imports electron', () => {
    expect(violations('src/main/engine', isElectron)).toEqual([])
  })

  it('the doors (src/main/doors, src/main/cli) and the IPC schemas they share never import electron', () => {
    expect([...violations('src/main/doors', isElectron), ...violations('src/main/cli', isElectron), ...violations('src/main/ipc', isElectron)]).toEqual([])
  })

  it('src/main/engine imports only itself and src/shared among project files', () => {
    const engineDir = join(root, 'src/main/engine')
    const sharedDir = join(root, 'src/shared')
    const outside = (spec: string, file: string) => {
      if (!spec.startsWith('.')) return false
      const target = join(file, '..', spec)
      return !target.startsWith(engineDir) && !target.startsWith(sharedDir)
    }
    expect(violations('src/main/engine', outside)).toEqual([])
  })

  it('src/renderer imports neither node built-ins nor electron', () => {
    expect(violations('src/renderer', (spec) => isNode(spec) || isElectron(spec))).toEqual([])
  })

  it('src/shared imports only itself', () => {
    expect(violations('src/shared', (spec) => !spec.startsWith('./'))).toEqual([])
  })

  it('src/preload imports only shared and electron', () => {
    expect(violations('src/preload', (spec) => !(isElectron(spec) || spec.startsWith('../shared/') || spec.startsWith('./')))).toEqual([])
  })
})
