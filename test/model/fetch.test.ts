// provisionPack against a real local HTTP mirror and real folders: download, verify, resume, restart, mismatch, offline, cancel.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { packManifestFor } from '../../src/main/engine/model/catalog'
import { provisionPack, ProvisionError, type ProvisionProgress } from '../../src/main/engine/model/fetch'
import { packManifestSchema, PACK_MANIFEST_FILE } from '../../src/main/engine/model/manifest'
import { closedPort, makeFixturePack, sha256, removeTempDirs, startFixtureServer, tempDir, type FixturePack, type FixtureServer } from './fetch-fixtures'

const MODEL = 'onnx/model.onnx'

/** All file paths under dir, relative, sorted. */
function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? listFiles(join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`]))
    .sort()
}

async function rejection(promise: Promise<unknown>): Promise<ProvisionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ProvisionError)
  return error as ProvisionError
}

let pack: FixturePack
let server: FixtureServer

beforeAll(async () => {
  pack = makeFixturePack()
  server = await startFixtureServer(pack)
})
afterAll(async () => {
  await server.close()
  removeTempDirs()
})
afterEach(() => {
  server.requests.length = 0
  server.behaviour.honourRange = true
  server.behaviour.stallAfterBytes = undefined
  server.behaviour.corrupt.clear()
  server.behaviour.failWith = undefined
})

describe('provisionPack from a mirror', () => {
  it('downloads every file, verifies it, writes the manifest, and reports progress up to the total', async () => {
    const dest = join(tempDir('dest'), 'tiny-pack')
    const events: ProvisionProgress[] = []
    const result = await provisionPack(pack.entry, { destDir: dest, mirror: server.mirror, onProgress: (p) => events.push(p) })

    const expectedFiles = pack.entry.files.map((f) => f.path)
    expect(listFiles(dest)).toEqual([...expectedFiles, PACK_MANIFEST_FILE].sort())
    for (const path of expectedFiles) expect(readFileSync(join(dest, path)).equals(pack.bytes(path))).toBe(true)
    expect(result.files.map((f) => f.outcome)).toEqual(['downloaded', 'downloaded', 'downloaded'])
    expect(server.requests.map((r) => r.path)).toEqual(expectedFiles)

    const written = packManifestSchema.parse(JSON.parse(readFileSync(join(dest, PACK_MANIFEST_FILE), 'utf8')))
    expect(written).toEqual(packManifestFor(pack.entry))
    expect(written.sha256[MODEL]).toBe(sha256(pack.bytes(MODEL)))
    expect(result.manifestPath).toBe(join(dest, PACK_MANIFEST_FILE))

    const totalBytes = expectedFiles.reduce((sum, path) => sum + pack.bytes(path).length, 0)
    const last = events[events.length - 1]
    expect(last.received).toBe(totalBytes)
    expect(last.total).toBe(totalBytes)
    expect(events.filter((e) => e.file === MODEL).length).toBeGreaterThan(2)
    for (let i = 1; i < events.length; i++) expect(events[i].received).toBeGreaterThanOrEqual(events[i - 1].received)
    expect(events.find((e) => e.file === MODEL && e.fileReceived > 0)?.fileTotal).toBe(pack.bytes(MODEL).length)
  })

  it('skips files already present with the right hash and replaces a wrong one', async () => {
    const dest = join(tempDir('dest'), 'tiny-pack')
    await provisionPack(pack.entry, { destDir: dest, mirror: server.mirror })
    writeFileSync(join(dest, 'tokenizer.json'), 'tampered')
    server.requests.length = 0

    const again = await provisionPack(pack.entry, { destDir: dest, mirror: server.mirror })
    expect(again.files.map((f) => f.outcome)).toEqual(['present', 'downloaded', 'present'])
    expect(server.requests.map((r) => r.path)).toEqual(['tokenizer.json'])
    expect(readFileSync(join(dest, 'tokenizer.json')).equals(pack.bytes('tokenizer.json'))).toBe(true)
  })

  it('resumes a .part file with an HTTP Range request', async () => {
    const dest = join(tempDir('dest'), 'tiny-pack')
    const model = pack.bytes(MODEL)
    mkdirSync(join(dest, 'onnx'), { recursive: true })
    writeFileSync(join(dest, `${MODEL}.part`), model.subarray(0, 100_000))

    const result = await provisionPack(pack.entry, { destDir: dest, mirror: server.mirror })
    const modelRequest = server.requests.find((r) => r.path === MODEL)
    expect(modelRequest).toMatchObject({ range: 'bytes=100000-', status: 206, bytesSent: model.length - 100_000 })
    expect(result.files[0]).toEqual({ path: MODEL, outcome: 'resumed', bytes: model.length })
    expect(readFileSync(join(dest, MODEL)).equals(model)).toBe(true)
    expect(existsSync(join(dest, `${MODEL}.part`))).toBe(false)
  })

  it('downloads afresh when a resumed file does not match (stale .part)', async () => {
    const dest = join(tempDir('dest'), 'tiny-pack')
    mkdirSync(join(dest, 'onnx'), { recursive: true })
    writeFileSync(join(dest, `${MODEL}.part`), Buffer.alloc(100_000, 3))

    const result = await provisionPack(pack.entry, { destDir: dest, mirror: server.mirror })
    const modelRequests = server.requests.filter((r) => r.path === MODEL)
    expect(modelRequests.map((r) => [r.status, r.range])).toEqual([
      [206, 'bytes=100000-'],
      [200, undefined]
    ])
    expect(result.files[0].outcome).toBe('downloaded')
    expect(readFileSync(join(dest, MODEL)).equals(pack.bytes(MODEL))).toBe(true)
  })

  it('restarts cleanly when the server ignores Range', async () => {
    server.behaviour.honourRange = false
    const dest = join(tempDir('dest'), 'tiny-pack')
    mkdirSync(join(dest, 'onnx'), { recursive: true })
    writeFileSync(join(dest, `${MODEL}.part`), Buffer.alloc(50_000, 7)) // bytes that must not survive

    const result = await provisionPack(pack.entry, { destDir: dest, mirror: server.mirror })
    expect(server.requests.find((r) => r.path === MODEL)).toMatchObject({ range: 'bytes=50000-', status: 200 })
    expect(result.files[0].outcome).toBe('downloaded')
    expect(readFileSync(join(dest, MODEL)).equals(pack.bytes(MODEL))).toBe(true)
  })

  it('starts over when the .part is longer than the file (HTTP 416)', async () => {
    const dest = join(tempDir('dest'), 'tiny-pack')
    mkdirSync(join(dest, 'onnx'), { recursive: true })
    writeFileSync(join(dest, `${MODEL}.part`), Buffer.alloc(400_000, 1))

    const result = await provisionPack(pack.entry, { destDir: dest, mirror: server.mirror })
    const modelRequests = server.requests.filter((r) => r.path === MODEL)
    expect(modelRequests.map((r) => [r.status, r.range])).toEqual([
      [416, 'bytes=400000-'],
      [200, undefined]
    ])
    expect(result.files[0].outcome).toBe('downloaded')
    expect(readFileSync(join(dest, MODEL)).equals(pack.bytes(MODEL))).toBe(true)
  })

  it('deletes a download whose sha256 does not match and names the file and both hashes', async () => {
    server.behaviour.corrupt.add('tokenizer.json')
    const dest = join(tempDir('dest'), 'tiny-pack')
    const corrupted = Buffer.from(pack.bytes('tokenizer.json'))
    corrupted[0] ^= 0xff

    const error = await rejection(provisionPack(pack.entry, { destDir: dest, mirror: server.mirror }))
    expect(error.reason).toBe('checksum')
    expect(error.code).toBe('MODEL_INVALID')
    expect(error.file).toBe('tokenizer.json')
    expect(error.message).toContain('tokenizer.json')
    expect(error.message).toContain(pack.entry.files[1].sha256)
    expect(error.message).toContain(sha256(corrupted))
    expect(listFiles(dest)).toEqual([MODEL]) // the model before it stays; nothing for the bad file, no manifest
  })

  it('keeps the .part for a later resume when the server fails (HTTP 503)', async () => {
    server.behaviour.failWith = 503
    const dest = join(tempDir('dest'), 'tiny-pack')
    mkdirSync(join(dest, 'onnx'), { recursive: true })
    writeFileSync(join(dest, `${MODEL}.part`), pack.bytes(MODEL).subarray(0, 10_000))

    const error = await rejection(provisionPack(pack.entry, { destDir: dest, mirror: server.mirror }))
    expect(error.reason).toBe('http')
    expect(error.message).toContain('HTTP 503')
    expect(server.requests).toHaveLength(1)
    expect(statSync(join(dest, `${MODEL}.part`)).size).toBe(10_000)
  })

  it('names the file when the mirror does not have it (HTTP 404)', async () => {
    const entry = { ...pack.entry, files: [...pack.entry.files, { path: 'missing.json', sha256: 'a'.repeat(64) }] }
    const dest = join(tempDir('dest'), 'tiny-pack')
    const error = await rejection(provisionPack(entry, { destDir: dest, mirror: server.mirror }))
    expect(error.reason).toBe('http')
    expect(error.file).toBe('missing.json')
    expect(error.message).toMatch(/missing\.json.*404/)
    expect(existsSync(join(dest, PACK_MANIFEST_FILE))).toBe(false)
  })

  it('fails with one clear sentence when the host is unreachable, leaving no files', async () => {
    const dest = join(tempDir('dest'), 'tiny-pack')
    const port = await closedPort()
    const error = await rejection(provisionPack(pack.entry, { destDir: dest, mirror: `http://127.0.0.1:${port}` }))
    expect(error.reason).toBe('unreachable')
    expect(error.code).toBe('MODEL_MISSING')
    expect(error.message).toBe(`Cannot reach 127.0.0.1:${port} to download the model: the connection was refused (ECONNREFUSED).`)
    expect(listFiles(dest)).toEqual([])
  })

  it('rejects a mirror that is not an http(s) URL before any request', async () => {
    const error = await rejection(provisionPack(pack.entry, { destDir: tempDir('dest'), mirror: 'ftp://mirror.example' }))
    expect(error.reason).toBe('invalid-setting')
    expect(error.message).toContain('ftp://mirror.example')
  })

  it('cancels through an AbortSignal, keeps the .part, and a later run resumes it', async () => {
    server.behaviour.stallAfterBytes = 64 * 1024
    const dest = join(tempDir('dest'), 'tiny-pack')
    const controller = new AbortController()
    const part = join(dest, `${MODEL}.part`)
    // Cancel once the served bytes are on disk (the server then stalls, so nothing else arrives).
    const abortWhenWritten = () => (existsSync(part) && statSync(part).size === 64 * 1024 ? controller.abort() : setTimeout(abortWhenWritten, 5))
    const onProgress = (p: ProvisionProgress) => {
      if (p.fileReceived === 64 * 1024) abortWhenWritten()
    }
    const error = await rejection(provisionPack(pack.entry, { destDir: dest, mirror: server.mirror, signal: controller.signal, onProgress }))
    expect(error.reason).toBe('cancelled')
    expect(error.code).toBe('CANCELLED')
    expect(existsSync(join(dest, MODEL))).toBe(false)
    const partSize = statSync(part).size
    expect(partSize).toBe(64 * 1024)

    server.behaviour.stallAfterBytes = undefined
    const result = await provisionPack(pack.entry, { destDir: dest, mirror: server.mirror })
    expect(result.files[0].outcome).toBe('resumed')
    expect(server.requests[server.requests.length - 3].range).toBe(`bytes=${partSize}-`)
    expect(readFileSync(join(dest, MODEL)).equals(pack.bytes(MODEL))).toBe(true)
  })

  it('does nothing when the signal is already aborted', async () => {
    const dest = join(tempDir('dest'), 'tiny-pack')
    const error = await rejection(provisionPack(pack.entry, { destDir: dest, mirror: server.mirror, signal: AbortSignal.abort() }))
    expect(error.reason).toBe('cancelled')
    expect(server.requests).toEqual([])
  })

  it('gives up on a stalled download with a timeout error and keeps the .part', async () => {
    server.behaviour.stallAfterBytes = 32 * 1024
    const dest = join(tempDir('dest'), 'tiny-pack')
    const error = await rejection(provisionPack(pack.entry, { destDir: dest, mirror: server.mirror, stallTimeoutMs: 300 }))
    expect(error.reason).toBe('timeout')
    expect(error.file).toBe(MODEL)
    expect(error.message).toContain('run again to resume')
    expect(statSync(join(dest, `${MODEL}.part`)).size).toBe(32 * 1024)
  })
})

