// Nearest neighbours among points on the map (2-D, Euclidean), through a uniform grid: for clusters and quality measures.
import { bucketByCell } from '../../../shared/cell-buckets'

/** k neighbours per point, nearest first (the point itself excluded): indices and Euclidean distances. */
export interface PlaneNeighbours {
  k: number
  indices: Int32Array
  distances: Float32Array
}

/** Buckets points (x0, y0, x1, y1, ...) into square cells of about four points each. */
class Grid {
  readonly cell: number
  readonly columns: number
  readonly rows: number
  private readonly minX: number
  private readonly minY: number
  /** Points of cell c are order[start[c] .. start[c + 1]). */
  private readonly start: Int32Array
  private readonly order: Int32Array

  constructor(readonly xy: Float32Array) {
    const count = xy.length / 2
    let minX = Infinity
    let minY = Infinity
    let maxX = -Infinity
    let maxY = -Infinity
    for (let i = 0; i < count; i++) {
      minX = Math.min(minX, xy[i * 2]!)
      maxX = Math.max(maxX, xy[i * 2]!)
      minY = Math.min(minY, xy[i * 2 + 1]!)
      maxY = Math.max(maxY, xy[i * 2 + 1]!)
    }
    const width = Math.max(maxX - minX, 1e-9)
    const height = Math.max(maxY - minY, 1e-9)
    this.cell = Math.max(Math.sqrt((width * height * 4) / Math.max(1, count)), Math.max(width, height) / 4096)
    this.columns = Math.floor(width / this.cell) + 1
    this.rows = Math.floor(height / this.cell) + 1
    this.minX = minX
    this.minY = minY
    const { start, order } = bucketByCell(count, this.columns * this.rows, (i) => this.cellIndex(this.column(xy[i * 2]!), this.row(xy[i * 2 + 1]!)))
    this.start = start
    this.order = order
  }

  column(x: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.minX) / this.cell)))
  }

  row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.cell)))
  }

  private cellIndex(column: number, row: number): number {
    return row * this.columns + column
  }

  /** Calls `visit` for every point in the square ring `radius` cells away from (column, row). */
  ring(column: number, row: number, radius: number, visit: (point: number) => void): void {
    for (let r = row - radius; r <= row + radius; r++) {
      if (r < 0 || r >= this.rows) continue
      const edgeRow = r === row - radius || r === row + radius
      for (let c = column - radius; c <= column + radius; c += edgeRow ? 1 : 2 * radius || 1) {
        if (c < 0 || c >= this.columns) continue
        const cell = this.cellIndex(c, r)
        for (let p = this.start[cell]!; p < this.start[cell + 1]!; p++) visit(this.order[p]!)
      }
    }
  }
}

/** The k nearest other points of every point. */
export function planeNeighbours(xy: Float32Array, k: number): PlaneNeighbours {
  const count = xy.length / 2
  const wanted = Math.max(0, Math.min(k, count - 1))
  const indices = new Int32Array(count * wanted)
  const distances = new Float32Array(count * wanted)
  if (wanted === 0) return { k: wanted, indices, distances }
  const grid = new Grid(xy)
  const bestIndex = new Int32Array(wanted)
  const bestDistance = new Float64Array(wanted)
  for (let i = 0; i < count; i++) {
    const x = xy[i * 2]!
    const y = xy[i * 2 + 1]!
    let found = 0
    const consider = (j: number) => {
      if (j === i) return
      const dx = xy[j * 2]! - x
      const dy = xy[j * 2 + 1]! - y
      const d = dx * dx + dy * dy
      if (found === wanted && d >= bestDistance[wanted - 1]!) return
      // Insertion into the sorted best list (k is small).
      let at = found < wanted ? found++ : wanted - 1
      while (at > 0 && bestDistance[at - 1]! > d) {
        bestDistance[at] = bestDistance[at - 1]!
        bestIndex[at] = bestIndex[at - 1]!
        at--
      }
      bestDistance[at] = d
      bestIndex[at] = j
    }
    const column = grid.column(x)
    const row = grid.row(y)
    const maxRadius = Math.max(grid.columns, grid.rows)
    for (let radius = 0; radius <= maxRadius; radius++) {
      grid.ring(column, row, radius, consider)
      // Every point not yet seen lies at least `radius` whole cells away.
      if (found === wanted && bestDistance[wanted - 1]! <= (radius * grid.cell) ** 2) break
    }
    for (let j = 0; j < wanted; j++) {
      indices[i * wanted + j] = bestIndex[j]!
      distances[i * wanted + j] = Math.sqrt(bestDistance[j]!)
    }
  }
  return { k: wanted, indices, distances }
}
