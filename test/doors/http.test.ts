// The local HTTP API on a real read-only engine over the indexed samples: token, Host/Origin, limits, fuzzing, OpenAPI.
import { chmodSync, statSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DoorBackend } from '../../src/main/doors/backend'
import { startHttpDoor, type HttpDoor } from '../../src/main/doors/http/server'
import { ROUTES } from '../../src/main/doors/http/routes'
import { loadOrCreateToken, tokenPath } from '../../src/main/doors/http/token'
import { ReadOnlyEngine } from '../../src/main/doors/read-only-engine'
import { noteId } from '../../src/main/doors/wire'
import { tempFolders } from '../engine/helpers'
import { rng } from '../helpers/rng'
import { bundledModels, CANARY, indexSamples, type SampleIndex } from './fixtures'

const temp = tempFolders()
let index: SampleIndex
let engine: ReadOnlyEngine
let door: HttpDoor
let token: string
/** Engine calls made through the door (the real engine, observed): refused requests must add none. */
let engineCalls = 0

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  json: () => Record<string, unknown>
}

/** One request with full control over method, headers and body (fetch would fix Host and refuse some of these). */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string; auth?: string | null } = {}): Promise<Reply> {
  const headers: Record<string, string> = { Host: `127.0.0.1:${door.port}`, ...options.headers }
  if (options.auth !== null) headers.Authorization = options.auth ?? `Bearer ${token}`
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: door.port, path, method: options.method ?? 'GET', headers, setHost: false }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }))
    })
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

/** Raw bytes to the server; resolves with whatever it answers before closing. */
function sendRaw(bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(door.port, '127.0.0.1', () => socket.end(bytes))
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk) => (text += chunk))
    socket.on('close', () => resolve(text))
    socket.on('error', () => resolve(text))
  })
}

const errorOf = (reply: Reply) => reply.json().error as { code: string; message: string }
const search = (q: string, extra = '') => send(`/v1/search?q=${encodeURIComponent(q)}${extra}`)

beforeAll(async () => {
  index = await indexSamples(temp)
  token = await loadOrCreateToken(index.dataDir)
  engine = new ReadOnlyEngine({ dataDir: index.dataDir, modelDirs: [bundledModels], watch: false })
  const observed: DoorBackend = {
    call: (name, arg) => {
      engineCalls++
      return engine.call(name, arg)
    },
    indexer: () => engine.indexer()
  }
  door = await startHttpDoor({ backend: observed, token, port: 0, rate: { burst: 10_000, perSecond: 10_000 }, version: 'test' })
})

afterAll(async () => {
  await door?.close()
  await engine?.close()
  temp.cleanup()
})

