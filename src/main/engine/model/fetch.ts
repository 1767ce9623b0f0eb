// Puts a catalog pack into a folder: resumable sha256-verified downloads (or verified copies from a local folder), then semnote-pack.json.
import { createHash, type Hash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import type { Dispatcher, Response } from 'undici'
import { SemnoteError, type ErrorCode } from '../../../shared/errors'
import { fileUrl, packManifestFor, type CatalogEntry, type CatalogFile } from './catalog'
import { PACK_MANIFEST_FILE, type PackManifest } from './manifest'

/** Why provisioning failed; `file` on the error names the pack file concerned when there is one. */
export type ProvisionFailure =
  | 'unreachable' // no connection to the host at all (offline, DNS, refused)
  | 'http' // the host answered with an error status
  | 'interrupted' // the connection dropped mid-download (the .part file is kept for resuming)
  | 'timeout' // no answer, or no data for too long
  | 'checksum' // the bytes do not match the pinned sha256 (nothing is kept)
  | 'source-missing' // the local source folder lacks a file
  | 'invalid-setting' // mirror URL or local folder unusable
  | 'cancelled'
  | 'io' // reading or writing local files failed

const ERROR_CODES: Record<ProvisionFailure, ErrorCode> = {
  unreachable: 'MODEL_MISSING',
  http: 'MODEL_MISSING',
  interrupted: 'MODEL_MISSING',
  timeout: 'MODEL_MISSING',
  checksum: 'MODEL_INVALID',
  'source-missing': 'MODEL_MISSING',
  'invalid-setting': 'MODEL_MISSING',
  cancelled: 'CANCELLED',
  io: 'MODEL_MISSING'
}

/** A provisioning failure with a one-sentence message fit to show a user. */
export class ProvisionError extends SemnoteError {
  readonly reason: ProvisionFailure
  readonly file: string | undefined

  constructor(reason: ProvisionFailure, message: string, file?: string) {
    super(ERROR_CODES[reason], message)
    this.name = 'ProvisionError'
    this.reason = reason
    this.file = file
  }
}

/** User settings for where the model comes from. */
export interface ProvisionSettings {
  /** HF_ENDPOINT-style base URL used instead of https://huggingface.co. */
  mirror?: string
  /** Folder holding the model files (repo layout or flat): copied and verified, never downloaded. */
  localSource?: string
  /** Do not fetch the model at all. */
  skip: boolean
}

/**
 * Reads the settings from the environment: SEMNOTE_MODEL_MIRROR (else HF_ENDPOINT), SEMNOTE_MODEL_SOURCE,
 * SEMNOTE_SKIP_MODEL_DOWNLOAD (1/true/yes).
 */
export function provisionSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ProvisionSettings {
  const value = (name: string) => env[name]?.trim() || undefined
  return {
    mirror: value('SEMNOTE_MODEL_MIRROR') ?? value('HF_ENDPOINT'),
    localSource: value('SEMNOTE_MODEL_SOURCE'),
    skip: /^(1|true|yes)$/i.test(value('SEMNOTE_SKIP_MODEL_DOWNLOAD') ?? '')
  }
}

/** Proxies for downloads ('' for none). Node's own fetch ignores proxy variables, so the model step reads them itself. */
export interface ProxySettings {
  httpsProxy: string
  httpProxy: string
  /** Comma-separated hosts (and .domains, *, host:port) reached directly. */
  noProxy: string
}

/**
 * Reads proxies as curl and npm take them: HTTPS_PROXY, HTTP_PROXY and NO_PROXY (or lower case), else npm's own
 * https-proxy, proxy and noproxy settings, which npm passes to install scripts. An https download without an HTTPS
 * proxy goes through the HTTP proxy.
 */
export function proxySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ProxySettings {
  const first = (...names: string[]) => names.map((name) => env[name]?.trim()).find((value) => value) ?? ''
  return {
    httpsProxy: first('HTTPS_PROXY', 'https_proxy', 'npm_config_https_proxy'),
    httpProxy: first('HTTP_PROXY', 'http_proxy', 'npm_config_proxy'),
    noProxy: first('NO_PROXY', 'no_proxy', 'npm_config_noproxy')
  }
}

/** Progress of one provisioning run; `received`/`total` are overall bytes (total grows as sizes become known). */
export interface ProvisionProgress {
  /** Path of the file being fetched, inside the pack. */
  file: string
  action: 'downloading' | 'copying'
  fileReceived: number
  /** Undefined when the server did not say. */
  fileTotal: number | undefined
  received: number
  total: number
}

export interface ProvisionOptions {
  /** The pack folder to fill, e.g. resources/models/multilingual-e5-small. */
  destDir: string
  /** HF_ENDPOINT-style base URL; default https://huggingface.co. */
  mirror?: string
  /** Copy and verify files from this folder instead of downloading. */
  localSource?: string
  /** Called for every chunk received; throttle on the receiving side if needed. */
  onProgress?: (progress: ProvisionProgress) => void
  signal?: AbortSignal
  /** Give up when a server has not answered a request within this time (default 20 s). */
  responseTimeoutMs?: number
  /** Give up when a download receives no data for this long (default 30 s); the .part file stays for resuming. */
  stallTimeoutMs?: number
  /** Proxies for the downloads (default: from the environment, see proxySettingsFromEnv). */
  proxy?: ProxySettings
}

/** What a download needs beyond the caller's options: the connection pool going through the proxies, and those proxies. */
interface DownloadContext {
  dispatcher: Dispatcher
  proxy: ProxySettings
}

export type FileOutcome = 'present' | 'downloaded' | 'resumed' | 'copied'

export interface ProvisionedFile {
  path: string
  outcome: FileOutcome
  bytes: number
}

export interface ProvisionResult {
  packDir: string
  manifestPath: string
  manifest: PackManifest
  files: ProvisionedFile[]
}

/**
 * Makes `options.destDir` a complete, verified pack for `entry`: files already present with the right
 * sha256 are kept, the others are downloaded (resuming `<file>.part`) or copied from `options.localSource`,
 * each renamed into place only once its sha256 matches; semnote-pack.json is written last.
 * Rejects with a ProvisionError.
 */
export async function provisionPack(entry: CatalogEntry, options: ProvisionOptions): Promise<ProvisionResult> {
  const manifest = packManifestFor(entry)
  const { destDir, signal } = options
  throwIfCancelled(signal)
  if (options.localSource === undefined) checkMirror(entry, options.mirror)
  else await checkLocalSource(options.localSource)

  const tracker = new ProgressTracker(entry.files, options.onProgress)
  const files: ProvisionedFile[] = []
  // Proxies matter only to downloads: a copy from a local folder is not held up by a bad proxy setting.
  const proxy = options.localSource === undefined ? checkedProxy(options.proxy ?? proxySettingsFromEnv()) : { httpsProxy: '', httpProxy: '', noProxy: '' }
  // undici is loaded only when a pack is provisioned: every search process would otherwise compile it (~0.2 s).
  const { EnvHttpProxyAgent } = await import('undici')
  const context: DownloadContext = { dispatcher: new EnvHttpProxyAgent(proxy), proxy }
  try {
    for (const file of entry.files) {
      throwIfCancelled(signal)
      const target = join(destDir, file.path)
      const presentBytes = await verifiedSize(target, file.sha256, signal)
      let result: ProvisionedFile
      if (presentBytes !== undefined) result = { path: file.path, outcome: 'present', bytes: presentBytes }
      else if (options.localSource !== undefined) result = await copyVerified(entry, file, options.localSource, target, tracker, signal)
      else result = await downloadVerified(fileUrl(entry, file.path, options.mirror), file, target, tracker, options, context)
      tracker.complete(file.path, result.bytes)
      files.push(result)
    }
  } finally {
    await context.dispatcher.destroy()
  }

  const manifestPath = join(destDir, PACK_MANIFEST_FILE)
  await guardIo(manifestPath, async () => {
    await writeFile(`${manifestPath}.part`, `${JSON.stringify(manifest, null, 2)}\n`)
    await rename(`${manifestPath}.part`, manifestPath)
  })
  return { packDir: destDir, manifestPath, manifest, files }
}

/** The proxies with a scheme added where missing (as curl does: "proxy:3128" is http://proxy:3128). */
function checkedProxy(proxy: ProxySettings): ProxySettings {
  const normalized = (value: string, name: string) => {
    if (value === '') return ''
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`
    const parsed = URL.canParse(url) ? new URL(url) : null
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.hostname === '') {
      throw new ProvisionError('invalid-setting', `The ${name} proxy "${shownProxy(value)}" is not an http(s) URL such as http://proxy.example:3128.`)
    }
    return url
  }
  return { httpsProxy: normalized(proxy.httpsProxy, 'HTTPS'), httpProxy: normalized(proxy.httpProxy, 'HTTP'), noProxy: proxy.noProxy }
}

