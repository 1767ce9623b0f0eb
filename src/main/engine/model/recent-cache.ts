// A memo bounded by the total length of its keys: two generations, the older one dropped when the newer one fills up.

/**
 * Keeps recently used string keys: entries go into the current generation; when its keys reach half of `maxKeyChars`,
 * it becomes the previous generation and the one before is dropped. A hit in the previous generation moves the entry
 * forward, so what is used keeps living. Memory: at most `maxKeyChars` key characters plus their values.
 */
export class RecentCache<V> {
  private current = new Map<string, V>()
  private previous = new Map<string, V>()
  private currentChars = 0

  constructor(private readonly maxKeyChars: number) {}

  get(key: string): V | undefined {
    const value = this.current.get(key)
    if (value !== undefined) return value
    const old = this.previous.get(key)
    if (old !== undefined) this.set(key, old)
    return old
  }

  set(key: string, value: V): void {
    if (this.currentChars + key.length > this.maxKeyChars / 2) {
      this.previous = this.current
      this.current = new Map()
      this.currentChars = 0
    }
    this.current.set(key, value)
    this.currentChars += key.length
  }
}
