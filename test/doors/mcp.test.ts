// `semnote mcp` end to end: the official SDK client spawns the CLI (from source, as npm test runs it) on the sample notes.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempFolders } from '../engine/helpers'
import { CANARY, cliEntry, indexSamples, tsx } from './fixtures'

const temp = tempFolders()

let notes: string
let filler: string
let outside: string
let client: Client
let stderr = ''

type ToolResult = { isError?: boolean; content: { type: string; text: string }[]; structuredContent?: Record<string, unknown> }
const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as ToolResult
const textOf = (result: ToolResult) => result.content.map((c) => c.text).join('\n')

beforeAll(async () => {
  // Enough notes for two pages of resources/list, in a second folder.
  filler = temp.make('mcp-filler')
  mkdirSync(join(filler, 'log'))
  for (let i = 0; i < 130; i++) writeFileSync(join(filler, 'log', `day-${String(i).padStart(3, '0')}.md`), `# Day ${i}\n\nWalked ${i} minutes by the river.\n`)
  const index = await indexSamples(temp, [filler])
  notes = index.notes
  outside = index.outside
  const dataDir = index.dataDir

  const transport = new StdioClientTransport({
    command: tsx,
    args: [cliEntry, 'mcp', '--data-dir', dataDir],
    env: { ...(process.env as Record<string, string>), LANCEDB_LOG: 'error' },
    stderr: 'pipe'
  })
  transport.stderr?.on('data', (chunk) => (stderr += String(chunk)))
  client = new Client({ name: 'semnote-test', version: '1.0.0' })
  await client.connect(transport)
})

afterAll(async () => {
  await client?.close()
  temp.cleanup()
})

describe('semnote mcp', () => {
  it('lists its four read-only tools, described for a model (any language, cross-lingual)', async () => {
    const { tools } = await client.listTools()
    expect(tools.map((t) => t.name).sort()).toEqual(['index_status', 'read_note', 'related_notes', 'search_notes'])
    const search = tools.find((t) => t.name === 'search_notes')!
    expect(search.description).toMatch(/any language/)
    expect(search.description).toMatch(/cross-lingual/)
    expect(Object.keys(search.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['query', 'mode', 'limit', 'folder', 'extensions', 'modifiedAfter']))
    expect(search.outputSchema).toBeDefined()
    for (const tool of tools) expect(tool.annotations?.readOnlyHint).toBe(true)
  })

  it('finds the Japanese and Chinese notes for "loud music at night" and reads one as plain text', async () => {
    const everywhere = await call('search_notes', { query: 'loud music at night', limit: 5 })
    const everywherePaths = (everywhere.structuredContent!.hits as { path: string }[]).map((h) => h.path)
    expect(everywherePaths).toEqual(expect.arrayContaining([join(notes, '夜の騒音.md'), join(notes, '楼上太吵.md')]))
    const result = await call('search_notes', { query: 'loud music at night', limit: 5, folder: notes })
    expect(result.isError, textOf(result)).toBeFalsy()
    const hits = result.structuredContent!.hits as { path: string; title: string; lineStart: number; passage: string; score: number; matchedBy: string[]; heading: string }[]
    const top3 = hits.slice(0, 3).map((h) => h.path)
    expect(top3).toContain(join(notes, '夜の騒音.md'))
    expect(top3).toContain(join(notes, '楼上太吵.md'))
    const japanese = hits.find((h) => h.path === join(notes, '夜の騒音.md'))!
    expect(japanese.matchedBy).toContain('semantic')
    expect(japanese.passage).toContain('音楽がうるさい')
    expect(japanese.lineStart).toBeGreaterThan(0)
    expect(textOf(result)).toContain('夜の騒音.md')

    const note = await call('read_note', { path: japanese.path })
    expect(note.isError, textOf(note)).toBeFalsy()
    expect(note.structuredContent!.text).toContain('夜に音楽がうるさい')
    expect(note.structuredContent!.text).not.toMatch(/^#/m)
    expect(note.structuredContent!.nextOffset).toBeNull()
    expect(textOf(note)).toContain('夜に音楽がうるさい')

    const slice = await call('read_note', { path: japanese.path, maxChars: 10 })
    expect((slice.structuredContent!.text as string).length).toBe(10)
    expect(slice.structuredContent!.nextOffset).toBe(10)
  })

  it('read_note refuses paths outside the indexed folders with a clear error and reads nothing', async () => {
    const attempts = [
      join(notes, '..', outside.split('/').pop()!, 'secret.md'),
      join(notes, 'shortcut.md'),
      join(outside, 'secret.md'),
      '/etc/passwd'
    ]
    for (const path of attempts) {
      const result = await call('read_note', { path })
      expect(result.isError, path).toBe(true)
      expect(textOf(result), path).toMatch(/^PATH_OUTSIDE_ROOTS: Not inside an indexed folder/)
      expect(textOf(result)).not.toContain(CANARY)
    }
    const relative = await call('read_note', { path: 'secret.md' })
    expect(relative.isError).toBe(true)
    expect(textOf(relative)).toMatch(/absolute path/)
    const bad = await call('search_notes', { query: '' })
    expect(bad.isError).toBe(true)
  })

  it('related_notes and index_status answer with structured content', async () => {
    const related = await call('related_notes', { path: join(notes, 'noisy-neighbours.md'), limit: 3 })
    expect(related.isError, textOf(related)).toBeFalsy()
    const relatedPaths = (related.structuredContent!.hits as { path: string }[]).map((h) => h.path)
    expect(relatedPaths).not.toContain(join(notes, 'noisy-neighbours.md'))
    expect(relatedPaths.length).toBeGreaterThan(0)
    const status = await call('index_status', {})
    expect(status.structuredContent).toMatchObject({ files: 141, updatedBy: 'nobody', model: { id: 'semnote-lite-multi', state: 'ready' } })
    expect(textOf(status)).toContain('Kept up to date by: nobody')
  })

  it('lists every note as a resource, page by page, and reads one by its URI; URIs leading out are refused', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await client.listResources(cursor ? { cursor } : {})
      seen.push(...page.resources.map((r) => r.uri))
      expect(page.resources.length).toBeLessThanOrEqual(100)
      cursor = page.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(2)
    expect(seen.length).toBe(141)
    expect(new Set(seen).size).toBe(141)
    const uri = seen.find((u) => u.endsWith(`/${encodeURIComponent('楼上太吵.md')}`))!
    expect(uri).toBe(`semnote://note/${encodeURIComponent(notes)}/${encodeURIComponent('楼上太吵.md')}`)
    const read = await client.readResource({ uri })
    expect((read.contents[0] as { text: string }).text).toContain('晚上音乐很吵')

    for (const hostile of [
      `semnote://note/${encodeURIComponent(notes)}/../${encodeURIComponent(outside.split('/').pop()!)}/secret.md`,
      `semnote://note/${encodeURIComponent(notes)}/shortcut.md`,
      `semnote://note/${encodeURIComponent(outside)}/secret.md`,
      `semnote://note/${encodeURIComponent(notes)}/%2e%2e/x.md`
    ]) {
      await expect(client.readResource({ uri: hostile }), hostile).rejects.toThrow(/PATH_OUTSIDE_ROOTS|INVALID_PAYLOAD/)
    }
    const { resourceTemplates } = await client.listResourceTemplates()
    expect(resourceTemplates[0]!.uriTemplate).toBe('semnote://note/{root}/{+path}')
    expect(stderr).not.toMatch(/Error|WARN/)
  })
})
