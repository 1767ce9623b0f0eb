// Runs the indexer's store writes one at a time, so its manifest always follows the table, and counts those that succeed.

export class WriteLock {
  /** Store writes that succeeded (a reading process compares the count before and after a check). */
  commits = 0
  private tail: Promise<unknown> = Promise.resolve()

  /** Runs `work` after every write before it has settled (failed or not). */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work).then((value) => {
      this.commits++
      return value
    })
    this.tail = result.catch(() => undefined)
    return result
  }
}
