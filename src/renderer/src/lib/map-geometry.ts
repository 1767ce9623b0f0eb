// Geometry of the map view: the pan/zoom transform, a grid index for "which note is under the pointer", and stepping
// to the nearest note in an arrow key's direction.
import { bucketByCell } from '../../../shared/cell-buckets'

/** Layout coordinates to CSS pixels: screen = layout * scale + offset. */
export interface ViewTransform {
  scale: number
  x: number
  y: number
}

export interface Bounds {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

export function boundsOf(xs: ArrayLike<number>, ys: ArrayLike<number>): Bounds {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (let i = 0; i < xs.length; i++) {
    minX = Math.min(minX, xs[i]!)
    maxX = Math.max(maxX, xs[i]!)
    minY = Math.min(minY, ys[i]!)
    maxY = Math.max(maxY, ys[i]!)
  }
  return xs.length === 0 ? { minX: -1, minY: -1, maxX: 1, maxY: 1 } : { minX, minY, maxX, maxY }
}

/** The transform that shows `bounds` in a width x height viewport with a margin. */
export function fitView(bounds: Bounds, width: number, height: number, margin = 28): ViewTransform {
  const spanX = Math.max(bounds.maxX - bounds.minX, 1e-6)
  const spanY = Math.max(bounds.maxY - bounds.minY, 1e-6)
  const scale = Math.max(1e-6, Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY))
  return {
    scale,
    x: width / 2 - ((bounds.minX + bounds.maxX) / 2) * scale,
    y: height / 2 - ((bounds.minY + bounds.maxY) / 2) * scale
  }
}

/** `view` zoomed by `factor` around the screen point (px, py), which stays put. */
export function zoomView(view: ViewTransform, factor: number, px: number, py: number): ViewTransform {
  return { scale: view.scale * factor, x: px - (px - view.x) * factor, y: py - (py - view.y) * factor }
}

/** A uniform grid over layout coordinates (about four points per cell) for nearest-point queries. */
export class PointGrid {
  private readonly cell: number
  private readonly columns: number
  private readonly rows: number
  private readonly start: Int32Array
  private readonly order: Int32Array

  constructor(
    private readonly xs: ArrayLike<number>,
    private readonly ys: ArrayLike<number>,
    private readonly bounds: Bounds = boundsOf(xs, ys)
  ) {
    const count = xs.length
    const width = Math.max(bounds.maxX - bounds.minX, 1e-9)
    const height = Math.max(bounds.maxY - bounds.minY, 1e-9)
    this.cell = Math.max(Math.sqrt((width * height * 4) / Math.max(1, count)), Math.max(width, height) / 2048)
    this.columns = Math.floor(width / this.cell) + 1
    this.rows = Math.floor(height / this.cell) + 1
    const { start, order } = bucketByCell(count, this.columns * this.rows, (i) => this.row(ys[i]!) * this.columns + this.column(xs[i]!))
    this.start = start
    this.order = order
  }

  private column(x: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.bounds.minX) / this.cell)))
  }

  private row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.bounds.minY) / this.cell)))
  }

  /** The nearest accepted point within `reach` (layout units) of (x, y), or -1. */
  nearest(x: number, y: number, reach: number, accept: (i: number) => boolean): number {
    let best = -1
    let bestDistance = reach * reach
    const c0 = this.column(x - reach)
    const c1 = this.column(x + reach)
    const r0 = this.row(y - reach)
    const r1 = this.row(y + reach)
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.columns + c
        for (let p = this.start[cell]!; p < this.start[cell + 1]!; p++) {
          const i = this.order[p]!
          const d = (this.xs[i]! - x) ** 2 + (this.ys[i]! - y) ** 2
          if (d <= bestDistance && accept(i)) {
            best = i
            bestDistance = d
          }
        }
      }
    }
    return best
  }
}

export type Direction = 'left' | 'right' | 'up' | 'down'
const DIRECTIONS: Record<Direction, [number, number]> = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] }

/**
 * The accepted point nearest to `from` in `direction` (within 60 degrees of it), preferring points straight ahead:
 * distance x (1 + 2 x sideways share). -1 when there is none.
 */
export function stepToward(from: number, direction: Direction, xs: ArrayLike<number>, ys: ArrayLike<number>, accept: (i: number) => boolean): number {
  const [dx, dy] = DIRECTIONS[direction]
  let best = -1
  let bestScore = Infinity
  for (let i = 0; i < xs.length; i++) {
    if (i === from || !accept(i)) continue
    const vx = xs[i]! - xs[from]!
    const vy = ys[i]! - ys[from]!
    const distance = Math.hypot(vx, vy)
    if (distance === 0) continue
    const ahead = (vx * dx + vy * dy) / distance
    if (ahead < 0.5) continue
    const score = distance * (1 + 2 * (1 - ahead))
    if (score < bestScore) {
      best = i
      bestScore = score
    }
  }
  return best
}