/** A proxy URL without user name and password. */
function shownProxy(proxy: string): string {
  return proxy.replace(/\/\/[^/@]*@/, '//')
}

function checkMirror(entry: CatalogEntry, mirror: string | undefined): void {
  try {
    fileUrl(entry, entry.files[0].path, mirror)
  } catch (error) {
    throw new ProvisionError('invalid-setting', (error as Error).message)
  }
}

async function checkLocalSource(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined)
  if (!info?.isDirectory()) throw new ProvisionError('invalid-setting', `The local model folder ${dir} does not exist or is not a folder.`)
}

/** Sums known sizes so the overall total is known as early as possible. */
class ProgressTracker {
  private readonly sizes = new Map<string, number>()
  private doneBytes = 0

  constructor(
    files: CatalogFile[],
    private readonly onProgress: ((progress: ProvisionProgress) => void) | undefined
  ) {
    for (const file of files) this.sizes.set(file.path, file.size ?? 0)
  }

  setSize(path: string, size: number | undefined): void {
    if (size !== undefined) this.sizes.set(path, size)
  }

  complete(path: string, bytes: number): void {
    this.sizes.set(path, bytes)
    this.doneBytes += bytes
  }

  report(file: string, action: ProvisionProgress['action'], fileReceived: number, fileTotal: number | undefined): void {
    if (!this.onProgress) return
    const received = this.doneBytes + fileReceived
    let total = 0
    for (const size of this.sizes.values()) total += size
    this.onProgress({ file, action, fileReceived, fileTotal, received, total: Math.max(total, received) })
  }
}

