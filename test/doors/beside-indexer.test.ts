// `semnote serve` and `semnote mcp` running while `semnote index --watch` writes: both follow it, nothing is lost or duplicated.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { afterAll, describe, expect, it } from 'vitest'
import { eventually, tempFolders } from '../engine/helpers'
import { cliEntry, tsx } from './fixtures'

const run = promisify(execFile)
const temp = tempFolders()
const children: ChildProcess[] = []
const env = { ...(process.env as Record<string, string>), LANCEDB_LOG: 'error' }

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  temp.cleanup()
})

/** Starts a CLI command and resolves once its stderr matches `ready`, with the match. */
function start(args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray; stderr: () => string }> {
  const child = spawn(tsx, [cliEntry, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let stderr = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start: ${stderr}`)), 60_000)
    child.stderr!.on('data', (chunk) => {
      stderr += String(chunk)
      const match = stderr.match(ready)
      if (match) {
        clearTimeout(timer)
        resolve({ child, match, stderr: () => stderr })
      }
    })
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}: ${stderr}`)))
  })
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode)
    child.once('exit', (code) => resolve(code))
    child.kill('SIGINT')
  })
}

describe('doors beside semnote index --watch', () => {
  it('serve and mcp see every note the watcher writes, and semnote check passes after', async () => {
    const notes = temp.make('beside-notes')
    const dataDir = temp.make('beside-data')
    for (let i = 0; i < 20; i++) writeFileSync(join(notes, `note-${i}.md`), `# Note ${i}\n\nThe harbour crane number ${i} lifts containers.\n`)
    const data = ['--data-dir', dataDir]

    const indexer = await start(['index', notes, '--watch', ...data], /Watching for changes/)
    const serve = await start(['serve', '--port', '0', ...data], /Semnote API on (http:\/\/127\.0\.0\.1:\d+)/)
    const base = serve.match[1]!
    const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim()
    const api = async (path: string) => {
      const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } })
      expect(response.status, path).toBe(200)
      return (await response.json()) as Record<string, unknown>
    }
    const client = new Client({ name: 'beside-test', version: '1.0.0' })
    await client.connect(new StdioClientTransport({ command: tsx, args: [cliEntry, 'mcp', ...data], env, stderr: 'ignore' }))
    const mcp = async (name: string, args: Record<string, unknown>) => {
      const result = (await client.callTool({ name, arguments: args })) as { isError?: boolean; content: { text: string }[]; structuredContent: Record<string, unknown> }
      expect(result.isError, result.content[0]?.text).toBeFalsy()
      return result.structuredContent
    }

    try {
      expect(await api('/v1/status')).toMatchObject({ files: 20, updatedBy: expect.stringMatching(/^process \d+$/) })
      // The watcher writes while both doors keep searching.
      let searches = 0
      let writing = true
      const searching = (async () => {
        while (writing) {
          await api('/v1/search?q=harbour%20crane&limit=5')
          await mcp('search_notes', { query: 'harbour crane', limit: 5 })
          searches++
        }
      })()
      for (let i = 20; i < 60; i++) {
        writeFileSync(join(notes, `note-${i}.md`), `# Note ${i}\n\nThe harbour crane number ${i} lifts containers.\n`)
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 300))
      }
      for (let i = 0; i < 5; i++) rmSync(join(notes, `note-${i}.md`))
      for (let i = 5; i < 10; i++) renameSync(join(notes, `note-${i}.md`), join(notes, `renamed-${i}.md`))
      writeFileSync(join(notes, 'note-10.md'), '# Note 10\n\nThe lighthouse keeper writes about fog.\n')
      const expected = 55

      await eventually(async () => (await api('/v1/status')).files === expected, 'serve to count every note', 60_000)
      await eventually(async () => (await mcp('index_status', {})).files === expected, 'mcp to count every note', 60_000)
      await eventually(async () => ((await api('/v1/search?q=lighthouse%20keeper&mode=keyword')).hits as unknown[]).length === 1, 'serve to find the changed note', 60_000)
      writing = false
      await searching
      expect(searches).toBeGreaterThan(0)

      const listed = ((await api('/v1/notes?limit=1000')).notes as { path: string }[]).map((n) => n.path)
      expect(listed.length).toBe(expected)
      expect(new Set(listed).size).toBe(expected)
      expect(listed).not.toContain(join(notes, 'note-0.md'))
      expect(listed).toContain(join(notes, 'renamed-5.md'))
      const viaMcp = await mcp('search_notes', { query: 'lighthouse keeper', mode: 'keyword' })
      expect((viaMcp.hits as { path: string }[]).map((h) => h.path)).toEqual([join(notes, 'note-10.md')])

      // Consistent while the readers still run (they hold no lock), and after the watcher stops.
      const during = await run(tsx, [cliEntry, 'check', ...data], { env })
      expect(during.stdout).toMatch(/consistent/)
      expect(await stop(indexer.child)).toBe(0)
      const after = await run(tsx, [cliEntry, 'check', '--json', ...data], { env })
      const report = JSON.parse(after.stdout) as { ok: boolean; problems: string[]; filesInIndex: number }
      expect(report).toMatchObject({ ok: true, problems: [], filesInIndex: expected })
      expect(await api('/v1/status')).toMatchObject({ files: expected, updatedBy: 'nobody' })
    } finally {
      await client.close()
      expect(await stop(serve.child)).toBe(0)
      await stop(indexer.child)
    }
  })
})
