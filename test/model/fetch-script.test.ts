// The postinstall script run as a child process: offline warning + exit 0, skip setting, --strict, and a real install from a mirror.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PACK_MANIFEST_FILE } from '../../src/main/engine/model/manifest'
import { closedPort, makeFixturePack, removeTempDirs, startFixtureServer, tempDir, type FixturePack, type FixtureServer } from './fetch-fixtures'

const root = join(__dirname, '..', '..')
const SCRIPT = join(root, 'scripts', 'provision-model.ts')
const TSX_CLI = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')

interface Run {
  code: number | null
  stderr: string
}

/** Runs the script with a clean model environment plus `env` (never the developer's own settings). */
function runScript(env: Record<string, string>, args: string[] = []): Promise<Run> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(SEMNOTE_|HF_ENDPOINT$)/.test(key))
  ) as Record<string, string>
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, SCRIPT, ...args], { cwd: root, env: { ...base, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stderr }))
  })
}

let pack: FixturePack
let server: FixtureServer
let catalogFile: string

beforeAll(async () => {
  pack = makeFixturePack()
  server = await startFixtureServer(pack)
  catalogFile = join(tempDir('catalog'), 'entry.json')
  writeFileSync(catalogFile, JSON.stringify(pack.entry))
})
afterAll(async () => {
  await server.close()
  removeTempDirs()
})

describe('scripts/provision-model.ts', () => {
  it('warns once and exits 0 when the model host is unreachable, installing nothing', async () => {
    const modelsDir = tempDir('models')
    const port = await closedPort()
    const run = await runScript({ SEMNOTE_MODEL_MIRROR: `http://127.0.0.1:${port}`, SEMNOTE_MODELS_DIR: modelsDir })
    expect(run.code).toBe(0)
    expect(run.stderr.match(/WARNING/g)).toHaveLength(1)
    expect(run.stderr).toContain('multilingual-e5-small was not installed')
    expect(run.stderr).toContain(`Cannot reach 127.0.0.1:${port}`)
    for (const advice of ['npm run fetch-model', 'SEMNOTE_MODEL_MIRROR', 'HF_ENDPOINT', 'SEMNOTE_MODEL_SOURCE']) expect(run.stderr).toContain(advice)
    expect(readdirSync(modelsDir)).toEqual([])
  })

  it('exits 1 on the same failure with --strict (for npm run fetch-model)', async () => {
    const port = await closedPort()
    const run = await runScript({ SEMNOTE_MODEL_MIRROR: `http://127.0.0.1:${port}`, SEMNOTE_MODELS_DIR: tempDir('models') }, ['--strict'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('WARNING')
  })

  it('does nothing with SEMNOTE_SKIP_MODEL_DOWNLOAD=1, even with a working mirror', async () => {
    const modelsDir = tempDir('models')
    server.requests.length = 0
    const run = await runScript({
      SEMNOTE_SKIP_MODEL_DOWNLOAD: '1',
      SEMNOTE_MODEL_MIRROR: server.mirror,
      SEMNOTE_MODEL_CATALOG_FILE: catalogFile,
      SEMNOTE_MODELS_DIR: modelsDir
    })
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('SEMNOTE_SKIP_MODEL_DOWNLOAD is set')
    expect(run.stderr).not.toContain('WARNING')
    expect(server.requests).toEqual([])
    expect(readdirSync(modelsDir)).toEqual([])
  })

  it('installs the pack from a mirror with progress lines, then finds it already installed', async () => {
    const modelsDir = tempDir('models')
    const env = { SEMNOTE_MODEL_MIRROR: server.mirror, SEMNOTE_MODEL_CATALOG_FILE: catalogFile, SEMNOTE_MODELS_DIR: modelsDir }
    const first = await runScript(env)
    expect(first.code).toBe(0)
    expect(first.stderr).toContain(`downloading model files from ${server.mirror}`)
    expect(first.stderr).toContain('model 100%')
    expect(first.stderr).toContain('model tiny-pack installed in')
    expect(existsSync(join(modelsDir, 'tiny-pack', PACK_MANIFEST_FILE))).toBe(true)
    expect(existsSync(join(modelsDir, 'tiny-pack', 'onnx', 'model.onnx'))).toBe(true)

    const second = await runScript(env)
    expect(second.code).toBe(0)
    expect(second.stderr).toContain('model tiny-pack already installed')
  })
})
