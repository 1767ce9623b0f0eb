// Notes per tag for the sidebar: a nested tag ("area/sub") counts for its parents too, as the tag filter matches them;
// tags are grouped case-insensitively under their most frequent spelling.

/** Collects the tags of notes (one call per note) and counts notes per tag. */
export class TagCounter {
  private readonly notes = new Map<string, Set<string>>()
  private readonly spellings = new Map<string, Map<string, number>>()

  add(path: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const parts = tag.split('/')
      for (let depth = 1; depth <= parts.length; depth++) {
        const name = parts.slice(0, depth).join('/')
        const key = name.toLowerCase()
        if (!this.notes.has(key)) this.notes.set(key, new Set())
        this.notes.get(key)!.add(path)
        const forms = this.spellings.get(key) ?? new Map<string, number>()
        forms.set(name, (forms.get(name) ?? 0) + 1)
        this.spellings.set(key, forms)
      }
    }
  }

  /** Tags with their note counts, most used first, then by name. */
  counts(): { tag: string; notes: number }[] {
    const counts = [...this.notes].map(([key, paths]) => {
      const forms = [...this.spellings.get(key)!].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      return { tag: forms[0]![0], notes: paths.size }
    })
    return counts.sort((a, b) => b.notes - a.notes || a.tag.localeCompare(b.tag))
  }
}
