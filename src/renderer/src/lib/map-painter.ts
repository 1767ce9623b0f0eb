// Draws the map on a canvas, sharp on any devicePixelRatio. The notes and topic names go to a cached layer a margin
// larger than the view, so panning only copies that layer until it runs out (or the zoom changes); hits, the query
// and the focused note are drawn over it every frame.
import { fitView, zoomView, type Bounds, type ViewTransform } from './map-geometry'

export interface MapScene {
  xs: Float32Array
  ys: Float32Array
  /** Colour of each note, as an index into `colours`. */
  colourOf: Uint16Array
  colours: string[]
  /** 1 for notes shown (filters, hidden groups), 0 for the rest. */
  visible: Uint8Array
  /** Topic names and where to write them (the largest win where they would overlap). */
  labels: { text: string; x: number; y: number; size: number }[]
}

export interface MapHighlights {
  /** Notes lit up (a search's hits): the rest are dimmed while there are any. */
  hits: Int32Array
  query: { x: number; y: number } | null
  hovered: number
  selected: number
}

export interface MapInk {
  text: string
  halo: string
  ring: string
  query: string
}

/** The cached layer reaches this far beyond each edge of the view (CSS px). */
const MARGIN = 256
const DIMMED_ALPHA = 0.18
/** The query star's radius (CSS px); its halo adds 2. */
const STAR_RADIUS = 9

/** A screen rectangle: left, top, right, bottom (CSS px). */
type Box = [number, number, number, number]

/** Vertical shifts (CSS px) tried in turn for a topic name whose place another name took: one and two lines up and down. */
const LABEL_SHIFTS = [0, -18, 18, -36, 36]

