// `semnote check`: verifies that the index matches the files on disk; exit 1 when it does not, 3 while another process indexes.
import { engineOptionsFrom, parseCommand, READ_ONLY, withEngine } from '../common'

/** Exit code while another process writes the index (nothing could be judged; try again later). */
const BUSY = 3

/** Runs the check command; resolves to 0 when consistent, 1 otherwise, 3 when another process is indexing. */
export async function runCheck(args: string[]): Promise<number> {
  const { values } = parseCommand(args, {})
  const report = await withEngine(engineOptionsFrom(values), READ_ONLY, (engine) => engine.check())
  if (report.busy) {
    if (values.json) console.log(JSON.stringify(report))
    else console.error(`semnote: ${report.busy}`)
    return BUSY
  }
  if (values.json) console.log(JSON.stringify(report))
  else {
    console.log(`checked ${report.filesOnDisk} files on disk, ${report.filesInIndex} files and ${report.rows} chunk rows in the index`)
    for (const problem of report.problems) console.log(`  ${problem}`)
    console.log(report.ok ? 'consistent' : `INCONSISTENT: ${report.problems.length} problem(s)`)
  }
  return report.ok ? 0 : 1
}
