// Fixture pack files in a temp dir, their catalog entry, and a real node:http server serving them like a Hugging Face mirror.
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { CatalogEntry } from '../../src/main/engine/model/catalog'

export const FIXTURE_REPO = 'test-owner/tiny-pack'
export const FIXTURE_REVISION = '0123456789abcdef0123456789abcdef01234567'

export interface FixturePack {
  /** Files in repo layout (onnx/model.onnx, tokenizer.json, tokenizer_config.json). */
  dir: string
  entry: CatalogEntry
  bytes(path: string): Buffer
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

const createdDirs: string[] = []

/** A fresh temp folder, removed by `removeTempDirs`. */
export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `semnote-${label}-`))
  createdDirs.push(dir)
  return dir
}

/** Deletes every folder `tempDir` made in this test file. */
export function removeTempDirs(): void {
  for (const dir of createdDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** Writes random fixture files (the "model" is 300 kB so downloads span many chunks) and the matching entry. */
export function makeFixturePack(): FixturePack {
  const dir = tempDir('fixture-pack')
  const contents: Record<string, Buffer> = {
    'onnx/model.onnx': randomBytes(300_000),
    'tokenizer.json': Buffer.from(JSON.stringify({ version: '1.0', model: { type: 'WordLevel', vocab: { a: 0 } }, nonce: randomBytes(8).toString('hex') })),
    'tokenizer_config.json': Buffer.from(JSON.stringify({ model_max_length: 128 }))
  }
  for (const [path, data] of Object.entries(contents)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), data)
  }
  const entry: CatalogEntry = {
    repo: FIXTURE_REPO,
    revision: FIXTURE_REVISION,
    files: Object.entries(contents).map(([path, data]) => ({ path, sha256: sha256(data) })),
    manifest: {
      id: 'tiny-pack',
      name: 'Tiny fixture pack',
      dimension: 8,
      pooling: 'mean',
      normalize: true,
      queryPrefix: 'query: ',
      passagePrefix: 'passage: ',
      maxTokens: 128,
      model: 'onnx/model.onnx',
      tokenizer: { type: 'huggingface', file: 'tokenizer.json', config: 'tokenizer_config.json' }
    }
  }
  return { dir, entry, bytes: (path) => readFileSync(join(dir, path)) }
}

export interface ServedRequest {
  path: string
  range: string | undefined
  status: number
  bytesSent: number
}

export interface ServerBehaviour {
  /** Answer Range requests with 206 (default true); false answers 200 with the whole file. */
  honourRange: boolean
  /** Send this many body bytes, then stall forever (for cancellation and timeouts). */
  stallAfterBytes?: number
  /** Paths served with one byte flipped. */
  corrupt: Set<string>
  /** Answer every request with this error status. */
  failWith?: number
}

export interface FixtureServer {
  /** Base URL to use as the mirror, e.g. http://127.0.0.1:40123/hf */
  mirror: string
  requests: ServedRequest[]
  behaviour: ServerBehaviour
  close(): Promise<void>
}

const CHUNK = 16 * 1024

/** Serves `<mirror>/<repo>/resolve/<revision>/<path>` from the fixture dir, in 16 kB chunks. */
export async function startFixtureServer(pack: FixturePack): Promise<FixtureServer> {
  const behaviour: ServerBehaviour = { honourRange: true, corrupt: new Set() }
  const requests: ServedRequest[] = []
  const prefix = `/hf/${pack.entry.repo}/resolve/${pack.entry.revision}/`
  const server: Server = createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? '')
    const range = req.headers.range
    const record: ServedRequest = { path: url.slice(prefix.length), range, status: 404, bytesSent: 0 }
    requests.push(record)
    if (!url.startsWith(prefix) || !pack.entry.files.some((f) => f.path === record.path)) {
      res.writeHead(404).end('not found')
      return
    }
    if (behaviour.failWith !== undefined) {
      record.status = behaviour.failWith
      res.writeHead(behaviour.failWith).end('server error')
      return
    }
    let data = pack.bytes(record.path)
    if (behaviour.corrupt.has(record.path)) {
      data = Buffer.from(data)
      data[0] ^= 0xff
    }
    let start = 0
    const rangeMatch = /^bytes=(\d+)-$/.exec(range ?? '')
    if (behaviour.honourRange && rangeMatch) {
      start = Number(rangeMatch[1])
      if (start >= data.length) {
        record.status = 416
        res.writeHead(416, { 'content-range': `bytes */${data.length}` }).end()
        return
      }
      record.status = 206
      res.writeHead(206, { 'content-length': data.length - start, 'content-range': `bytes ${start}-${data.length - 1}/${data.length}` })
    } else {
      record.status = 200
      res.writeHead(200, { 'content-length': data.length, 'accept-ranges': behaviour.honourRange ? 'bytes' : 'none' })
    }
    const body = data.subarray(start)
    const limit = behaviour.stallAfterBytes === undefined ? body.length : Math.min(body.length, behaviour.stallAfterBytes)
    let offset = 0
    const writeMore = (): void => {
      while (offset < limit) {
        const chunk = body.subarray(offset, Math.min(offset + CHUNK, limit))
        offset += chunk.length
        record.bytesSent += chunk.length
        if (!res.write(chunk)) {
          res.once('drain', writeMore)
          return
        }
      }
      if (limit === body.length) res.end()
      // else: stall with the connection open
    }
    writeMore()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    mirror: `http://127.0.0.1:${port}/hf`,
    requests,
    behaviour,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A 127.0.0.1 port with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
