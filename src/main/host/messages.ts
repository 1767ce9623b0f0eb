// Host-port messages beyond contract.ts that only main and the engine host exchange (shutdown, fatal start-up error, options).
import type { EngineOptions, HostMessage, HostRequest } from '../engine/contract'

/** Main -> host: close the engine cleanly, then exit. */
export type HostShutdown = { shutdown: true }
/** Host -> main: the engine could not open; the host exits right after. */
export type HostFatal = { fatal: string }

export type ToHost = HostRequest | HostShutdown
export type FromHost = HostMessage | HostFatal

/** The command-line flag carrying EngineOptions to the host (JSON, base64 so any path survives argv). */
export const ENGINE_OPTIONS_FLAG = '--semnote-engine-options='

/** Encodes engine options as one argv entry for the host. */
export function encodeEngineOptions(options: EngineOptions): string {
  return ENGINE_OPTIONS_FLAG + Buffer.from(JSON.stringify(options), 'utf8').toString('base64')
}

/** Finds and decodes the engine options in argv; throws when absent or malformed. */
export function decodeEngineOptions(argv: readonly string[]): EngineOptions {
  const entry = argv.find((arg) => arg.startsWith(ENGINE_OPTIONS_FLAG))
  if (entry === undefined) throw new Error(`missing ${ENGINE_OPTIONS_FLAG}`)
  const options = JSON.parse(Buffer.from(entry.slice(ENGINE_OPTIONS_FLAG.length), 'base64').toString('utf8')) as EngineOptions
  if (typeof options?.dataDir !== 'string' || !Array.isArray(options.modelDirs)) throw new Error('engine options lack dataDir/modelDirs')
  return options
}

/** True for a well-formed request from main. */
export function isHostRequest(message: unknown): message is HostRequest {
  const m = message as HostRequest
  return typeof m === 'object' && m !== null && Number.isSafeInteger(m.id) && typeof m.call === 'string'
}