describe('local HTTP API', () => {
  it('keeps a 256-bit token in the data folder, readable by its owner only', async () => {
    const path = tokenPath(index.dataDir)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(await loadOrCreateToken(index.dataDir)).toBe(token)
    chmodSync(path, 0o644)
    expect(await loadOrCreateToken(index.dataDir)).toBe(token)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const other = temp.make('token-damaged')
    writeFileSync(join(other, 'api-token'), 'not a token\n')
    const fresh = await loadOrCreateToken(other)
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(statSync(tokenPath(other)).mode & 0o777).toBe(0o600)
  })

  it('answers searches, related notes, the note list, a note and the status', async () => {
    const found = await search('loud music at night', '&limit=5')
    expect(found.status).toBe(200)
    expect(found.headers['content-type']).toBe('application/json; charset=utf-8')
    const hits = found.json().hits as { id: string; path: string; passage: string }[]
    expect(hits.slice(0, 3).map((h) => h.path)).toEqual(expect.arrayContaining([join(index.notes, '夜の騒音.md'), join(index.notes, '楼上太吵.md')]))
    const chinese = hits.find((h) => h.path.endsWith('楼上太吵.md'))!
    const note = await send(`/v1/notes/${chinese.id}`)
    expect(note.status).toBe(200)
    expect(note.json()).toMatchObject({ path: chinese.path, nextOffset: null })
    expect(note.json().text).toContain('晚上音乐很吵')
    const related = await send(`/v1/related?id=${chinese.id}&limit=3`)
    expect(related.status).toBe(200)
    expect((related.json().hits as unknown[]).length).toBeGreaterThan(0)
    const list = await send('/v1/notes?limit=5')
    expect(list.json()).toMatchObject({ total: 11, offset: 0 })
    expect((list.json().notes as unknown[]).length).toBe(5)
    const status = await send('/v1/status')
    expect(status.json()).toMatchObject({ files: 11, updatedBy: 'nobody' })
    const keyword = await search('京都', '&mode=keyword&ext=md&after=2000-01-01')
    expect((keyword.json().hits as { path: string }[])[0]!.path).toBe(join(index.notes, '京都旅行.md'))
  })

  it('refuses a missing or wrong token with 401 before anything is read', async () => {
    const before = engineCalls
    for (const auth of [null, 'Bearer ', `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, `Basic ${token}`, `Bearer ${token} ${token}`, token]) {
      for (const path of ['/v1/search?q=music', `/v1/notes/${noteId(join(index.notes, 'houseplants.md'))}`, '/v1/status', '/v1/openapi.json', '/nope']) {
        const reply = await send(path, { auth })
        expect(reply.status, `${auth} ${path}`).toBe(401)
        expect(reply.headers['www-authenticate']).toBe('Bearer realm="semnote"')
        expect(reply.json().error).toMatchObject({ code: 'FORBIDDEN_SENDER' })
        expect(reply.text).not.toContain('houseplants')
      }
    }
    expect(engineCalls).toBe(before)
  })

  it('refuses foreign Host and Origin headers (DNS rebinding, web pages), with no CORS by default', async () => {
    const before = engineCalls
    for (const host of ['evil.example', `evil.example:${door.port}`, `127.0.0.1:${door.port + 1}`, `127.0.0.1.evil.example:${door.port}`, '']) {
      const reply = await send('/v1/status', { headers: { Host: host } })
      expect(reply.status, host).toBe(403)
      expect(reply.json().error).toMatchObject({ code: 'FORBIDDEN_SENDER', message: expect.stringMatching(/Host/) })
    }
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${door.port}`, 'http://localhost:3000']) {
      const reply = await send('/v1/status', { headers: { Origin: origin } })
      expect(reply.status, origin).toBe(403)
      expect(reply.headers['access-control-allow-origin']).toBeUndefined()
      const preflight = await send('/v1/status', { method: 'OPTIONS', auth: null, headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' } })
      expect(preflight.status).toBe(403)
    }
    expect(engineCalls).toBe(before)
    const local = await send('/v1/status', { headers: { Host: `localhost:${door.port}` } })
    expect(local.status).toBe(200)
    expect(local.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('allows a configured origin, with CORS for it alone', async () => {
    const allowing = await startHttpDoor({ backend: engine, token, port: 0, allowedOrigins: ['http://localhost:3000'], version: 'test' })
    try {
      const call = (origin: string, method = 'GET') =>
        fetch(`${allowing.url}/v1/status`, { method, headers: { Origin: origin, ...(method === 'GET' ? { Authorization: `Bearer ${token}` } : { 'Access-Control-Request-Method': 'GET' }) } })
      const ok = await call('http://localhost:3000')
      expect(ok.status).toBe(200)
      expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
      const preflight = await call('http://localhost:3000', 'OPTIONS')
      expect(preflight.status).toBe(204)
      expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization')
      expect((await call('http://localhost:3001')).status).toBe(403)
    } finally {
      await allowing.close()
    }
  })

  it('answers oversized and malformed requests with a 4xx and a message', async () => {
    const longQuery = await search('a'.repeat(2001))
    expect(longQuery.status).toBe(400)
    expect(longQuery.json().error).toMatchObject({ code: 'INVALID_PAYLOAD', message: expect.stringMatching(/query/) })
    const longUrl = await send(`/v1/search?q=${'a'.repeat(9000)}`)
    expect(longUrl.status).toBe(414)
    expect(errorOf(longUrl).message).toMatch(/longer than 8192/)
    const bigHeader = await sendRaw(`GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1:${door.port}\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`)
    expect(bigHeader).toMatch(/^HTTP\/1.1 431/)
    const body = await send('/v1/status', { method: 'GET', headers: { 'Content-Length': '5' }, body: 'hello' })
    expect(body.status).toBe(413)
    expect(errorOf(body).message).toMatch(/no request body/)
    const chunked = await send('/v1/status', { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' }, body: 'x'.repeat(100_000) })
    expect(chunked.status).toBe(413)
    expect((await send('/v1/status', { method: 'DELETE' })).status).toBe(405)

    const cases: [string, RegExp][] = [
      ['/v1/search', /"q" is required/],
      ['/v1/search?q=x&limit=abc', /limit/],
      ['/v1/search?q=x&limit=0', /limit/],
      ['/v1/search?q=x&mode=fuzzy', /mode/],
      ['/v1/search?q=x&q=y', /more than once/],
      ['/v1/search?q=x&after=yesterday', /modifiedAfter/],
      ['/v1/search?q=x&ext=.MD', /extensions/],
      ['/v1/search?q=x&debug=1', /unknown parameter "debug"/],
      ['/v1/search?q=x&mode=', /mode/],
      ['/v1/notes/not*an*id', /base64url/],
      [`/v1/notes/${Buffer.from('relative/path.md').toString('base64url')}`, /absolute/],
      [`/v1/notes/${noteId(join(index.notes, 'houseplants.md'))}?maxChars=100001`, /maxChars/],
      ['/v1/related', /./],
      [`/v1/related?id=${noteId(join(index.notes, 'houseplants.md'))}&path=/x`, /either id or path/]
    ]
    for (const [path, message] of cases) {
      const reply = await send(path)
      expect(reply.status, path).toBe(400)
      expect(errorOf(reply).message, path).toMatch(message)
    }
    expect((await send('/v2/search?q=x')).status).toBe(404)
    expect(await sendRaw('GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1.1 400/)
  })

  it('never reads a note outside the roots, however it is named', async () => {
    const outsideName = index.outside.split('/').pop()!
    const attempts = [index.secret, join(index.notes, 'shortcut.md'), `${index.notes}/../${outsideName}/secret.md`, '/etc/passwd', index.outside]
    for (const path of attempts) {
      for (const url of [`/v1/notes/${noteId(path)}`, `/v1/related?path=${encodeURIComponent(path)}`, `/v1/related?id=${noteId(path)}`]) {
        const reply = await send(url)
        expect(reply.status, url).toBe(403)
        expect(reply.json().error).toEqual({ code: 'PATH_OUTSIDE_ROOTS', message: 'This note is not inside an indexed folder.' })
      }
    }
    const folder = await search('secret', `&folder=${encodeURIComponent(index.outside)}`)
    expect(folder.status).toBe(200)
    expect(folder.json().hits).toEqual([])
  })

  it('limits the request rate with 429 and Retry-After', async () => {
    const slow = await startHttpDoor({ backend: engine, token, port: 0, rate: { burst: 5, perSecond: 1 }, version: 'test' })
    try {
      const statuses: number[] = []
      for (let i = 0; i < 8; i++) statuses.push((await fetch(`${slow.url}/v1/status`, { headers: { Authorization: `Bearer ${token}` } })).status)
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200])
      const limited = await fetch(`${slow.url}/v1/status`, { headers: { Authorization: `Bearer ${token}` } })
      expect(limited.status).toBe(429)
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    } finally {
      await slow.close()
    }
  })

  it('survives 600 random requests without crashing or leaking anything outside the roots', async () => {
    const random = rng(17)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
    const outsideName = index.outside.split('/').pop()!
    const hostilePaths = [index.secret, join(index.notes, 'shortcut.md'), `${index.notes}/../${outsideName}/secret.md`, '/etc/passwd', index.outside, '../../etc/passwd', 'C:\\Windows\\win.ini', '\0', '']
    const values = [
      ...hostilePaths,
      ...hostilePaths.map(noteId),
      join(index.notes, 'houseplants.md'),
      noteId(join(index.notes, '京都旅行.md')),
      'loud music',
      '晚上音乐很吵',
      '%00',
      '%ZZ',
      '-1',
      '1e309',
      '99999999999999',
      'keyword',
      'hybrid',
      '2024-02-30',
      'x'.repeat(3000),
      '__proto__',
      '{"$ne":null}',
      '<script>alert(1)</script>',
      '\u202e\u0000x'
    ]
    const names = ['q', 'mode', 'limit', 'offset', 'folder', 'ext', 'after', 'before', 'id', 'path', 'maxChars', '__proto__', 'constructor', 'Q']
    const bases = ['/v1/search', '/v1/related', '/v1/status', '/v1/notes', '/v1/openapi.json', '/v1/notes/', '/v1', '/', '/v1/../v1/status', '//v1/status', '/v1/notes/%2e%2e']
    const tally = new Map<number, number>()
    for (let i = 0; i < 600; i++) {
      let path = pick(bases)
      if (path === '/v1/notes/') path += random() < 0.5 ? encodeURIComponent(pick(values)) : pick(hostilePaths.map(noteId))
      const params = Array.from({ length: Math.floor(random() * 4) }, () => `${pick(names)}=${random() < 0.8 ? encodeURIComponent(pick(values)) : pick(values)}`)
      const url = params.length ? `${path}?${params.join('&')}` : path
      const roll = random()
      const headers: Record<string, string> = roll < 0.05 ? { Origin: 'http://evil.example' } : roll < 0.1 ? { Host: 'evil.example' } : {}
      const auth = random() < 0.1 ? `Bearer ${pick(values)}` : undefined
      let reply: Reply
      try {
        reply = await send(url, { headers, ...(auth ? { auth } : {}), method: random() < 0.05 ? pick(['POST', 'PUT', 'HEAD', 'OPTIONS']) : 'GET' })
      } catch (error) {
        // The client itself refuses some URLs (invalid characters): not a server answer.
        expect(String(error), url).toMatch(/Invalid|invalid|unescaped/)
        continue
      }
      tally.set(reply.status, (tally.get(reply.status) ?? 0) + 1)
      expect(reply.status, url).toBeLessThan(500)
      expect(reply.text, url).not.toContain(CANARY)
      expect(reply.text, url).not.toContain(index.secret)
      expect(reply.text, url).not.toContain('root:x:0:0')
      if (reply.status === 200 && reply.text) {
        for (const match of reply.text.matchAll(/"path":"([^"]+)"/g)) expect(match[1]!.startsWith(index.notes), url).toBe(true)
      }
    }
    expect([...tally.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(500)
    expect(tally.get(200) ?? 0).toBeGreaterThan(20)
    expect(tally.get(400) ?? 0).toBeGreaterThan(100)
    expect((await send('/v1/status')).status).toBe(200)
  })

  it('serves an OpenAPI 3.1 document generated from the schemas, structurally valid', async () => {
    const reply = await send('/v1/openapi.json')
    expect(reply.status).toBe(200)
    const doc = reply.json() as unknown as OpenApiDoc
    expect(openApiProblems(doc)).toEqual([])
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.servers[0]!.url).toBe(door.url)
    for (const route of ROUTES) expect(doc.paths[route.path]?.get, route.path).toBeDefined()
    const searchParams = doc.paths['/v1/search']!.get!.parameters!.map((p) => p.name)
    expect(searchParams).toEqual(['q', 'mode', 'limit', 'offset', 'folder', 'ext', 'after', 'before'])
    const limit = doc.paths['/v1/search']!.get!.parameters!.find((p) => p.name === 'limit')!
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 50 })
    // A real answer carries every property its schema requires.
    const hitSchema = (doc.components.schemas.SearchResult as JsonSchema).properties!.hits!.items!
    const hit = ((await search('sourdough')).json().hits as Record<string, unknown>[])[0]!
    for (const key of hitSchema.required ?? []) expect(hit, key).toHaveProperty(key)
  })
})

interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  required?: string[]
  $ref?: string
  [key: string]: unknown
}
interface Operation {
  operationId?: string
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[]
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>
}
interface OpenApiDoc {
  openapi: string
  info: { title: string; version: string }
  servers: { url: string }[]
  paths: Record<string, Record<string, Operation> & { get?: Operation }>
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, { type: string; scheme?: string }> }
  security: Record<string, string[]>[]
}

/** Checks the OpenAPI 3.1 shape the spec requires: the fields, operations, parameters, responses, refs and security. */
function openApiProblems(doc: OpenApiDoc): string[] {
  const problems: string[] = []
  if (!/^3\.1\.\d+$/.test(doc.openapi)) problems.push('openapi is not 3.1.x')
  if (typeof doc.info?.title !== 'string' || typeof doc.info?.version !== 'string') problems.push('info needs title and version')
  const operationIds = new Set<string>()
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!path.startsWith('/')) problems.push(`path ${path} does not start with /`)
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(method)) problems.push(`${path}: unknown method ${method}`)
      if (op.operationId) {
        if (operationIds.has(op.operationId)) problems.push(`duplicate operationId ${op.operationId}`)
        operationIds.add(op.operationId)
      }
      if (!op.responses || Object.keys(op.responses).length === 0) problems.push(`${path} ${method}: no responses`)
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code)) problems.push(`${path}: bad response code ${code}`)
        if (typeof response.description !== 'string') problems.push(`${path} ${code}: response needs a description`)
      }
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)
      for (const name of templated) {
        const param = op.parameters?.find((p) => p.name === name && p.in === 'path')
        if (!param?.required) problems.push(`${path}: path parameter ${name} missing or not required`)
      }
      for (const param of op.parameters ?? []) {
        if (!['query', 'header', 'path', 'cookie'].includes(param.in)) problems.push(`${path}: parameter ${param.name} in ${param.in}`)
        if (!param.schema) problems.push(`${path}: parameter ${param.name} has no schema`)
      }
    }
  }
  for (const requirement of doc.security ?? []) for (const name of Object.keys(requirement)) if (!doc.components?.securitySchemes?.[name]) problems.push(`security scheme ${name} undefined`)
  // Every $ref points at something in the document.
  const walk = (value: unknown, where: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${where}/${i}`))
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === '$ref') {
          const target = String(inner).replace(/^#\//, '').split('/').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc)
          if (target === undefined) problems.push(`${where}: unresolved $ref ${String(inner)}`)
        } else walk(inner, `${where}/${key}`)
      }
    }
  }
  walk(doc, '#')
  return problems
}
