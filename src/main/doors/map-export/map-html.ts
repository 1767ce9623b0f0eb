// The map as one self-contained HTML file: the notes as a JSON data block, the viewer script and styles inline and
// allowed by hash in a strict CSP (no other script, no network). Note texts only ever appear inside the JSON block.
import { createHash } from 'node:crypto'
import type { MapLayout } from '../../../shared/map'
import { clusterName, folderGroups, groupColour, PALETTE_SIZE, UNGROUPED_COLOUR, type MapTheme } from '../../../shared/map-groups'
import { VIEWER_SCRIPT } from './viewer-script'
import { VIEWER_STYLES } from './viewer-styles'

export interface MapHtmlOptions {
  /** When the file was made (shown in its header). */
  generatedAt: Date
}

/** Text the viewer shows that comes from here rather than from the notes. */
const VIEWER_TEXT = { unknown: 'unknown', other: 'other', unclustered: 'Not in a cluster' }

/** The CSP source for an inline element's exact text. */
function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

/** JSON that can sit inside a <script> element: no "<" (so no "</script>" or "<!--"), no raw line separators. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

/** The data block the viewer reads. */
function viewerData(layout: MapLayout): object {
  const { notes } = layout
  const palette = (theme: MapTheme) => Array.from({ length: PALETTE_SIZE }, (_, i) => groupColour(theme, i))
  return {
    notes: {
      path: notes.path,
      title: notes.title,
      x: notes.x,
      y: notes.y,
      cluster: notes.cluster,
      lang: notes.lang,
      folder: folderGroups(notes.path, notes.root)
    },
    clusters: layout.clusters.map((cluster) => ({ name: clusterName(cluster.terms), size: cluster.size, x: cluster.x, y: cluster.y })),
    palette: { light: palette('light'), dark: palette('dark'), ungrouped: UNGROUPED_COLOUR },
    text: VIEWER_TEXT
  }
}

/** The whole HTML document for `layout`. */
export function mapHtml(layout: MapLayout, options: MapHtmlOptions): string {
  const count = layout.notes.path.length
  const csp = [
    "default-src 'none'",
    `script-src ${hashSource(VIEWER_SCRIPT)}`,
    `style-src ${hashSource(VIEWER_STYLES)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'"
  ].join('; ')
  const summary = `${count} notes · ${layout.clusters.length} clusters · ${options.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Semnote map</title>
<style>${VIEWER_STYLES}</style>
</head>
<body>
<header>
<h1>Notes by meaning</h1>
<p>${summary}</p>
<p class="hint">Drag to move, scroll or +/− to zoom, 0 to fit, arrow keys to move; point at a dot for its title.</p>
</header>
<main>
<div class="stage">
<canvas id="map" tabindex="0" aria-label="Map of ${count} notes"></canvas>
<div id="tooltip" role="status" hidden></div>
</div>
<aside>
<label>Colour by
<select id="colour-by"><option value="cluster">Cluster</option><option value="folder">Folder</option><option value="language">Language</option></select>
</label>
<ul id="legend" aria-label="Groups (click to hide or show)"></ul>
</aside>
</main>
<details><summary>All notes (${count})</summary><ol id="note-list"></ol></details>
<script type="application/json" id="map-data">${scriptSafeJson(viewerData(layout))}</script>
<script>${VIEWER_SCRIPT}</script>
</body>
</html>
`
}