/** Size of `path` when it exists and hashes to `sha256`, else undefined. */
async function verifiedSize(path: string, sha256: string, signal: AbortSignal | undefined): Promise<number | undefined> {
  const info = await stat(path).catch(() => undefined)
  if (!info?.isFile()) return undefined
  const hash = createHash('sha256')
  await guardIo(path, () => hashFileInto(path, hash, signal))
  return hash.digest('hex') === sha256 ? info.size : undefined
}

async function hashFileInto(path: string, hash: Hash, signal: AbortSignal | undefined): Promise<void> {
  for await (const chunk of createReadStream(path, { signal })) hash.update(chunk as Buffer)
}

/** Candidate places for a file in a local source folder: repo layout, flat, or `<owner>/<name>/` inside it. */
function localCandidates(entry: CatalogEntry, sourceDir: string, filePath: string): string[] {
  return [...new Set([join(sourceDir, filePath), join(sourceDir, basename(filePath)), join(sourceDir, entry.repo, filePath)])]
}

async function copyVerified(
  entry: CatalogEntry,
  file: CatalogFile,
  sourceDir: string,
  target: string,
  tracker: ProgressTracker,
  signal: AbortSignal | undefined
): Promise<ProvisionedFile> {
  const candidates = localCandidates(entry, sourceDir, file.path)
  let source: string | undefined
  let size = 0
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined)
    if (info?.isFile()) {
      source = candidate
      size = info.size
      break
    }
  }
  if (source === undefined) {
    throw new ProvisionError('source-missing', `The local model folder ${sourceDir} has no ${file.path} (looked for ${candidates.join(', ')}).`, file.path)
  }
  tracker.setSize(file.path, size)
  const part = `${target}.part`
  await makeParentDir(target)
  const hash = createHash('sha256')
  let copied = 0
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      copied += chunk.length
      tracker.report(file.path, 'copying', copied, size)
      done(null, chunk)
    }
  })
  try {
    await pipeline(createReadStream(source), meter, createWriteStream(part), { signal })
  } catch (error) {
    await rm(part, { force: true })
    if (signal?.aborted) throw cancelled()
    throw new ProvisionError('io', `Could not copy ${source} to ${target}: ${(error as Error).message}.`, file.path)
  }
  await acceptIfMatching(part, target, file, hash.digest('hex'), `${source} (for ${file.path})`)
  return { path: file.path, outcome: 'copied', bytes: copied }
}

