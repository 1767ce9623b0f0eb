// WCAG contrast of rendered text against its effective background, computed in the page (as a string: no DOM types node-side).

export interface ContrastReading {
  selector: string
  ratio: number
}

/** An expression that evaluates, in the page, to the lowest contrast ratio found for each selector present. */
export function contrastExpression(selectors: string[]): string {
  return `(() => {
    const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number)
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4) }
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
    }
    const background = (el) => {
      for (let n = el; n; n = n.parentElement) {
        const c = parse(getComputedStyle(n).backgroundColor)
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3)
      }
      return [255, 255, 255]
    }
    return ${JSON.stringify(selectors)}.flatMap((selector) => {
      const els = [...document.querySelectorAll(selector)].filter((el) => el.getClientRects().length > 0)
      if (!els.length) return []
      const ratios = els.map((el) => {
        const a = lum(parse(getComputedStyle(el).color).slice(0, 3))
        const b = lum(background(el))
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
      })
      return [{ selector, ratio: Math.round(Math.min(...ratios) * 100) / 100 }]
    })
  })()`
}

/** Text the search view shows, checked against WCAG AA (4.5:1 for body text). */
export const TEXT_SELECTORS = [
  '.result-title',
  '.result-meta',
  '.result-heading',
  '.result-passage',
  'mark.hl-term',
  '.reason',
  '.more-passages',
  '.results-count',
  '.key-hints',
  '.preview-title',
  '.preview-path',
  '.markdown-body p',
  '.root-name',
  '.root-path',
  '.root-counts',
  '.chip',
  '.segmented button',
  '.status-bar .muted',
  '.status-idle',
  'button.primary',
  '.search-input'
]
