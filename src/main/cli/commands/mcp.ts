// `semnote mcp`: the MCP server over stdio (for Claude Desktop and other MCP clients), on a read-only engine.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { createMcpServer } from '../../doors/mcp/server'
import { ReadOnlyEngine } from '../../doors/read-only-engine'
import { engineOptionsFrom, parseCommand } from '../common'
import { UsageError } from '../options'
import { SEMNOTE_VERSION } from '../../version'

/** Runs the MCP server until the client closes stdin (or SIGINT/SIGTERM); resolves to the exit code. */
export async function runMcp(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {})
  if (positionals.length > 0) throw new UsageError('mcp takes no arguments')
  const options = engineOptionsFrom(values)
  const backend = new ReadOnlyEngine({ ...options, preloadQueryLexicon: true })
  // Load the model and open the table now, so the first search does not wait for it (a failure is reported by that search).
  void backend.open().catch(() => undefined)
  const server = createMcpServer(backend, SEMNOTE_VERSION)
  const transport = new StdioServerTransport()
  const closed = new Promise<void>((done) => {
    transport.onclose = done
    process.stdin.once('end', done)
    process.stdin.once('close', done)
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
  })
  await server.connect(transport)
  console.error(`semnote mcp: serving ${options.dataDir} (read-only) on stdio`)
  await closed
  await server.close().catch(() => undefined)
  await backend.close()
  return 0
}
