// The engine's side of a note a prepare worker streams a segment at a time (see PreparePool.prepareOrStream).
import type { NoteStep } from '../index/ports'

/** Steps of a streamed note asked for ahead of the one being consumed: the worker prepares the next segment meanwhile. */
const STEPS_AHEAD = 2

/** The engine's side of a streamed note: steps its worker sent and not yet taken, and asks for more, a few ahead at most. */
export class StepFeed {
  /** Asks the worker for one more step; set when the note is sent to a worker. */
  pull: (() => void) | null = null
  /** The last step arrived (null: the note is done; or `failed`). */
  ended = false
  private readonly steps: (NoteStep | null)[] = []
  private asked = 0
  private waiter: (() => void) | null = null

  /** The note was sent to a worker, which sends its head unasked. */
  sent(pull: () => void): void {
    this.pull = pull
    this.asked = 1
  }

  /** A step from the worker. */
  receive(step: NoteStep | null): void {
    this.asked = Math.max(0, this.asked - 1)
    this.push(step)
    this.askAhead()
  }

  /** The pool ended the note (a limit, a crash, closing): `step` is its last. */
  end(step: NoteStep | null): void {
    if (!this.ended) this.push(step)
  }

  /** The next step, once it is there. */
  async take(): Promise<NoteStep | null> {
    while (this.steps.length === 0) await new Promise<void>((resolve) => (this.waiter = resolve))
    const step = this.steps.shift()!
    this.askAhead()
    return step
  }

  private push(step: NoteStep | null): void {
    if (step === null || step.kind === 'failed') this.ended = true
    this.steps.push(step)
    const waiter = this.waiter
    this.waiter = null
    waiter?.()
  }

  private askAhead(): void {
    while (!this.ended && this.pull && this.steps.length + this.asked < STEPS_AHEAD) {
      this.asked++
      this.pull()
    }
  }
}
