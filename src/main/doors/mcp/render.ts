// Readable text beside each MCP tool's structured result: what a model (or a person reading the transcript) sees first.
import type { NoteTextOutput, RelatedOutput, SearchOutput, StatusOutput } from '../operations'
import type { WireHit } from '../wire'

const PASSAGE_CHARS = 600

function hitLines(hits: WireHit[], firstRank: number): string[] {
  return hits.map((hit, i) => {
    const passage = hit.passage.replace(/\s+/g, ' ').trim()
    const excerpt = passage.length > PASSAGE_CHARS ? `${passage.slice(0, PASSAGE_CHARS - 1)}…` : passage
    const where = `${hit.path}:${hit.lineStart}`
    const heading = hit.heading ? `   section: ${hit.heading}\n` : ''
    return `${firstRank + i}. ${hit.title} — ${where}\n   score ${hit.score.toFixed(2)}, matched by ${hit.matchedBy.join(' + ')}, modified ${hit.modified.slice(0, 10)}\n${heading}   ${excerpt}`
  })
}

export function renderSearch(result: SearchOutput): string {
  if (result.hits.length === 0) return `No notes match "${result.query}" (${result.mode}). Try other words, another mode, or check index_status.`
  const header = `${result.total} note(s) match "${result.query}" (${result.mode}${result.semanticAvailable ? '' : '; no model loaded, so words only'}); showing ${result.offset + 1}-${result.offset + result.hits.length}:`
  const more = result.offset + result.hits.length < result.total ? `\n(more: offset ${result.offset + result.hits.length})` : ''
  return `${header}\n\n${hitLines(result.hits, result.offset + 1).join('\n\n')}${more}`
}

export function renderRelated(result: RelatedOutput): string {
  if (result.hits.length === 0) return `No notes close in meaning to ${result.path}.`
  return `Notes closest in meaning to ${result.path}:\n\n${hitLines(result.hits, 1).join('\n\n')}`
}

export function renderNote(note: NoteTextOutput): string {
  const end = note.offset + note.text.length
  const slice = note.offset > 0 || note.nextOffset !== null ? ` (characters ${note.offset}-${end} of ${note.totalChars}${note.nextOffset !== null ? `; continue with offset ${note.nextOffset}` : ''})` : ''
  return `# ${note.title}\n${note.path}, modified ${note.modified.slice(0, 10)}${slice}\n\n${note.text}`
}

export function renderStatus(status: StatusOutput): string {
  const roots = status.roots.map((r) => `- ${r.path}: ${r.files} notes, ${r.chunks} passages (${r.state})`).join('\n')
  const model = `${status.model.id} (${status.model.state}${status.model.detail ? `: ${status.model.detail}` : ''})`
  return [
    `${status.files} notes, ${status.chunks} passages indexed.`,
    roots || '- no folders indexed yet: add folders in the Semnote app or run `semnote index <folder>`.',
    `Model: ${model}. Health: ${status.health}${status.healthDetail ? ` (${status.healthDetail})` : ''}.`,
    `Kept up to date by: ${status.updatedBy}.`
  ].join('\n')
}
