import { afterEach, describe, expect, it } from 'vitest'
import { nameElement, truncateName } from '../../src/detection/naming'
import { fixtures, type NamingFixture } from './naming.fixtures'

let cleanup: (() => void) | undefined

afterEach(() => {
  cleanup?.()
  cleanup = undefined
  document.body.replaceChildren()
})

/** Mounts the fixture in a fresh container of the body and returns its target element. */
function mount(fixture: NamingFixture): Element {
  const container = document.createElement('div')
  container.className = 'fixture'
  document.body.append(container)
  // setHTMLUnsafe parses <template shadowrootmode> into real shadow roots.
  container.setHTMLUnsafe(fixture.html)
  cleanup = fixture.setup?.(container)
  return find(container, fixture.target)
}

/** `querySelector`, where ` >>> ` steps into the open shadow root of the element found so far. */
function find(container: Element, target: string): Element {
  let scope: ParentNode = container
  let found: Element | null = null
  for (const selector of target.split('>>>')) {
    found = scope.querySelector(selector.trim())
    if (!found) throw new Error(`fixture target not found: ${selector.trim()} (in ${target})`)
    scope = found.shadowRoot ?? found
  }
  return found as Element
}

const run = (fixture: NamingFixture, overrides: { masked?: boolean } = {}) =>
  nameElement(mount(fixture), {
    nameAttribute: fixture.nameAttribute,
    masked: overrides.masked ?? fixture.masked ?? false,
  })

describe('nameElement: conformance fixtures', () => {
  it('has at least 80 fixtures with unique titles', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(80)
    expect(new Set(fixtures.map((f) => f.title)).size).toBe(fixtures.length)
  })

  it.each(fixtures)('$title', (fixture) => {
    const result = run(fixture)
    expect(result).toEqual(fixture.expected)
    expect(result.name).not.toContain('SECRET')
  })
})

describe('nameElement: invariants over every fixture', () => {
  it.each(fixtures)('masked: $title', (fixture) => {
    const result = run(fixture, { masked: true })
    if (fixture.expected.source === 'attribute') expect(result).toEqual(fixture.expected)
    else expect(result).toEqual({ name: 'Masked element', source: 'masked' })
  })

  it('names are at most 100 characters, trimmed, with collapsed whitespace', () => {
    for (const fixture of fixtures) {
      const { name } = run(fixture)
      expect(name.length).toBeLessThanOrEqual(100)
      expect(name).toBe(name.replace(/\s+/g, ' ').trim())
      cleanup?.()
      cleanup = undefined
      document.body.replaceChildren()
    }
  })
})

describe('nameElement: cost', () => {
  it('reads only the start of a huge element, without innerText', () => {
    const container = document.createElement('div')
    container.className = 'huge'
    for (let i = 0; i < 5000; i++) {
      const row = document.createElement('p')
      row.textContent = `Row ${i} with some words in it`
      container.append(row)
    }
    document.body.append(container)
    const text = document.createTextNode('x'.repeat(1_000_000))
    const first = container.firstElementChild as Element
    first.prepend(text)
    void container.offsetHeight

    const innerText = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'innerText')
    let innerTextReads = 0
    Object.defineProperty(HTMLElement.prototype, 'innerText', {
      configurable: true,
      get() {
        innerTextReads++
        return innerText?.get?.call(this)
      },
    })
    try {
      const started = performance.now()
      const result = nameElement(container, { masked: false })
      const elapsed = performance.now() - started
      expect(result.source).toBe('text')
      expect(result.name).toBe(`${'x'.repeat(94)} [...]`)
      expect(innerTextReads).toBe(0)
      expect(elapsed).toBeLessThan(50)
    } finally {
      if (innerText) Object.defineProperty(HTMLElement.prototype, 'innerText', innerText)
    }
  })

  it('visits a bounded number of elements when they hold no text', () => {
    const container = document.createElement('div')
    container.innerHTML = '<span><i></i></span>'.repeat(20_000)
    document.body.append(container)
    // The page's own style recalculation after building 40 000 elements is not ours to time.
    void container.offsetHeight
    const original = window.getComputedStyle
    let calls = 0
    window.getComputedStyle = (...args) => {
      calls++
      return original.apply(window, args)
    }
    try {
      const started = performance.now()
      expect(nameElement(container, { masked: false })).toEqual({ name: '', source: 'text' })
      expect(performance.now() - started).toBeLessThan(100)
      expect(calls).toBeLessThan(1_000)
    } finally {
      window.getComputedStyle = original
    }
  })

  it('does not compute the content when an earlier rule names the element', () => {
    const button = document.createElement('button')
    button.setAttribute('aria-label', 'Close')
    document.body.append(button)
    const original = window.getComputedStyle
    let calls = 0
    window.getComputedStyle = (...args) => {
      calls++
      return original.apply(window, args)
    }
    try {
      expect(nameElement(button, { masked: false })).toEqual({
        name: 'Close',
        source: 'aria_label',
      })
      expect(calls).toBe(0)
    } finally {
      window.getComputedStyle = original
    }
  })
})

describe('truncateName', () => {
  it('keeps names of 100 characters or less', () => {
    expect(truncateName('')).toBe('')
    expect(truncateName('Add to cart')).toBe('Add to cart')
    expect(truncateName('a'.repeat(100))).toBe('a'.repeat(100))
  })

  it('cuts longer names to 100 characters ending in " [...]"', () => {
    const cut = truncateName('b'.repeat(101))
    expect(cut).toBe(`${'b'.repeat(94)} [...]`)
    expect(cut).toHaveLength(100)
  })

  it('does not leave a double space when the cut falls after a space', () => {
    const text = `${'g'.repeat(93)} ${'h'.repeat(20)}`
    expect(truncateName(text)).toBe(`${'g'.repeat(93)} [...]`)
  })

  it('never splits an emoji (a surrogate pair) at the cut', () => {
    const text = `${'c'.repeat(93)}😀${'d'.repeat(20)}`
    const cut = truncateName(text)
    expect(cut).toBe(`${'c'.repeat(93)} [...]`)
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/)
  })

  it('keeps an emoji that fits before the cut', () => {
    const text = `${'e'.repeat(92)}😀${'f'.repeat(20)}`
    expect(truncateName(text)).toBe(`${'e'.repeat(92)}😀 [...]`)
  })
})
