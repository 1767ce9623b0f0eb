// Error codes that cross process boundaries (engine -> main -> renderer) as plain data.

export type ErrorCode =
  | 'INVALID_PAYLOAD'
  | 'FORBIDDEN_SENDER'
  | 'PATH_OUTSIDE_ROOTS'
  | 'NOT_FOUND'
  | 'MODEL_MISSING'
  | 'MODEL_INVALID'
  | 'ENGINE_UNAVAILABLE'
  | 'CANCELLED'
  | 'HOTKEY_CONFLICT'
  | 'INTERNAL'
  /** The disk holding the index is full (or over quota). */
  | 'STORAGE_FULL'
  /** The index folder cannot be written (read-only file system, permissions). */
  | 'STORAGE_READ_ONLY'
  /** The index folder is not a folder, or cannot be created. */
  | 'STORAGE_UNUSABLE'

/** The serialisable shape of an error returned to the renderer. */
export interface SemnoteErrorData {
  code: ErrorCode
  message: string
}

/** An error with a stable code; survives IPC as `SemnoteErrorData`. */
export class SemnoteError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string) {
    super(message)
    this.name = 'SemnoteError'
    this.code = code
  }

  toData(): SemnoteErrorData {
    return { code: this.code, message: this.message }
  }
}
