// Access to the preload bridge (`window.semnote`) and readable error messages from its rejections.
import type { SemnoteApi } from '../../shared/api'
import type { ErrorCode } from '../../shared/errors'

/** The API the preload exposes; throws a clear error when the page runs without it. */
export function semnote(): SemnoteApi {
  const api = window.semnote
  if (!api) throw new Error('window.semnote is missing: the page must run inside Semnote')
  return api
}

/** The error code of a rejected call, when it carries one. */
export function errorCode(error: unknown): ErrorCode | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? (code as ErrorCode) : undefined
}

/** A short message for any rejection, without the "Error invoking remote method" noise Electron adds. */
export function errorMessage(error: unknown): string {
  // contextBridge turns a rejected SemnoteError into a plain { name, code, message } object, not an Error.
  const message =
    error instanceof Error ? error.message : typeof (error as { message?: unknown })?.message === 'string' ? (error as { message: string }).message : String(error)
  return message.replace(/^Error invoking remote method '[^']+': (Error: )?/, '')
}
