// Runtime check for ErrorCode values (the union lives in shared/errors.ts; this record keeps the list complete at compile time).
import type { ErrorCode, SemnoteErrorData } from '../shared/errors'

const ERROR_CODES: Record<ErrorCode, true> = {
  INVALID_PAYLOAD: true,
  FORBIDDEN_SENDER: true,
  PATH_OUTSIDE_ROOTS: true,
  NOT_FOUND: true,
  MODEL_MISSING: true,
  MODEL_INVALID: true,
  ENGINE_UNAVAILABLE: true,
  CANCELLED: true,
  HOTKEY_CONFLICT: true,
  INTERNAL: true,
  STORAGE_FULL: true,
  STORAGE_READ_ONLY: true,
  STORAGE_UNUSABLE: true
}

/** True when `value` is one of the shared error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value)
}

/** Turns anything thrown into error data: errors with a shared code keep it, everything else is INTERNAL. */
export function toErrorData(error: unknown): SemnoteErrorData {
  const e = error as { code?: unknown; message?: unknown }
  if (typeof e === 'object' && e !== null && isErrorCode(e.code) && typeof e.message === 'string') return { code: e.code, message: e.message }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }
}