describe('provisionPack against a server that never answers', () => {
  it('gives up after the response timeout with a clear message', async () => {
    const silent = createServer(() => undefined) // accepts the request, never responds
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as AddressInfo
    try {
      const dest = join(tempDir('dest'), 'tiny-pack')
      const error = await rejection(provisionPack(pack.entry, { destDir: dest, mirror: `http://127.0.0.1:${port}`, responseTimeoutMs: 200 }))
      expect(error.reason).toBe('timeout')
      expect(error.message).toBe(`127.0.0.1:${port} did not answer within 0.2 s when asked for ${MODEL}.`)
      expect(listFiles(dest)).toEqual([])
    } finally {
      silent.closeAllConnections()
      silent.close()
    }
  })
})

describe('provisionPack from a local folder', () => {
  it('copies and verifies files from a folder in repo layout', async () => {
    const dest = join(tempDir('dest'), 'tiny-pack')
    const result = await provisionPack(pack.entry, { destDir: dest, localSource: pack.dir })
    expect(result.files.map((f) => f.outcome)).toEqual(['copied', 'copied', 'copied'])
    expect(readFileSync(join(dest, MODEL)).equals(pack.bytes(MODEL))).toBe(true)
    expect(existsSync(join(dest, PACK_MANIFEST_FILE))).toBe(true)
  })

  it('accepts a flat folder (model file not under onnx/)', async () => {
    const flat = tempDir('flat')
    for (const file of pack.entry.files) writeFileSync(join(flat, file.path.split('/').pop()!), pack.bytes(file.path))
    const dest = join(tempDir('dest'), 'tiny-pack')
    const result = await provisionPack(pack.entry, { destDir: dest, localSource: flat })
    expect(result.files.map((f) => f.outcome)).toEqual(['copied', 'copied', 'copied'])
    expect(readFileSync(join(dest, MODEL)).equals(pack.bytes(MODEL))).toBe(true)
  })

  it('rejects a corrupted local file: clear error naming it, nothing under the final name, no .part', async () => {
    const flat = tempDir('flat')
    for (const file of pack.entry.files) writeFileSync(join(flat, file.path.split('/').pop()!), pack.bytes(file.path))
    const corrupted = Buffer.from(pack.bytes(MODEL))
    corrupted[1234] ^= 0x01
    writeFileSync(join(flat, 'model.onnx'), corrupted)
    const dest = join(tempDir('dest'), 'tiny-pack')

    const error = await rejection(provisionPack(pack.entry, { destDir: dest, localSource: flat }))
    expect(error.reason).toBe('checksum')
    expect(error.file).toBe(MODEL)
    expect(error.message).toBe(
      `${join(flat, 'model.onnx')} (for ${MODEL}) is corrupt or the wrong version: expected sha256 ${sha256(pack.bytes(MODEL))}, got ${sha256(corrupted)}; it was not installed.`
    )
    expect(existsSync(join(dest, MODEL))).toBe(false)
    expect(existsSync(join(dest, `${MODEL}.part`))).toBe(false)
    expect(existsSync(join(dest, PACK_MANIFEST_FILE))).toBe(false)
  })

  it('names the missing file and where it looked', async () => {
    const partial = tempDir('partial')
    writeFileSync(join(partial, 'model.onnx'), pack.bytes(MODEL))
    const error = await rejection(provisionPack(pack.entry, { destDir: join(tempDir('dest'), 'p'), localSource: partial }))
    expect(error.reason).toBe('source-missing')
    expect(error.file).toBe('tokenizer.json')
    expect(error.message).toContain(join(partial, 'tokenizer.json'))
  })

  it('rejects a local source folder that does not exist', async () => {
    const error = await rejection(provisionPack(pack.entry, { destDir: tempDir('dest'), localSource: join(tempDir('x'), 'nope') }))
    expect(error.reason).toBe('invalid-setting')
  })
})