/** Renames `part` to `target` when `actual` is the pinned hash; otherwise deletes `part` and throws. */
async function acceptIfMatching(part: string, target: string, file: CatalogFile, actual: string, described: string): Promise<void> {
  if (actual !== file.sha256) {
    await rm(part, { force: true })
    throw new ProvisionError(
      'checksum',
      `${described} is corrupt or the wrong version: expected sha256 ${file.sha256}, got ${actual}; it was not installed.`,
      file.path
    )
  }
  await guardIo(target, () => rename(part, target))
}

/** Aborts its signal when not reset in time; tells whether it fired. */
class Watchdog {
  private readonly controller = new AbortController()
  private timer: NodeJS.Timeout
  fired = false

  constructor(private ms: number) {
    this.timer = setTimeout(() => this.fire(), ms)
  }

  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** Restarts the countdown, optionally with a new duration. */
  reset(ms = this.ms): void {
    if (ms === this.ms) {
      this.timer.refresh()
      return
    }
    this.ms = ms
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.fire(), ms)
  }

  stop(): void {
    clearTimeout(this.timer)
  }

  private fire(): void {
    this.fired = true
    this.controller.abort(new Error('timed out'))
  }
}

async function downloadVerified(
  url: string,
  file: CatalogFile,
  target: string,
  tracker: ProgressTracker,
  options: ProvisionOptions,
  context: DownloadContext
): Promise<ProvisionedFile> {
  const host = new URL(url).host
  const responseTimeoutMs = options.responseTimeoutMs ?? 20_000
  const stallTimeoutMs = options.stallTimeoutMs ?? 30_000
  const watchdog = new Watchdog(responseTimeoutMs)
  const signal = options.signal ? AbortSignal.any([options.signal, watchdog.signal]) : watchdog.signal
  const part = `${target}.part`
  let streaming = false
  try {
    let offset = (await stat(part).catch(() => undefined))?.size ?? 0
    let response = await request(url, offset, signal, context.dispatcher)
    if (offset > 0 && (response.status === 416 || (response.status === 206 && rangeStart(response) !== offset))) {
      // The .part cannot be continued (longer than the file, or a range we did not ask for): start over cleanly.
      await response.body?.cancel()
      await rm(part, { force: true })
      offset = 0
      response = await request(url, 0, signal, context.dispatcher)
    }
    if (response.status === 200) offset = 0 // the server ignored Range: restart from zero
    else if (!(response.status === 206 && offset > 0)) {
      await response.body?.cancel()
      throw new ProvisionError('http', httpFailure(response.status, host, file.path, url), file.path)
    }
    if (!response.body) throw new ProvisionError('http', `${host} sent no data for ${file.path} (${url}).`, file.path)
    await makeParentDir(target)

    const fileTotal = response.status === 206 ? rangeTotal(response) : contentLength(response)
    tracker.setSize(file.path, fileTotal)
    const hash = createHash('sha256')
    if (offset > 0) await hashFileInto(part, hash, signal)
    let received = offset
    tracker.report(file.path, 'downloading', received, fileTotal)
    watchdog.reset(stallTimeoutMs)
    streaming = true
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        watchdog.reset()
        hash.update(chunk)
        received += chunk.length
        tracker.report(file.path, 'downloading', received, fileTotal)
        done(null, chunk)
      }
    })
    const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>)
    await pipeline(body, meter, createWriteStream(part, { flags: offset > 0 ? 'a' : 'w' }), { signal })
    watchdog.stop()
    const actual = hash.digest('hex')
    if (actual !== file.sha256 && offset > 0) {
      // The old .part may hold bytes from elsewhere: one clean download before calling the file bad.
      await rm(part, { force: true })
      return await downloadVerified(url, file, target, tracker, options, context)
    }
    await acceptIfMatching(part, target, file, actual, `${file.path} as downloaded from ${host}`)
    return { path: file.path, outcome: offset > 0 ? 'resumed' : 'downloaded', bytes: received }
  } catch (error) {
    if (error instanceof ProvisionError) throw error
    if (options.signal?.aborted) throw cancelled()
    if (watchdog.fired) {
      const seconds = Math.round((streaming ? stallTimeoutMs : responseTimeoutMs) / 100) / 10
      throw new ProvisionError(
        'timeout',
        streaming
          ? `The download of ${file.path} from ${host} stalled (no data for ${seconds} s); run again to resume.`
          : `${host} did not answer within ${seconds} s when asked for ${file.path}.`,
        file.path
      )
    }
    // The proxy undici took for this URL's scheme (an https download falls back to the HTTP proxy).
    const proxy = url.startsWith('https:') ? context.proxy.httpsProxy || context.proxy.httpProxy : context.proxy.httpProxy
    throw networkOrIoFailure(error, host, file.path, target, streaming, shownProxy(proxy))
  } finally {
    watchdog.stop()
  }
}

