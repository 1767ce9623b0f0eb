// `semnote serve`: the local HTTP API on 127.0.0.1, on a read-only engine, until Ctrl-C.
import { DEFAULT_PORT, startHttpDoor } from '../../doors/http/server'
import { loadOrCreateToken, tokenPath } from '../../doors/http/token'
import { ReadOnlyEngine } from '../../doors/read-only-engine'
import { engineOptionsFrom, parseCommand } from '../common'
import { UsageError } from '../options'
import { SEMNOTE_VERSION } from '../../version'

/** Runs the server until SIGINT/SIGTERM; resolves to the exit code. */
export async function runServe(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { port: { type: 'string' }, 'allow-origin': { type: 'string', multiple: true } })
  if (positionals.length > 0) throw new UsageError('serve takes no arguments')
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got ${values.port}`)
  for (const origin of values['allow-origin'] ?? []) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin) && !/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/.test(origin)) throw new UsageError(`--allow-origin takes an origin like http://localhost:3000, got ${origin}`)
  }
  const options = engineOptionsFrom(values)
  const token = await loadOrCreateToken(options.dataDir)
  const backend = new ReadOnlyEngine({ ...options, preloadQueryLexicon: true })
  void backend.open().catch(() => undefined)
  const door = await startHttpDoor({ backend, token, port, allowedOrigins: values['allow-origin'] ?? [], version: SEMNOTE_VERSION }).catch(async (error: NodeJS.ErrnoException) => {
    await backend.close()
    if (error.code === 'EADDRINUSE') throw new UsageError(`port ${port} is in use (is the Semnote app's Local API on?); choose another with --port`)
    throw error
  })
  console.error(`Semnote API on ${door.url} (read-only, index ${options.dataDir})`)
  console.error(`Bearer token in ${tokenPath(options.dataDir)}; API description at ${door.url}/v1/openapi.json. Ctrl-C stops.`)
  await new Promise<void>((done) => {
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
  })
  await door.close()
  await backend.close()
  return 0
}
