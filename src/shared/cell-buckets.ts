// Points grouped by grid cell (a counting sort), for the map's nearest-point lookups in the engine and the renderer.

/** Points of cell c are order[start[c] .. start[c + 1]). */
export interface CellBuckets {
  start: Int32Array
  order: Int32Array
}

/** Groups `count` points into `cellCount` cells, `cellOf(i)` giving point i's cell. */
export function bucketByCell(count: number, cellCount: number, cellOf: (i: number) => number): CellBuckets {
  const cells = new Int32Array(count)
  const start = new Int32Array(cellCount + 1)
  for (let i = 0; i < count; i++) {
    cells[i] = cellOf(i)
    start[cells[i]! + 1]!++
  }
  for (let c = 1; c < start.length; c++) start[c]! += start[c - 1]!
  const order = new Int32Array(count)
  const fill = start.slice()
  for (let i = 0; i < count; i++) order[fill[cells[i]!]!++] = i
  return { start, order }
}
