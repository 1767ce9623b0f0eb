// The local HTTP API on Node's http: 127.0.0.1 only, bearer token, Host/Origin checks, size and rate limits, JSON answers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { toErrorData } from '../../error-codes'
import type { DoorBackend } from '../backend'
import { doorOperations } from '../operations'
import { DEFAULT_RATE, TokenBucket, type RateLimit } from './limits'
import { openApiDocument } from './openapi'
import { inputFromQuery, matchRoute } from './routes'
import { hasBearerToken } from './token'

export const DEFAULT_PORT = 47470
const HOST = '127.0.0.1'
/** Longest request target accepted (a search query is at most 2,000 characters, percent-encoded up to three times that). */
export const MAX_URL_CHARS = 8192
/** Header block limit (Node answers 431 above it). */
const MAX_HEADER_BYTES = 16 * 1024
const MAX_IN_FLIGHT = 16

export interface HttpDoorOptions {
  backend: DoorBackend
  token: string
  /** 0 picks a free port (tests). */
  port?: number
  /** Origins (scheme://host[:port]) a browser page may call from, with CORS; none by default. */
  allowedOrigins?: string[]
  rate?: RateLimit
  version: string
}

export interface HttpDoor {
  readonly port: number
  readonly url: string
  close(): Promise<void>
}

const STATUS_OF: Record<string, number> = { INVALID_PAYLOAD: 400, PATH_OUTSIDE_ROOTS: 403, NOT_FOUND: 404, ENGINE_UNAVAILABLE: 503, MODEL_MISSING: 503, MODEL_INVALID: 503 }
/** Path errors are answered without echoing the path (an id decodes to one). */
const FIXED_MESSAGES: Record<string, string> = {
  PATH_OUTSIDE_ROOTS: 'This note is not inside an indexed folder.',
  NOT_FOUND: 'No such note.',
  INTERNAL: 'Internal error; the server log has the details.'
}

/** Starts the server on 127.0.0.1; resolves once it listens (rejects with EADDRINUSE and the like). */
export async function startHttpDoor(options: HttpDoorOptions): Promise<HttpDoor> {
  const ops = doorOperations(options.backend)
  const bucket = new TokenBucket(options.rate ?? DEFAULT_RATE)
  const allowedOrigins = new Set(options.allowedOrigins ?? [])
  let inFlight = 0
  let port = options.port ?? DEFAULT_PORT
  const hosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`])

  const server: Server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 15_000, headersTimeout: 10_000 }, (request, response) => {
    void handle(request, response).catch((error: unknown) => {
      console.error(`semnote serve: ${(error as Error).stack ?? String(error)}`)
      if (!response.headersSent) send(response, 500, { error: { code: 'INTERNAL', message: FIXED_MESSAGES.INTERNAL! } })
      else response.destroy()
    })
  })
  server.keepAliveTimeout = 5_000
  // Malformed HTTP never reaches the handler: answer 400 and close.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy()
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request'
    const body = JSON.stringify({ error: { code: 'INVALID_PAYLOAD', message: `Malformed HTTP request (${error.code ?? 'parse error'}).` } })
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const refuse = (status: number, code: string, message: string, headers: Record<string, string> = {}) => send(response, status, { error: { code, message } }, headers)
    // Checked in this order, so nothing is parsed, counted or read for a request that is refused earlier.
    if ((request.url ?? '').length > MAX_URL_CHARS) return refuse(414, 'INVALID_PAYLOAD', `The request URL is longer than ${MAX_URL_CHARS} characters.`)
    if (!hosts().has((request.headers.host ?? '').toLowerCase())) return refuse(403, 'FORBIDDEN_SENDER', 'Host not allowed: use 127.0.0.1 or localhost with this port.')
    const origin = request.headers.origin
    if (origin !== undefined && !allowedOrigins.has(origin)) return refuse(403, 'FORBIDDEN_SENDER', 'Cross-origin requests are not allowed (see --allow-origin).')
    const cors: Record<string, string> = origin !== undefined ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {}
    if (hasBody(request)) return refuse(413, 'INVALID_PAYLOAD', 'This API takes no request body.', { Connection: 'close', ...cors })
    if (request.method === 'OPTIONS' && origin !== undefined) {
      return send(response, 204, null, { ...cors, 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Allow-Headers': 'Authorization', 'Access-Control-Max-Age': '600' })
    }
    if (request.method !== 'GET') return refuse(405, 'INVALID_PAYLOAD', 'Only GET is supported.', { Allow: 'GET', ...cors })
    if (!bucket.take()) return refuse(429, 'ENGINE_UNAVAILABLE', 'Too many requests; slow down.', { 'Retry-After': String(bucket.retryAfterSeconds), ...cors })
    if (!hasBearerToken(request.headers.authorization, options.token)) {
      return refuse(401, 'FORBIDDEN_SENDER', 'A valid bearer token is required (Authorization: Bearer <the token in the data folder\'s api-token file>).', { 'WWW-Authenticate': 'Bearer realm="semnote"', ...cors })
    }
    if (inFlight >= MAX_IN_FLIGHT) return refuse(503, 'ENGINE_UNAVAILABLE', 'Too many requests in flight; retry shortly.', { 'Retry-After': '1', ...cors })
    inFlight++
    try {
      const url = new URL(request.url ?? '/', `http://${HOST}:${port}`)
      if (url.pathname === '/v1/openapi.json') return send(response, 200, openApiDocument(`http://${HOST}:${port}`, options.version), cors)
      const matched = matchRoute(url.pathname)
      if (!matched) return refuse(404, 'NOT_FOUND', 'No such endpoint; see /v1/openapi.json.', cors)
      const value = await matched.route.run(ops, inputFromQuery(matched.route, url.searchParams), matched.id)
      return send(response, 200, value, cors)
    } catch (error) {
      const { code, message } = toErrorData(error)
      if (code === 'INTERNAL') console.error(`semnote serve: ${message}`)
      return refuse(STATUS_OF[code] ?? 500, code, FIXED_MESSAGES[code] ?? message, cors)
    } finally {
      inFlight--
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  return {
    port,
    url: `http://${HOST}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/** A request that announces a body (GET requests have none here). */
function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length']
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === null ? '' : JSON.stringify(body)
  response.writeHead(status, {
    ...(body === null ? {} : { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) }),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers
  })
  response.end(text)
  if (headers.Connection === 'close') response.once('finish', () => response.socket?.destroy())
}
