// The exported map's viewer script, inlined into the HTML file and allowed there by its hash (see map-html.ts).
// Plain browser JavaScript in a raw string (no backticks or dollar-brace inside): it runs in the exported page, not here.

export const VIEWER_SCRIPT = String.raw`// The exported map's viewer: reads the notes from the page's JSON block and draws them on a canvas (pan, zoom, hover
// titles, cluster names, colour by cluster / folder / language). Runs under a CSP that allows only this script; every
// note text reaches the page as text (textContent, canvas fillText), never as markup.
;(() => {
  'use strict'
  const data = JSON.parse(document.getElementById('map-data').textContent)
  const notes = data.notes
  const count = notes.x.length
  const canvas = document.getElementById('map')
  const context = canvas.getContext('2d')
  const tooltip = document.getElementById('tooltip')
  const legend = document.getElementById('legend')
  const colourBy = document.getElementById('colour-by')
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches
  const theme = dark ? 'dark' : 'light'
  const palette = data.palette[theme]
  const ungrouped = data.palette.ungrouped[theme]

  // ---- groups and colours ----
  function groupsBy(mode) {
    if (mode === 'cluster') {
      return {
        of: notes.cluster,
        names: data.clusters.map((c) => c.name),
        colour: (g) => (g < 0 ? ungrouped : palette[g % palette.length])
      }
    }
    const keys = mode === 'folder' ? notes.folder : notes.lang
    const counts = new Map()
    for (const key of keys) counts.set(key, (counts.get(key) || 0) + 1)
    const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([key]) => key)
    const shown = ranked.slice(0, palette.length)
    const index = new Map(shown.map((key, i) => [key, i]))
    const names = shown.map((key) => key || data.text.unknown)
    if (ranked.length > shown.length) names.push(data.text.other)
    return {
      of: keys.map((key) => (index.has(key) ? index.get(key) : shown.length)),
      names,
      colour: (g) => (g < 0 || g >= shown.length ? ungrouped : palette[g])
    }
  }
  let groups = groupsBy('cluster')
  const hidden = new Set()

  function renderLegend() {
    legend.replaceChildren()
    groups.names.forEach((name, g) => {
      const item = document.createElement('li')
      const button = document.createElement('button')
      button.type = 'button'
      button.setAttribute('aria-pressed', String(!hidden.has(g)))
      const swatch = document.createElement('span')
      swatch.className = 'swatch'
      swatch.style.background = groups.colour(g)
      const label = document.createElement('span')
      label.textContent = name
      button.append(swatch, label)
      button.addEventListener('click', () => {
        if (hidden.has(g)) hidden.delete(g)
        else hidden.add(g)
        button.setAttribute('aria-pressed', String(!hidden.has(g)))
        draw()
      })
      item.append(button)
      legend.append(item)
    })
  }

  // ---- view: layout coordinates -> CSS pixels ----
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (let i = 0; i < count; i++) {
    minX = Math.min(minX, notes.x[i])
    maxX = Math.max(maxX, notes.x[i])
    minY = Math.min(minY, notes.y[i])
    maxY = Math.max(maxY, notes.y[i])
  }
  if (count === 0) minX = minY = -1, maxX = maxY = 1
  const view = { scale: 1, x: 0, y: 0 }
  function fit() {
    const width = canvas.clientWidth
    const height = canvas.clientHeight
    view.scale = 0.9 * Math.min(width / Math.max(maxX - minX, 1e-6), height / Math.max(maxY - minY, 1e-6))
    view.x = width / 2 - ((minX + maxX) / 2) * view.scale
    view.y = height / 2 - ((minY + maxY) / 2) * view.scale
  }
  const toScreen = (i) => [notes.x[i] * view.scale + view.x, notes.y[i] * view.scale + view.y]

  function resize() {
    const ratio = window.devicePixelRatio || 1
    canvas.width = Math.round(canvas.clientWidth * ratio)
    canvas.height = Math.round(canvas.clientHeight * ratio)
    context.setTransform(ratio, 0, 0, ratio, 0, 0)
  }

  let hovered = -1
  let drawn = 0
  function draw() {
    const width = canvas.clientWidth
    const height = canvas.clientHeight
    context.clearRect(0, 0, width, height)
    const radius = Math.max(2, Math.min(6, 1.2 + Math.sqrt(view.scale / 200)))
    const byColour = new Map()
    drawn = 0
    for (let i = 0; i < count; i++) {
      const g = groups.of[i]
      if (hidden.has(g)) continue
      const [sx, sy] = toScreen(i)
      drawn++
      if (sx < -radius || sy < -radius || sx > width + radius || sy > height + radius) continue
      const colour = groups.colour(g)
      let path = byColour.get(colour)
      if (!path) byColour.set(colour, (path = new Path2D()))
      path.moveTo(sx + radius, sy)
      path.arc(sx, sy, radius, 0, Math.PI * 2)
    }
    for (const [colour, path] of byColour) {
      context.fillStyle = colour
      context.fill(path)
    }
    if (hovered >= 0) {
      const [sx, sy] = toScreen(hovered)
      context.lineWidth = 2
      context.strokeStyle = dark ? '#ffffff' : '#000000'
      context.beginPath()
      context.arc(sx, sy, radius + 3, 0, Math.PI * 2)
      context.stroke()
    }
    drawClusterNames()
    canvas.dataset.drawn = String(drawn)
  }

  function drawClusterNames() {
    context.font = '600 13px system-ui, sans-serif'
    context.textAlign = 'center'
    context.textBaseline = 'middle'
    context.lineJoin = 'round'
    const placed = []
    const ordered = data.clusters.map((c, i) => [c, i]).sort((a, b) => b[0].size - a[0].size)
    for (const [cluster, index] of ordered) {
      if (colourBy.value === 'cluster' && hidden.has(index)) continue
      const sx = cluster.x * view.scale + view.x
      const sy = cluster.y * view.scale + view.y
      const width = context.measureText(cluster.name).width + 8
      const box = [sx - width / 2, sy - 10, sx + width / 2, sy + 10]
      if (placed.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) continue
      placed.push(box)
      context.lineWidth = 4
      context.strokeStyle = dark ? 'rgba(20,20,20,0.85)' : 'rgba(255,255,255,0.9)'
      context.strokeText(cluster.name, sx, sy)
      context.fillStyle = dark ? '#f2f2f2' : '#1a1a1a'
      context.fillText(cluster.name, sx, sy)
    }
  }

  // ---- hover: nearest point within a few pixels (grid over layout coordinates) ----
  const cell = Math.max((maxX - minX) / 64, (maxY - minY) / 64, 1e-6)
  const grid = new Map()
  for (let i = 0; i < count; i++) {
    const key = Math.floor((notes.x[i] - minX) / cell) + ',' + Math.floor((notes.y[i] - minY) / cell)
    const bucket = grid.get(key)
    if (bucket) bucket.push(i)
    else grid.set(key, [i])
  }
  function nearest(px, py) {
    const x = (px - view.x) / view.scale
    const y = (py - view.y) / view.scale
    const reach = 8 / view.scale
    let best = -1
    let bestDistance = reach * reach
    const cx = Math.floor((x - minX) / cell)
    const cy = Math.floor((y - minY) / cell)
    const span = Math.ceil(reach / cell)
    for (let gx = cx - span; gx <= cx + span; gx++) {
      for (let gy = cy - span; gy <= cy + span; gy++) {
        for (const i of grid.get(gx + ',' + gy) || []) {
          if (hidden.has(groups.of[i])) continue
          const d = (notes.x[i] - x) ** 2 + (notes.y[i] - y) ** 2
          if (d <= bestDistance) (best = i), (bestDistance = d)
        }
      }
    }
    return best
  }

  function showTooltip(i, px, py) {
    if (i < 0) {
      tooltip.hidden = true
      return
    }
    tooltip.replaceChildren()
    const title = document.createElement('strong')
    title.textContent = notes.title[i] || notes.path[i]
    const path = document.createElement('span')
    path.textContent = notes.path[i]
    tooltip.append(title, path)
    if (notes.cluster[i] >= 0) {
      const cluster = document.createElement('span')
      cluster.textContent = data.clusters[notes.cluster[i]].name
      tooltip.append(cluster)
    }
    tooltip.hidden = false
    tooltip.style.left = Math.min(px + 14, canvas.clientWidth - tooltip.offsetWidth - 4) + 'px'
    tooltip.style.top = Math.min(py + 14, canvas.clientHeight - tooltip.offsetHeight - 4) + 'px'
  }

  // ---- interaction ----
  let drag = null
  canvas.addEventListener('pointerdown', (event) => {
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y }
    canvas.setPointerCapture(event.pointerId)
  })
  canvas.addEventListener('pointermove', (event) => {
    const rect = canvas.getBoundingClientRect()
    if (drag) {
      view.x = drag.vx + event.clientX - drag.x
      view.y = drag.vy + event.clientY - drag.y
      requestDraw()
      return
    }
    const i = nearest(event.clientX - rect.left, event.clientY - rect.top)
    if (i !== hovered) {
      hovered = i
      requestDraw()
    }
    showTooltip(i, event.clientX - rect.left, event.clientY - rect.top)
  })
  canvas.addEventListener('pointerup', () => (drag = null))
  canvas.addEventListener('pointerleave', () => {
    hovered = -1
    showTooltip(-1)
    requestDraw()
  })
  function zoomAt(factor, px, py) {
    view.x = px - (px - view.x) * factor
    view.y = py - (py - view.y) * factor
    view.scale *= factor
    requestDraw()
  }
  canvas.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault()
      const rect = canvas.getBoundingClientRect()
      zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top)
    },
    { passive: false }
  )
  canvas.addEventListener('keydown', (event) => {
    const step = 40
    const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }
    if (moves[event.key]) {
      view.x += moves[event.key][0]
      view.y += moves[event.key][1]
      requestDraw()
    } else if (event.key === '+' || event.key === '=') zoomAt(1.25, canvas.clientWidth / 2, canvas.clientHeight / 2)
    else if (event.key === '-') zoomAt(0.8, canvas.clientWidth / 2, canvas.clientHeight / 2)
    else if (event.key === '0') (fit(), requestDraw())
    else return
    event.preventDefault()
  })
  colourBy.addEventListener('change', () => {
    groups = groupsBy(colourBy.value)
    hidden.clear()
    renderLegend()
    draw()
  })
  let pending = false
  function requestDraw() {
    if (pending) return
    pending = true
    requestAnimationFrame(() => {
      pending = false
      draw()
    })
  }
  window.addEventListener('resize', () => {
    resize()
    draw()
  })

  // ---- every note as text, by cluster ----
  function renderList() {
    const list = document.getElementById('note-list')
    const byCluster = new Map()
    for (let i = 0; i < count; i++) {
      const key = notes.cluster[i]
      if (!byCluster.has(key)) byCluster.set(key, [])
      byCluster.get(key).push(i)
    }
    const keys = [...byCluster.keys()].sort((a, b) => (a < 0) - (b < 0) || byCluster.get(b).length - byCluster.get(a).length)
    for (const key of keys) {
      const section = document.createElement('li')
      const heading = document.createElement('h3')
      heading.textContent = key < 0 ? data.text.unclustered : data.clusters[key].name
      const items = document.createElement('ul')
      for (const i of byCluster.get(key)) {
        const item = document.createElement('li')
        item.className = 'note'
        item.textContent = notes.title[i] || notes.path[i]
        item.title = notes.path[i]
        items.append(item)
      }
      section.append(heading, items)
      list.append(section)
    }
  }

  resize()
  fit()
  renderLegend()
  renderList()
  draw()
  document.body.dataset.ready = 'true'
})()
`
