// Runs async tasks one at a time in submission order (all writes to a table go through one queue).
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()

  /** Queues `task`; it starts after every earlier task has settled. A failing task does not block later ones. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task)
    this.tail = result.catch(() => undefined)
    return result
  }

  /** Resolves once every task queued so far has settled. */
  async idle(): Promise<void> {
    await this.tail
  }
}
