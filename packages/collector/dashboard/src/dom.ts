/** A tiny element builder: `h('td', { class: 'num' }, '12')`. Text is always set as text. */
type Attrs = Record<string, string | number | boolean | undefined | EventListener>
type Child = Node | string | number | null | undefined | false | Child[]

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue
    if (typeof value === 'function') element.addEventListener(key.replace(/^on/, ''), value)
    else if (value === true) element.setAttribute(key, '')
    else element.setAttribute(key, String(value))
  }
  append(element, children)
  return element
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    if (Array.isArray(child)) append(parent, child)
    else
      parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)))
  }
}

const SVG = 'http://www.w3.org/2000/svg'

export function svg(tag: string, attrs: Record<string, string | number> = {}, ...children: Node[]) {
  const element = document.createElementNS(SVG, tag)
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value))
  for (const child of children) element.appendChild(child)
  return element
}

export const fmtCount = (n: number) => n.toLocaleString('en-US')
export const fmtPct = (n: number) => `${(n * 100).toFixed(n > 0 && n < 0.1 ? 1 : 0)} %`
export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`
  return `${Number((ms / 86_400_000).toFixed(1))} d`
}
export const fmtTime = (ms: number) =>
  new Date(ms).toLocaleString('en-GB', {
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })

/** A horizontal bar (0–1) for tables and lists. */
export const bar = (share: number, kind = '') =>
  h(
    'span',
    { class: `bar ${kind}` },
    h('span', { style: `width:${Math.max(0, Math.min(1, share)) * 100}%` }),
  )
