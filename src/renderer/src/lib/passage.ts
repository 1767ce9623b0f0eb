// Marks the hit inside a rendered note: blocks overlapping the passage's lines, and its matched terms.
import type { Passage } from '../../../shared/types'

const MAX_TERM_MARKS = 200

/**
 * Adds `hit-block` to every element with data-line/data-line-end overlapping the passage,
 * wraps literal term matches inside those blocks in <mark class="hl-term"> (text nodes only),
 * and returns the first marked block (to scroll to). Earlier marks are removed first.
 */
export function markPassage(container: HTMLElement, passage: Passage): HTMLElement | null {
  clearMarks(container)
  const blocks = [...container.querySelectorAll<HTMLElement>('[data-line]')].filter((el) => {
    const start = Number(el.dataset.line)
    const end = Number(el.dataset.lineEnd ?? el.dataset.line)
    return start <= passage.lineEnd && end >= passage.lineStart
  })
  // Keep only the innermost blocks so a list and its items are not both painted.
  const innermost = blocks.filter((el) => !blocks.some((other) => other !== el && el.contains(other)))
  for (const block of innermost) block.classList.add('hit-block')
  const terms = [...new Set(passage.highlights.filter((h) => h.kind === 'term').map((h) => passage.text.slice(h.start, h.end).trim()))].filter((term) => term.length > 0)
  if (terms.length) for (const block of innermost) markTerms(block, terms)
  // A long passage can be taller than the pane: bring the block with the query's words into view, else its start.
  return innermost.find((block) => block.querySelector('mark.passage-term')) ?? innermost[0] ?? null
}

function clearMarks(container: HTMLElement): void {
  for (const el of container.querySelectorAll('.hit-block')) el.classList.remove('hit-block')
  const parents = new Set<Node>()
  for (const mark of container.querySelectorAll('mark.passage-term')) {
    if (mark.parentNode) parents.add(mark.parentNode)
    mark.replaceWith(document.createTextNode(mark.textContent ?? ''))
  }
  // Only where marks were: normalizing the whole container would also drop the empty text nodes Vue anchors lists with.
  for (const parent of parents) parent.normalize()
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function markTerms(block: HTMLElement, terms: string[]): void {
  const pattern = new RegExp(terms.map(escapeRegExp).join('|'), 'giu')
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
  const textNodes: Text[] = []
  while (walker.nextNode()) textNodes.push(walker.currentNode as Text)
  let marks = 0
  for (const node of textNodes) {
    const text = node.data
    const matches = [...text.matchAll(pattern)]
    if (!matches.length) continue
    const fragment = document.createDocumentFragment()
    let last = 0
    for (const match of matches) {
      if (marks >= MAX_TERM_MARKS) break
      const start = match.index ?? 0
      fragment.append(document.createTextNode(text.slice(last, start)))
      const mark = document.createElement('mark')
      mark.className = 'hl-term passage-term'
      mark.textContent = match[0]
      fragment.append(mark)
      last = start + match[0].length
      marks++
    }
    fragment.append(document.createTextNode(text.slice(last)))
    node.replaceWith(fragment)
  }
}
