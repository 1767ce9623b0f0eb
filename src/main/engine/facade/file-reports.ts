// Skipped files and indexing warnings, kept in the data dir so `status` from any process (and the next start) lists them.
import { randomBytes } from 'node:crypto'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { FileWarning, SkippedFile } from '../../../shared/types'

export const REPORTS_FILE = 'file-reports.json'

const reportsSchema = z.object({
  version: z.literal(1),
  skipped: z.array(z.object({ path: z.string(), reason: z.string(), detail: z.string(), at: z.number() })),
  warnings: z.array(z.object({ path: z.string(), detail: z.string(), at: z.number() }))
})

export interface FileReports {
  skipped: SkippedFile[]
  warnings: FileWarning[]
}

/** The reports last saved in `dataDir`; empty when there are none or the file is damaged (the next indexing run rewrites it). */
export async function readFileReports(dataDir: string): Promise<FileReports> {
  try {
    const parsed = reportsSchema.parse(JSON.parse(await readFile(join(dataDir, REPORTS_FILE), 'utf8')))
    return { skipped: parsed.skipped as SkippedFile[], warnings: parsed.warnings }
  } catch {
    return { skipped: [], warnings: [] }
  }
}

/** Saves the reports of the indexing process a little after each change (coalesced), and on flush. */
export class ReportsWriter {
  private timer: NodeJS.Timeout | null = null
  private saving: Promise<void> = Promise.resolve()

  constructor(
    private readonly dataDir: string,
    private readonly current: () => FileReports,
    private readonly delayMs = 1000
  ) {}

  /** Something changed: save soon. */
  changed(): void {
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = null
      void this.save()
    }, this.delayMs)
    this.timer.unref()
  }

  /** Saves now (if a save is due) and waits for it. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
      await this.save()
    }
    await this.saving
  }

  private save(): Promise<void> {
    this.saving = this.saving.then(() => writeAtomically(join(this.dataDir, REPORTS_FILE), JSON.stringify({ version: 1, ...this.current() }))).catch(() => {
      // Best effort: status in this process is right anyway; the next change saves again.
    })
    return this.saving
  }
}

async function writeAtomically(target: string, text: string): Promise<void> {
  const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(temp, text)
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
