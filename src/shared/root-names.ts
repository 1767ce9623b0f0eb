// Short unique names for indexed folders, as the app shows them: "corpus", or "xquad-en2en/corpus" beside another "corpus".

/** The non-empty segments of a path (/ or \ separated). */
export function pathSegments(path: string): string[] {
  return path.split(/[\\/]/).filter(Boolean)
}

/** Short unique names for indexed folders: the last path segment, or more of the path where those collide. */
export function rootNames(roots: readonly string[]): Map<string, string> {
  const unique = [...new Set(roots)]
  const names = new Map<string, string>()
  for (let depth = 1; names.size < unique.length; depth++) {
    const candidate = (root: string) => pathSegments(root).slice(-depth).join('/') || root
    const counts = new Map<string, number>()
    for (const root of unique) if (!names.has(root)) counts.set(candidate(root), (counts.get(candidate(root)) ?? 0) + 1)
    for (const root of unique) {
      if (names.has(root)) continue
      const name = candidate(root)
      if (counts.get(name) === 1 || depth >= pathSegments(root).length) names.set(root, name)
    }
  }
  return names
}
