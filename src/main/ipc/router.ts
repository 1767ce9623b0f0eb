// Turns IPC invocations into validated handler calls and ApiReply envelopes; nothing thrown ever crosses the bridge.
import { z } from 'zod'
import { API_CALL_NAMES, callChannel, type ApiArg, type ApiCallName, type ApiReply, type ApiResult } from '../../shared/api'
import { toErrorData } from '../error-codes'
import { parseApiArg } from './schemas'
import type { SenderLike } from './sender'

/** What a handler learns about its caller. */
export interface CallContext {
  /** webContents id of the sending window. */
  senderId: number
}

/** One implementation per renderer call. */
export type ApiHandlers = { [K in ApiCallName]: (arg: ApiArg<K>, context: CallContext) => Promise<ApiResult<K>> | ApiResult<K> }

/** Dispatches one invocation: sender check, payload validation, handler, envelope. */
export type ApiDispatcher = (name: string, event: SenderLike, args: unknown[]) => Promise<ApiReply<unknown>>

const CALL_NAMES = new Set<string>(API_CALL_NAMES)
const failure = (code: 'INVALID_PAYLOAD' | 'FORBIDDEN_SENDER', message: string): ApiReply<never> => ({ ok: false, error: { code, message } })

/** Creates the dispatcher; `checkSender` returns a refusal reason or null. */
export function createApiDispatcher(handlers: ApiHandlers, checkSender: (event: SenderLike) => string | null): ApiDispatcher {
  return async (name, event, args) => {
    try {
      if (!CALL_NAMES.has(name)) return failure('INVALID_PAYLOAD', `unknown call "${String(name).slice(0, 50)}"`)
      const refusal = checkSender(event)
      if (refusal !== null) return failure('FORBIDDEN_SENDER', refusal)
      if (args.length > 1) return failure('INVALID_PAYLOAD', `"${name}" takes at most one argument`)
      const parsed = parseApiArg(name as ApiCallName, args[0])
      if (!parsed.ok) return failure('INVALID_PAYLOAD', `invalid payload for "${name}": ${parsed.reason}`)
      const handler = handlers[name as ApiCallName] as (arg: unknown, context: CallContext) => unknown
      const value = await handler(parsed.value, { senderId: event.sender.id })
      return { ok: true, value }
    } catch (error) {
      if (error instanceof z.ZodError) return failure('INVALID_PAYLOAD', error.issues[0]?.message ?? 'invalid value')
      return { ok: false, error: toErrorData(error) }
    }
  }
}

/** The part of ipcMain used to register handlers. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderLike, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}

/** Registers one ipcMain handler per call; returns a function that removes them all. */
export function registerApi(ipcMain: IpcMainLike, dispatch: ApiDispatcher): () => void {
  for (const name of API_CALL_NAMES) ipcMain.handle(callChannel(name), (event, ...args) => dispatch(name, event, args))
  return () => {
    for (const name of API_CALL_NAMES) ipcMain.removeHandler(callChannel(name))
  }
}