async function request(url: string, offset: number, signal: AbortSignal, dispatcher: Dispatcher): Promise<Response> {
  const headers: Record<string, string> = { 'accept-encoding': 'identity', 'user-agent': 'semnote-model-fetch' }
  if (offset > 0) headers.range = `bytes=${offset}-`
  const { fetch } = await import('undici')
  return fetch(url, { headers, signal, redirect: 'follow', dispatcher })
}

/** First byte position of a 206 answer (`Content-Range: bytes <start>-<end>/<total>`). */
function rangeStart(response: Response): number | undefined {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '')
  return match ? Number(match[1]) : undefined
}

function rangeTotal(response: Response): number | undefined {
  const match = /^bytes \d+-\d+\/(\d+)$/.exec(response.headers.get('content-range') ?? '')
  return match ? Number(match[1]) : undefined
}

function contentLength(response: Response): number | undefined {
  const value = response.headers.get('content-length')
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined
}

function httpFailure(status: number, host: string, path: string, url: string): string {
  if (status === 404) return `${host} has no ${path} at this revision (HTTP 404 for ${url}); a mirror may not hold it yet.`
  if (status === 401 || status === 403) return `${host} refused access to ${path} (HTTP ${status} for ${url}).`
  if (status === 429) return `${host} is rate-limiting downloads (HTTP 429); try again later.`
  return `${host} answered HTTP ${status} for ${path} (${url}).`
}

const NETWORK_CAUSES: Record<string, string> = {
  ENOTFOUND: 'its name could not be resolved, so this computer looks offline or DNS is blocked',
  EAI_AGAIN: 'its name could not be resolved, so this computer looks offline or DNS is blocked',
  ECONNREFUSED: 'the connection was refused',
  ENETUNREACH: 'the network is unreachable, so this computer looks offline',
  EHOSTUNREACH: 'the host is unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset'
}

/** Turns a fetch/stream/fs error into a ProvisionError with one clear sentence. */
function networkOrIoFailure(error: unknown, host: string, path: string, target: string, streaming: boolean, proxy: string): ProvisionError {
  const err = error as NodeJS.ErrnoException & { cause?: { code?: string; message?: string } }
  if (err.syscall && !err.cause) {
    return new ProvisionError('io', `Could not write ${target}: ${err.message}.`, path)
  }
  const code = err.cause?.code ?? err.code ?? err.cause?.message ?? err.message
  if (streaming) {
    return new ProvisionError('interrupted', `The connection to ${host} dropped while downloading ${path} (${code}); run again to resume.`, path)
  }
  const why = NETWORK_CAUSES[code] ?? (code.includes('CERT') ? 'its TLS certificate is not trusted (behind an HTTPS-inspecting proxy, set NODE_EXTRA_CA_CERTS)' : 'the connection failed')
  const through = proxy ? `; proxy ${proxy}, unless NO_PROXY lists ${host}` : ''
  return new ProvisionError('unreachable', `Cannot reach ${host} to download the model: ${why} (${code}${through}).`, path)
}

async function makeParentDir(path: string): Promise<void> {
  await guardIo(dirname(path), () => mkdir(dirname(path), { recursive: true }))
}

async function guardIo<T>(path: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action()
  } catch (error) {
    if (error instanceof ProvisionError) throw error
    if ((error as Error).name === 'AbortError') throw cancelled()
    throw new ProvisionError('io', `Could not access ${path}: ${(error as Error).message}.`)
  }
}

function cancelled(): ProvisionError {
  return new ProvisionError('cancelled', 'The model download was cancelled.')
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled()
}
