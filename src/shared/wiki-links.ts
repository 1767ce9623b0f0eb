// Wiki links and embeds of note apps (Obsidian, Logseq, Foam) as the words they show: used by the engine when it reads a
// note and by the preview when it renders one, so a passage and its preview agree.

/** `[[target]]`, `[[target|label]]`, `![[embed]]` (also `[[Note#Heading]]`, `[[Note^block]]`). */
const WIKI_LINK = /(!?)\[\[([^\]|\n]{1,300})(?:\|([^\]\n]{0,300}))?\]\]/g
/** An attachment named by an embed: only its name is a visible word. */
const ATTACHMENT = /\.(?:png|jpe?g|gif|webp|svg|bmp|avif|pdf|mp3|m4a|wav|ogg|flac|mp4|webm|mov|mkv|canvas|excalidraw)$/i

/** What a wiki link shows: its label, else its target ("Note > Heading" for a heading link, no block id, no attachment extension). */
function visibleWords(embed: string, target: string, label: string | undefined): string {
  if (label !== undefined && label.trim() !== '') return label.trim()
  const [note = '', ...anchors] = target.split('#')
  const headings = anchors.map((anchor) => anchor.replace(/\^[\w-]*$/, '').trim()).filter(Boolean)
  const name = note.replace(/\^[\w-]*$/, '').trim()
  const shown = embed && ATTACHMENT.test(name) ? name.replace(/^.*\//, '').replace(ATTACHMENT, '') : name
  return [shown, ...headings].filter(Boolean).join(' > ')
}

/** The line with every wiki link and embed replaced by its visible words (no brackets). */
export function replaceWikiLinks(line: string): string {
  if (!line.includes('[[')) return line
  return line.replace(WIKI_LINK, (_all, embed: string, target: string, label?: string) => visibleWords(embed, target, label))
}
