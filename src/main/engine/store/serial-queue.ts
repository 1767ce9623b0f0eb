// Runs async tasks one at a time in submission order (all writes to a table go through one queue).
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private pending = 0

  /** Queues `task`; it starts after every earlier task has settled. A failing task does not block later ones. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending++
    const result = this.tail.then(task, task)
    this.tail = result.then(
      () => this.pending--,
      () => this.pending--
    )
    return result
  }

  /** Tasks queued or running. */
  get size(): number {
    return this.pending
  }

  /** Resolves once every task queued so far has settled. */
  async idle(): Promise<void> {
    await this.tail
  }
}
