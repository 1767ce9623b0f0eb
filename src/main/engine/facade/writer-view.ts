// A reading process's view of the process indexing into the same data dir: who holds the lock, and what it last published.
import { readActivity, type Activity } from './activity'
import { describeOwner, lockOwner, type LockOwner } from './data-lock'

export interface WriterView {
  owner: LockOwner
  /** Null until it publishes (just started) or when it published nothing readable. */
  activity: Activity | null
}

/** The live process holding `dataDir`'s lock and its activity, or null when none runs. */
export async function viewWriter(dataDir: string): Promise<WriterView | null> {
  const owner = await lockOwner(dataDir)
  return owner ? { owner, activity: await readActivity(dataDir, owner.nonce) } : null
}

/**
 * Why a check cannot trust what it reads (another process is writing, or wrote since `before` was seen), or null when it can.
 */
export function writerBusy(view: WriterView | null, before: WriterView | null, dataDir: string): string | null {
  if (!view) return null
  const { activity } = view
  const wrote = before !== null && (before.owner.nonce !== view.owner.nonce || before.activity?.commits !== activity?.commits)
  if (activity && activity.progress.phase === 'idle' && !wrote) return null
  return `Another Semnote process (${describeOwner(view.owner)}) is indexing into ${dataDir}: run check again when it is idle.`
}
