// Draws Semnote's icon (a white magnifier on a teal rounded square) as raw pixels, for the tray and the packaging icons.

/** Returns size*size pixels, 4 bytes each, in the given channel order ('rgba' for PNG, 'bgra' for nativeImage bitmaps). */
export function drawIcon(size: number, order: 'rgba' | 'bgra'): Buffer {
  const pixels = Buffer.alloc(size * size * 4)
  const samples = 4
  const background = [0x2a, 0x7f, 0x8f]
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let cover = 0
      let white = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size
          const y = (py + (sy + 0.5) / samples) / size
          if (!insideRoundedSquare(x, y, 0.06, 0.2)) continue
          cover++
          if (onMagnifier(x, y)) white++
        }
      }
      const total = samples * samples
      const alpha = cover / total
      const mix = cover === 0 ? 0 : white / cover
      const rgb = background.map((c) => Math.round(c + (255 - c) * mix))
      const offset = (py * size + px) * 4
      const [r, g, b] = rgb
      pixels[offset] = order === 'rgba' ? r : b
      pixels[offset + 1] = g
      pixels[offset + 2] = order === 'rgba' ? b : r
      pixels[offset + 3] = Math.round(alpha * 255)
    }
  }
  return pixels
}

function insideRoundedSquare(x: number, y: number, margin: number, radius: number): boolean {
  const lo = margin + radius
  const hi = 1 - margin - radius
  const dx = Math.max(lo - x, 0, x - hi)
  const dy = Math.max(lo - y, 0, y - hi)
  return x >= margin && x <= 1 - margin && y >= margin && y <= 1 - margin && dx * dx + dy * dy <= radius * radius
}

function onMagnifier(x: number, y: number): boolean {
  const ring = Math.hypot(x - 0.44, y - 0.44)
  if (ring >= 0.17 && ring <= 0.25) return true
  // Handle: a thick segment from the lens edge towards the bottom-right corner.
  const t = Math.max(0, Math.min(1, ((x - 0.61) * 0.17 + (y - 0.61) * 0.17) / (2 * 0.17 * 0.17)))
  const hx = 0.61 + 0.17 * t
  const hy = 0.61 + 0.17 * t
  return Math.hypot(x - hx, y - hy) <= 0.055
}