export class MapPainter {
  private readonly context: CanvasRenderingContext2D
  private readonly layer = document.createElement('canvas')
  private readonly layerContext: CanvasRenderingContext2D
  /** The layer's pixels, reused between redraws of the same size. */
  private pixels: ImageData | null = null
  /** The view the layer was drawn for; null when it must be redrawn. */
  private layerView: ViewTransform | null = null
  private width = 0
  private height = 0
  private ratio = 1
  view: ViewTransform = { scale: 1, x: 0, y: 0 }
  /** The scale that shows every note (dots grow as the view zooms in from it). */
  private fitScale = 1
  private scene: MapScene | null = null
  private highlights: MapHighlights = { hits: new Int32Array(0), query: null, hovered: -1, selected: -1 }
  private ink: MapInk = { text: '#1d2025', halo: 'rgba(255,255,255,0.9)', ring: '#1d2025', query: '#1d2025' }
  /** Notes drawn in the last layer, and whether the last frame redrew it (for tests and the bench). */
  drawnNotes = 0
  layerRedrawn = false
  /** Where the last layer wrote topic names: [left, top, right, bottom] in CSS px of the view as it was drawn (for tests). */
  labelBoxes: Box[] = []

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.context = canvas.getContext('2d')!
    this.layerContext = this.layer.getContext('2d')!
  }

  /** Matches the canvas to its CSS size and the device's pixel ratio. */
  resize(width: number, height: number, ratio = window.devicePixelRatio || 1): void {
    this.width = Math.max(1, width)
    this.height = Math.max(1, height)
    this.ratio = ratio
    this.canvas.width = Math.round(this.width * ratio)
    this.canvas.height = Math.round(this.height * ratio)
    this.layer.width = Math.round((this.width + 2 * MARGIN) * ratio)
    this.layer.height = Math.round((this.height + 2 * MARGIN) * ratio)
    this.layerView = null
  }

  setScene(scene: MapScene): void {
    this.scene = scene
    this.layerView = null
  }

  setHighlights(highlights: MapHighlights): void {
    // The layer dims the notes that are not hits, and writes topic names clear of the query's star.
    if (highlights.hits !== this.highlights.hits || !samePoint(highlights.query, this.highlights.query)) this.layerView = null
    this.highlights = highlights
  }

  setInk(ink: MapInk): void {
    this.ink = ink
    this.layerView = null
  }

  fit(bounds: Bounds): void {
    this.view = fitView(bounds, this.width, this.height)
    this.fitScale = this.view.scale
  }

  panBy(dx: number, dy: number): void {
    this.view = { ...this.view, x: this.view.x + dx, y: this.view.y + dy }
  }

  zoomAt(factor: number, px: number, py: number): void {
    this.view = zoomView(this.view, factor, px, py)
  }

  /** Draws a frame: the cached layer (redrawn only when needed) shifted by the pan since, then the highlights. */
  render(): void {
    const context = this.context
    context.setTransform(1, 0, 0, 1, 0, 0)
    context.clearRect(0, 0, this.canvas.width, this.canvas.height)
    if (!this.scene) return
    this.layerRedrawn = !this.layerUsable()
    if (this.layerRedrawn) this.drawLayer()
    const drawn = this.layerView!
    context.drawImage(this.layer, Math.round((this.view.x - drawn.x - MARGIN) * this.ratio), Math.round((this.view.y - drawn.y - MARGIN) * this.ratio))
    context.setTransform(this.ratio, 0, 0, this.ratio, 0, 0)
    this.drawHighlights(context)
  }

  private layerUsable(): boolean {
    const drawn = this.layerView
    return drawn !== null && drawn.scale === this.view.scale && Math.abs(this.view.x - drawn.x) <= MARGIN && Math.abs(this.view.y - drawn.y) <= MARGIN
  }

  /** Dot radius (CSS px): smaller the more notes there are, larger as the view zooms in. */
  private radius(): number {
    const notes = Math.max(10, this.scene?.xs.length ?? 10)
    const base = 4.6 - 0.8 * Math.log10(notes)
    return Math.max(1.5, Math.min(7, base * Math.sqrt(this.view.scale / this.fitScale)))
  }

  /**
   * Draws the notes straight into pixels (one ImageData, written as 32-bit words, then put once): filling canvas paths of
   * 50,000 dots took 110-180 ms per redraw in software-rendered Chromium; this takes a few.
   */
  private drawLayer(): void {
    const scene = this.scene!
    const context = this.layerContext
    const { scale } = this.view
    const ratio = this.ratio
    const width = this.layer.width
    const height = this.layer.height
    if (this.pixels?.width !== width || this.pixels.height !== height) this.pixels = context.createImageData(width, height)
    const words = new Uint32Array(this.pixels.data.buffer)
    words.fill(0)
    const alpha = this.highlights.hits.length > 0 ? DIMMED_ALPHA : 1
    const colours = scene.colours.map((colour) => rgbaWord(colour, alpha))
    const disc = discOffsets(this.radius() * ratio)
    const ox = (this.view.x + MARGIN) * ratio
    const oy = (this.view.y + MARGIN) * ratio
    const reach = disc.reach
    let drawn = 0
    for (let i = 0; i < scene.xs.length; i++) {
      if (!scene.visible[i]) continue
      const px = Math.round(scene.xs[i]! * scale * ratio + ox)
      const py = Math.round(scene.ys[i]! * scale * ratio + oy)
      if (px < -reach || py < -reach || px >= width + reach || py >= height + reach) continue
      drawn++
      const [solid, edge] = colours[scene.colourOf[i]!]!
      for (let k = 0; k < disc.dx.length; k++) {
        const x = px + disc.dx[k]!
        const y = py + disc.dy[k]!
        if (x < 0 || y < 0 || x >= width || y >= height) continue
        const at = y * width + x
        // Edge pixels are half covered: drawn lighter, and never over a fully covered pixel of another dot.
        if (disc.full[k]) words[at] = solid
        else if (words[at] === 0) words[at] = edge
      }
    }
    context.putImageData(this.pixels, 0, 0)
    context.setTransform(ratio, 0, 0, ratio, 0, 0)
    this.drawLabels(context, this.view.x + MARGIN, this.view.y + MARGIN)
    this.drawnNotes = drawn
    this.layerView = { ...this.view }
  }

  private drawLabels(context: CanvasRenderingContext2D, ox: number, oy: number): void {
    const { scale } = this.view
    context.font = '600 12.5px system-ui, sans-serif'
    context.textAlign = 'center'
    context.textBaseline = 'middle'
    context.lineJoin = 'round'
    context.lineWidth = 4
    this.labelBoxes = []
    const taken: Box[] = []
    // The query's star is drawn over the layer: a name under it could not be read, so it takes the next free line.
    const query = this.highlights.query
    if (query) taken.push(starBox(query.x * scale + ox, query.y * scale + oy))
    const free = (box: Box) => !taken.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])
    // The rows of the layer the view shows now: a name is kept within them when a line up or down, or nudging it in by
    // less than a line, allows.
    const top = MARGIN + 9
    const bottom = MARGIN + this.height - 9
    const inView = (y: number) => y >= top && y <= bottom
    const nudged = (y: number) => Math.min(Math.max(y, top), bottom)
    for (const label of [...this.scene!.labels].sort((a, b) => b.size - a.size)) {
      const sx = label.x * scale + ox
      const half = context.measureText(label.text).width / 2 + 4
      // On the topic's centre, else a line or two above or below it (inside the view first); a name with no free place
      // waits for a closer zoom.
      const shifted = LABEL_SHIFTS.map((shift) => label.y * scale + oy + shift)
      const near = shifted.map(nudged).filter((y, i) => Math.abs(y - shifted[i]!) < 18)
      const places = [...shifted, ...near].filter((y) => free([sx - half, y - 9, sx + half, y + 9]))
      const sy = places.find(inView) ?? places[0]
      if (sy === undefined) continue
      taken.push([sx - half, sy - 9, sx + half, sy + 9])
      this.labelBoxes.push([sx - half - MARGIN, sy - 9 - MARGIN, sx + half - MARGIN, sy + 9 - MARGIN])
      context.strokeStyle = this.ink.halo
      context.strokeText(label.text, sx, sy)
      context.fillStyle = this.ink.text
      context.fillText(label.text, sx, sy)
    }
  }

  private drawHighlights(context: CanvasRenderingContext2D): void {
    const scene = this.scene!
    const { hits, query, hovered, selected } = this.highlights
    const r = this.radius()
    const at = (i: number): [number, number] => [scene.xs[i]! * this.view.scale + this.view.x, scene.ys[i]! * this.view.scale + this.view.y]
    for (const i of hits) {
      if (!scene.visible[i]) continue
      const [sx, sy] = at(i)
      context.beginPath()
      context.arc(sx, sy, r + 2, 0, Math.PI * 2)
      context.fillStyle = scene.colours[scene.colourOf[i]!]!
      context.fill()
      context.lineWidth = 1.5
      context.strokeStyle = this.ink.ring
      context.stroke()
    }
    if (query) {
      const sx = query.x * this.view.scale + this.view.x
      const sy = query.y * this.view.scale + this.view.y
      drawStar(context, sx, sy, STAR_RADIUS, this.ink.halo, this.ink.query)
    }
    for (const [i, width] of [
      [hovered, 2],
      [selected, 3]
    ] as const) {
      if (i < 0 || !scene.visible[i]) continue
      const [sx, sy] = at(i)
      context.beginPath()
      context.arc(sx, sy, r + 4, 0, Math.PI * 2)
      context.lineWidth = width
      context.strokeStyle = this.ink.ring
      context.stroke()
    }
  }
}

