// User settings persisted as validated JSON under userData: atomic writes, corrupt files backed up and replaced by defaults.
import { existsSync, readFileSync, renameSync, writeFileSync, fsyncSync, openSync, closeSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { DEFAULT_SETTINGS, type Settings } from '../shared/types'

const MAX_PATH = 4096

/** Absolute or not, a path string without NUL bytes and of sane length. */
export const pathString = z
  .string()
  .min(1)
  .max(MAX_PATH)
  .refine((value) => !value.includes('\0'), 'path contains a NUL byte')

const MODIFIERS = '(?:Command|Cmd|Control|Ctrl|CommandOrControl|CmdOrCtrl|Alt|Option|AltGr|Shift|Super|Meta)'
const KEYS =
  '(?:[A-Za-z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Plus|Space|Tab|Capslock|Numlock|Scrolllock|Backspace|Delete|Insert|Return|Enter|Up|Down|Left|Right|Home|End|PageUp|PageDown|Escape|Esc|PrintScreen|num[0-9]|numdec|numadd|numsub|nummult|numdiv|[)!@#$%^&*(:;"\'<=>?`~\\[\\]\\\\{}|,./_+-])'
/** Electron accelerator syntax ("CommandOrControl+Shift+Space"); empty disables the shortcut. */
export const ACCELERATOR_PATTERN = new RegExp(`^(?:(?:${MODIFIERS}\\+)*${KEYS})?$`)

/** The full settings object, strict: unknown keys are rejected. */
export const settingsSchema = z.strictObject({
  roots: z.array(pathString).max(200),
  ignorePatterns: z.array(z.string().min(1).max(500)).max(500),
  hotkey: z.string().max(100).regex(ACCELERATOR_PATTERN, 'not an Electron accelerator'),
  theme: z.enum(['system', 'light', 'dark']),
  language: z.enum(['system', 'en', 'zh-CN', 'ja']),
  launchAtLogin: z.boolean(),
  modelId: z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+$/, 'model ids are letters, digits, dot, dash, underscore'),
  resultsPerPage: z.number().int().min(5).max(100),
  editorCommand: z.string().max(1000).refine((value) => !value.includes('\0'), 'command contains a NUL byte'),
  pdfViewerCommand: z.string().max(1000).refine((value) => !value.includes('\0'), 'command contains a NUL byte'),
  allowRemoteImages: z.boolean(),
  localApi: z.boolean(),
  indexingThreads: z.number().int().min(0).max(64)
}) satisfies z.ZodType<Settings>

/** A partial update, as the renderer sends it. */
export const settingsPatchSchema = settingsSchema.partial()

export type SettingsListener = (settings: Settings) => void

/** What loading found, so the app can tell the user when their file was replaced. */
export interface SettingsLoadReport {
  /** Where the unreadable or invalid original was copied, when it was. */
  backupPath?: string
  /** Why the file was not taken as is. */
  problem?: string
}

/**
 * Loads a settings file leniently: valid fields are kept, invalid or unknown ones fall back to defaults,
 * and any file that was not taken verbatim is copied to `<file>.corrupt-<time>` first. Never throws on bad content.
 */
export function readSettingsFile(file: string, now: () => number = Date.now): { settings: Settings; report: SettingsLoadReport } {
  if (!existsSync(file)) return { settings: { ...DEFAULT_SETTINGS }, report: {} }
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    return { settings: { ...DEFAULT_SETTINGS }, report: backUp(file, now, `unreadable JSON: ${(error as Error).message}`) }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings: { ...DEFAULT_SETTINGS }, report: backUp(file, now, 'not a JSON object') }
  }
  // A file written before a setting existed lacks its key: it takes the default and the file is not damaged.
  const whole = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...raw })
  if (whole.success) return { settings: whole.data, report: {} }
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  const shape = settingsSchema.shape
  for (const key of Object.keys(shape) as (keyof Settings)[]) {
    if (!Object.prototype.hasOwnProperty.call(raw, key)) continue
    const field = shape[key].safeParse((raw as Record<string, unknown>)[key])
    if (field.success) settings[key] = field.data
  }
  const problem = whole.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')
  return { settings: settingsSchema.parse(settings), report: backUp(file, now, problem) }
}

function backUp(file: string, now: () => number, problem: string): SettingsLoadReport {
  const backupPath = `${file}.corrupt-${now()}`
  try {
    renameSync(file, backupPath)
    return { backupPath, problem }
  } catch {
    return { problem }
  }
}

/** Writes a file so a crash leaves either the old or the new content, never half of one. */
export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.tmp-${process.pid}`
  writeFileSync(temp, content, 'utf8')
  const fd = openSync(temp, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, file)
}

/** The settings of this app: one in-memory copy, validated updates, persisted atomically, change listeners. */
export class SettingsStore {
  private current: Settings
  private readonly listeners = new Set<SettingsListener>()

  private constructor(
    private readonly file: string,
    initial: Settings,
    /** What happened while loading (backup path and reason when the file was bad). */
    readonly loadReport: SettingsLoadReport
  ) {
    this.current = initial
  }

  /** Opens the settings file (missing or corrupt -> defaults, with a backup of the bad file). */
  static open(file: string): SettingsStore {
    const { settings, report } = readSettingsFile(file)
    const store = new SettingsStore(file, settings, report)
    if (report.problem !== undefined) store.persist()
    return store
  }

  /** A copy of the current settings. */
  get(): Settings {
    return structuredClone(this.current)
  }

  /** Validates `patch` merged over the current settings, saves and notifies. Throws a ZodError when invalid. */
  update(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.current, ...settingsPatchSchema.parse(patch) })
    this.current = next
    this.persist()
    const copy = this.get()
    for (const listener of this.listeners) listener(copy)
    return copy
  }

  /** Calls `listener` after every update; returns the unsubscribe function. */
  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private persist(): void {
    writeFileAtomic(this.file, `${JSON.stringify(this.current, null, 2)}\n`)
  }
}
