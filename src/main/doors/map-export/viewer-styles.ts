// The exported map's styles, inlined into the HTML file and allowed there by their hash (see map-html.ts).

export const VIEWER_STYLES = String.raw`/* The exported map's styles (allowed by hash in its CSP). */
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1a1a1a; --muted: #555555; --panel: #f4f4f4; --border: #d0d0d0; }
@media (prefers-color-scheme: dark) { :root { --bg: #141414; --fg: #f2f2f2; --muted: #b8b8b8; --panel: #1f1f1f; --border: #3a3a3a; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif; background: var(--bg); color: var(--fg); }
header { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: baseline; padding: 12px 16px; border-bottom: 1px solid var(--border); }
header h1 { font-size: 18px; margin: 0; }
header p { margin: 0; color: var(--muted); }
main { display: grid; grid-template-columns: 1fr 260px; height: calc(100vh - 56px); min-height: 360px; }
.stage { position: relative; overflow: hidden; }
#map { width: 100%; height: 100%; display: block; touch-action: none; cursor: grab; }
#map:focus-visible { outline: 3px solid #4477aa; outline-offset: -3px; }
#tooltip { position: absolute; max-width: 360px; padding: 6px 8px; border: 1px solid var(--border); border-radius: 6px; background: var(--panel); pointer-events: none; display: grid; gap: 2px; }
#tooltip[hidden] { display: none; }
#tooltip span { color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
aside { border-left: 1px solid var(--border); padding: 12px; overflow: auto; background: var(--panel); }
aside label { display: grid; gap: 4px; margin-bottom: 12px; }
#legend { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
#legend button { display: flex; gap: 8px; align-items: center; width: 100%; padding: 3px 4px; border: 0; background: none; color: inherit; font: inherit; text-align: left; cursor: pointer; border-radius: 4px; }
#legend button[aria-pressed="false"] { opacity: 0.45; text-decoration: line-through; }
#legend button:focus-visible { outline: 2px solid #4477aa; }
.swatch { flex: none; width: 12px; height: 12px; border-radius: 50%; }
.hint { color: var(--muted); font-size: 12px; }
details { padding: 12px 16px; border-top: 1px solid var(--border); }
#note-list { list-style: none; padding: 0; columns: 3 280px; }
#note-list > li { break-inside: avoid; margin-bottom: 12px; }
#note-list h3 { font-size: 14px; margin: 0 0 4px; }
#note-list ul { margin: 0; padding-left: 18px; }
.note { overflow-wrap: anywhere; }
`