/** A CSS hex colour (#rgb or #rrggbb) as RGBA words (little-endian ImageData order) at `alpha`, and at half that for edges. */
function rgbaWord(colour: string, alpha: number): [number, number] {
  const hex = colour.replace('#', '')
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex
  const value = Number.parseInt(full.slice(0, 6), 16) || 0
  const r = (value >> 16) & 255
  const g = (value >> 8) & 255
  const b = value & 255
  const word = (a: number) => ((Math.round(a * 255) << 24) | (b << 16) | (g << 8) | r) >>> 0
  return [word(alpha), word(alpha / 2)]
}

const discCache = new Map<number, { dx: Int16Array; dy: Int16Array; full: Uint8Array; reach: number }>()

/** Pixel offsets of a dot of `radius` device pixels (rounded to a quarter pixel): fully covered ones and half-covered edge ones. */
function discOffsets(radius: number) {
  const key = Math.round(radius * 4) / 4
  let disc = discCache.get(key)
  if (!disc) {
    const reach = Math.ceil(key + 0.5)
    const dx: number[] = []
    const dy: number[] = []
    const full: number[] = []
    for (let y = -reach; y <= reach; y++) {
      for (let x = -reach; x <= reach; x++) {
        const distance = Math.hypot(x, y)
        if (distance <= key - 0.35) (dx.push(x), dy.push(y), full.push(1))
        else if (distance <= key + 0.35) (dx.push(x), dy.push(y), full.push(0))
      }
    }
    disc = { dx: Int16Array.from(dx), dy: Int16Array.from(dy), full: Uint8Array.from(full), reach }
    discCache.set(key, disc)
  }
  return disc
}

/** The box the query's star (with its halo) covers around (x, y). */
function starBox(x: number, y: number): Box {
  const reach = STAR_RADIUS + 2
  return [x - reach, y - reach, x + reach, y + reach]
}

function samePoint(a: { x: number; y: number } | null, b: { x: number; y: number } | null): boolean {
  return a === b || (a !== null && b !== null && a.x === b.x && a.y === b.y)
}

/** A five-pointed star with a halo: where the query sits. */
function drawStar(context: CanvasRenderingContext2D, x: number, y: number, radius: number, halo: string, fill: string): void {
  context.beginPath()
  for (let k = 0; k < 10; k++) {
    const angle = -Math.PI / 2 + (k * Math.PI) / 5
    const length = k % 2 === 0 ? radius : radius * 0.45
    context.lineTo(x + Math.cos(angle) * length, y + Math.sin(angle) * length)
  }
  context.closePath()
  context.lineWidth = 4
  context.strokeStyle = halo
  context.stroke()
  context.fillStyle = fill
  context.fill()
}
