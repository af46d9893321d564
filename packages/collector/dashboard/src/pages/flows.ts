import { api, type FlowEdge, type Scoped } from '../api'
import { fmtCount, h, svg } from '../dom'
import { scope } from '../state'

let kind: 'action' | 'route' = 'action'

/** A two-column Sankey: what was done (left) → what came next (right), links weighted by count. */
export async function flows(view: HTMLElement): Promise<void> {
  const { edges } = await api<Scoped & { edges: FlowEdge[] }>('flows', {
    ...scope(),
    kind,
    limit: 40,
  })
  const toggle = h(
    'div',
    { class: 'segmented' },
    (['action', 'route'] as const).map((k) =>
      h(
        'button',
        {
          class: k === kind ? 'active' : '',
          'data-action-name': `Flows by ${k}`,
          onclick: () => {
            kind = k
            view.replaceChildren()
            void flows(view)
          },
        },
        k === 'action' ? 'Actions' : 'Pages',
      ),
    ),
  )
  view.append(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Flows', h('small', {}, ' what follows what, within a session'), toggle),
      edges.length === 0
        ? h('p', { class: 'muted' }, 'No consecutive pairs in this range.')
        : sankey(edges),
    ),
  )
}

function sankey(edges: FlowEdge[]): SVGElement {
  const total = edges.reduce((sum, e) => sum + e.count, 0)
  const sum = (key: 'from' | 'to') => {
    const map = new Map<string, number>()
    for (const e of edges) map.set(e[key], (map.get(e[key]) ?? 0) + e.count)
    return [...map.entries()].sort((a, b) => b[1] - a[1])
  }
  const left = sum('from')
  const right = sum('to')
  const width = 900
  const gap = 10
  const rows = Math.max(left.length, right.length)
  const height = Math.max(220, rows * 34 + 40)
  const scale = (height - 20 - gap * (rows - 1)) / total
  const nodeW = 14
  const xL = 210
  const xR = width - 210 - nodeW

  const place = (nodes: [string, number][]) => {
    const out = new Map<string, { y: number; h: number; used: number }>()
    let y = 10
    for (const [name, count] of nodes) {
      const hgt = Math.max(2, count * scale)
      out.set(name, { y, h: hgt, used: 0 })
      y += hgt + gap
    }
    return out
  }
  const L = place(left)
  const R = place(right)
  const colors = ['#2563eb', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d']
  const colorOf = new Map(left.map(([name], i) => [name, colors[i % colors.length] as string]))

  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'sankey',
    role: 'img',
    'aria-label': 'Flows',
    'data-testid': 'sankey',
  })
  for (const e of [...edges].sort((a, b) => b.count - a.count)) {
    const a = L.get(e.from)
    const b = R.get(e.to)
    if (!a || !b) continue
    const t = Math.max(1, e.count * scale)
    const y1 = a.y + a.used + t / 2
    const y2 = b.y + b.used + t / 2
    a.used += t
    b.used += t
    const x1 = xL + nodeW
    const x2 = xR
    const mid = (x1 + x2) / 2
    const path = svg('path', {
      d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`,
      stroke: colorOf.get(e.from) ?? '#2563eb',
      'stroke-width': t,
      'stroke-opacity': 0.28,
      fill: 'none',
    })
    const title = svg('title')
    title.textContent = `${e.from} → ${e.to}: ${fmtCount(e.count)}`
    path.appendChild(title)
    root.appendChild(path)
  }
  const label = (x: number, y: number, anchor: string, text: string) => {
    const t = svg('text', { x, y, 'text-anchor': anchor, 'dominant-baseline': 'middle' })
    t.textContent = text
    return t
  }
  for (const [name, count] of left) {
    const n = L.get(name) as { y: number; h: number }
    root.appendChild(
      svg('rect', { x: xL, y: n.y, width: nodeW, height: n.h, fill: colorOf.get(name) ?? '#333' }),
    )
    root.appendChild(label(xL - 8, n.y + n.h / 2, 'end', `${trim(name)}  ${fmtCount(count)}`))
  }
  for (const [name, count] of right) {
    const n = R.get(name) as { y: number; h: number }
    root.appendChild(svg('rect', { x: xR, y: n.y, width: nodeW, height: n.h, fill: '#475569' }))
    root.appendChild(
      label(xR + nodeW + 8, n.y + n.h / 2, 'start', `${fmtCount(count)}  ${trim(name)}`),
    )
  }
  return root
}

const trim = (text: string) => (text.length > 26 ? `${text.slice(0, 25)}…` : text)
