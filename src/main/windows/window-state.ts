// Remembers the main window's size and position (JSON under userData), dropping positions no display shows any more.
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomic } from '../settings'

const boundsSchema = z.strictObject({
  x: z.number().int().min(-100_000).max(100_000).optional(),
  y: z.number().int().min(-100_000).max(100_000).optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean()
})

export type WindowState = z.infer<typeof boundsSchema>
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1100, height: 720, maximized: false }

/** Reads the saved state; anything missing or invalid gives the default size, centred. */
export function loadWindowState(file: string, workAreas: Rect[]): WindowState {
  let state: WindowState
  try {
    state = boundsSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
  } catch {
    return { ...DEFAULT_WINDOW_STATE }
  }
  if (state.x === undefined || state.y === undefined) return { width: state.width, height: state.height, maximized: state.maximized }
  const { x, y } = state
  // Keep the position only if the title bar area is on some display.
  const visible = workAreas.some((area) => x + 100 > area.x && x < area.x + area.width - 50 && y >= area.y && y < area.y + area.height - 50)
  return visible ? state : { width: state.width, height: state.height, maximized: state.maximized }
}

/** Saves the state atomically; a failure to save is not worth interrupting the user for. */
export function saveWindowState(file: string, state: WindowState): void {
  const parsed = boundsSchema.safeParse(state)
  if (!parsed.success) return
  try {
    writeFileAtomic(file, JSON.stringify(parsed.data))
  } catch {
    // Best effort: the next launch falls back to the default size.
  }
}
