import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { selectorOf } from '../../src/detection/selector'
import { track } from './harness'

/** Appends the markup to the body in a container and returns the container. */
function mount(html: string): HTMLElement {
  const container = document.createElement('div')
  container.innerHTML = html.trim()
  document.body.append(container)
  return container
}

/** The element matched by `selector` inside `container`: the test's way to name its target. */
function find<E extends Element = HTMLElement>(container: ParentNode, selector: string): E {
  const found = container.querySelector<E>(selector)
  if (!found) throw new Error(`fixture element not found: ${selector}`)
  return found
}

/** The selector finds exactly `element` in its document or shadow root. */
function expectFindsExactly(selector: string | undefined, element: Element) {
  const root = element.getRootNode() as Document | ShadowRoot
  expect(selector).toBeTruthy()
  expect(root.querySelectorAll(selector as string)).toHaveLength(1)
  expect(root.querySelector(selector as string)).toBe(element)
}

/** Every class and id in a selector. */
const namesIn = (selector: string) => selector.match(/[.#](\\.|[\w-])+/g) ?? []

/** Generated names of each kind the selector must leave out. */
const GENERATED_CLASSES = [
  'css-1x2y3z',
  'sc-AxjAm',
  'jsx-3472',
  'svelte-1abc2de',
  'emotion-0',
  'ng-tns-c12-3',
  'ng-star-inserted',
  'Button_add__3kF9a',
  'item-48213',
]

describe('selectors of clicked elements', () => {
  it('anchored at the nearest ancestor with a unique stable id', async () => {
    const { eventFor } = track()
    const page = mount(
      '<main id="app"><section id="product-7"><button class="add">Add to cart</button></section></main>',
    )
    const add = find(page, 'button')
    await userEvent.click(add)
    const event = await eventFor('Add to cart')
    expect(event.action.target?.selector).toBe('#product-7 > button.add')
    expectFindsExactly(event.action.target?.selector, add)
  })

  it('the interactive element is the target when the click lands on an icon inside it', async () => {
    const { eventFor } = track()
    const page = mount(
      '<nav id="toolbar"><button class="icon-button" aria-label="Delete"><svg width="20" height="20"><rect width="20" height="20"></rect></svg></button></nav>',
    )
    const remove = find(page, 'button')
    await userEvent.click(find(page, 'rect'))
    const event = await eventFor('Delete')
    expect(event.action.target?.tag).toBe('button')
    expect(event.action.target?.selector).toBe('#toolbar > button.icon-button')
    expectFindsExactly(event.action.target?.selector, remove)
  })

  it('a unique data-testid or data-action-name is an anchor', async () => {
    const { eventFor } = track()
    const page = mount(`
      <div data-testid="cart-summary"><div class="row"><button class="primary">Checkout</button></div></div>
      <div><button data-action-name="Apply voucher">Apply</button></div>
    `)
    const checkout = find(page, 'button.primary')
    const apply = find(page, '[data-action-name]')
    await userEvent.click(checkout)
    await userEvent.click(apply)
    const first = await eventFor('Checkout')
    const second = await eventFor('Apply voucher')
    expect(first.action.target?.selector).toBe(
      '[data-testid="cart-summary"] > div.row > button.primary',
    )
    // The anchor alone: CSS.escape may escape the space inside the quotes (still valid CSS).
    expect(second.action.target?.selector).toMatch(/^\[data-action-name="Apply\\? voucher"\]$/)
    expectFindsExactly(first.action.target?.selector, checkout)
    expectFindsExactly(second.action.target?.selector, apply)
  })

  it('identical buttons in a list are told apart with :nth-of-type', async () => {
    const { events } = track()
    const page = mount(`
      <ul class="results">
        <li class="result"><span>Blue shoes</span><button class="buy">Buy</button></li>
        <li class="result"><span>Red shoes</span><button class="buy">Buy</button></li>
        <li class="result"><span>Green shoes</span><button class="buy">Buy</button></li>
      </ul>
    `)
    const buttons = [...page.querySelectorAll('button')]
    for (const each of buttons) await userEvent.click(each)
    await expect.poll(() => events.length, { timeout: 10_000 }).toBe(3)
    events.forEach((event, i) => {
      const selector = event.action.target?.selector
      expectFindsExactly(selector, buttons[i] as Element)
      expect(selector).toContain(`li.result:nth-of-type(${i + 1})`)
      // The button is the only button of its item: it needs no index of its own.
      expect(selector).toMatch(/> button\.buy$/)
    })
  })

  it('an element inside shadow DOM: the shadow root finds it', async () => {
    const { eventFor } = track()
    const host = document.createElement('quantity-picker')
    document.body.append(host)
    const shadow = host.attachShadow({ mode: 'open' })
    shadow.innerHTML = `
      <div class="picker">
        <button class="step" aria-label="Fewer">−</button>
        <span>1</span>
        <button class="step" aria-label="More">+</button>
      </div>`
    const more = find(shadow, '[aria-label=More]')
    await userEvent.click(more)
    const event = await eventFor('More')
    expectFindsExactly(event.action.target?.selector, more)
  })

  it('an element at the top level of a shadow root, next to others like it', async () => {
    const { eventFor } = track()
    const host = document.createElement('like-buttons')
    document.body.append(host)
    const shadow = host.attachShadow({ mode: 'open' })
    shadow.innerHTML = '<button>Like</button><button>Dislike</button>'
    const dislike = find(shadow, 'button:last-of-type')
    await userEvent.click(dislike)
    const event = await eventFor('Dislike')
    expectFindsExactly(event.action.target?.selector, dislike)
  })
})

describe('selectorOf', () => {
  it('leaves out generated class names and keeps at most 2 stable ones', () => {
    const page = mount(
      `<section id="checkout"><button class="${GENERATED_CLASSES.join(' ')} btn primary large rounded">Pay</button></section>`,
    )
    const pay = find(page, 'button')
    const selector = selectorOf(pay)
    expect(selector).toBe('#checkout > button.btn.primary')
    for (const name of GENERATED_CLASSES) expect(selector).not.toContain(name)
    expectFindsExactly(selector, pay)
  })

  it('each generated pattern alone is left out', () => {
    for (const name of GENERATED_CLASSES) {
      const page = mount(`<article id="card"><a class="${name} link" href="#x">Open</a></article>`)
      const link = find(page, 'a')
      expect(selectorOf(link), name).toBe('#card > a.link')
      page.remove()
    }
  })

  it('never more than 2 classes on any element of the path', () => {
    const page = mount(`
      <div class="p-4 flex gap-2 items-center"><div class="card shadow rounded border">
        <button class="btn btn-sm btn-outline w-full">Save</button>
      </div></div>
      <div class="p-4 flex gap-2 items-center"><div class="card shadow rounded border">
        <button class="btn btn-sm btn-outline w-full">Save</button>
      </div></div>
    `)
    const save = page.querySelectorAll('button')[1] as Element
    const selector = selectorOf(save)
    expectFindsExactly(selector, save)
    for (const part of selector.split(' > ')) {
      expect(part.match(/\.(\\.|[\w-])+/g)?.length ?? 0, part).toBeLessThanOrEqual(2)
    }
  })

  it('ids that look generated are not anchors', () => {
    const page = mount(`
      <section id="ember1234"><button class="add">Add</button></section>
      <section id="ember5678"><button class="add">Add</button></section>
    `)
    const second = page.querySelectorAll('button')[1] as Element
    const selector = selectorOf(second)
    expect(selector).not.toContain('ember')
    expect(selector).not.toMatch(/\d{3,}/)
    expectFindsExactly(selector, second)
  })

  it('a generated id on the element itself is not used; a stable one is', () => {
    const page = mount(`
      <form id="signup"><input id="input-83412" class="field" name="email"><input id="password" name="pw"></form>
    `)
    const email = find(page, 'input.field')
    const selector = selectorOf(email)
    expect(selector).not.toContain('83412')
    expectFindsExactly(selector, email)
    expect(selectorOf(find(page, '[name=pw]'))).toBe('#password')
  })

  it('the selector stays the same when generated classes change between renders', () => {
    const page = mount(`
      <div class="grid css-9a8b7c"><button class="tab sc-bdVaJa Tabs_tab__x7Yq2">Overview</button><button class="tab sc-bdVaJa Tabs_tab__x7Yq2">Reviews</button></div>
    `)
    const reviews = page.querySelectorAll('button')[1] as Element
    const before = selectorOf(reviews)
    // The next build or render: new hashes everywhere.
    const grid = find(page, 'div.grid')
    grid.className = 'grid css-1f2e3d'
    for (const tab of grid.querySelectorAll('button'))
      tab.className = 'tab sc-kEjbQP Tabs_tab__Qm4Lp'
    const after = selectorOf(reviews)
    expect(after).toBe(before)
    expectFindsExactly(after, reviews)
    for (const name of namesIn(after)) expect(name).not.toMatch(/css-|sc-|__/)
  })

  it(':nth-of-type only where needed', () => {
    const page = mount(`
      <div id="filters"><button class="chip">Size</button><button class="chip">Color</button><button class="chip">Brand</button></div>
      <div id="single"><button class="chip">Reset</button></div>
    `)
    expect(selectorOf(find(page, '#single > button'))).toBe('#single > button.chip')
    const chips = page.querySelectorAll('#filters > button')
    chips.forEach((chip, i) => {
      const selector = selectorOf(chip)
      expect(selector).toBe(`#filters > button.chip:nth-of-type(${i + 1})`)
      expectFindsExactly(selector, chip)
    })
  })

  it('a class that tells siblings apart makes an index unnecessary', () => {
    const page = mount(
      '<div id="pager"><button class="prev">‹</button><button class="next">›</button></div>',
    )
    expect(selectorOf(find(page, '.next'))).toBe('#pager > button.next')
  })

  it('an id or attribute that is not unique does not anchor, and the element is still found', () => {
    const page = mount(`
      <div id="dup"><button data-testid="remove">Remove</button></div>
      <div id="dup"><button data-testid="remove">Remove</button></div>
    `)
    const second = page.querySelectorAll('button')[1] as Element
    expectFindsExactly(selectorOf(second), second)
  })

  it('ids and attribute values with special characters are escaped', () => {
    const page = mount(`
      <div id="order:42.summary"><button>Pay</button></div>
      <div data-testid='say "hi" [now]'><button>Hi</button></div>
      <div id="1st"><button>First</button></div>
    `)
    for (const button of page.querySelectorAll('button'))
      expectFindsExactly(selectorOf(button), button)
  })

  it('the actionNameAttribute option anchors too, before data-action-name', () => {
    const page = mount(
      '<div data-track="promo-banner" data-action-name="Banner"><a href="#deal">Deal</a></div>',
    )
    expect(selectorOf(find(page, 'a'), 'data-track')).toBe('[data-track="promo-banner"] > a')
    expect(selectorOf(find(page, 'a'))).toBe('[data-action-name="Banner"] > a')
  })

  it('a deeply nested element in one of several identical cards is found', () => {
    // Component libraries wrap content in many layers; the cards differ only by position.
    const card = `<li class="card">${'<div class="layer">'.repeat(9)}<button class="buy">Buy</button>${'</div>'.repeat(9)}</li>`
    const page = mount(`<ul id="products">${card}${card}${card}</ul>`)
    const buttons = [...page.querySelectorAll('button')]
    for (const button of buttons) expectFindsExactly(selectorOf(button), button)
  })

  it('an element inside a shadow root is found by that root, next to look-alikes', () => {
    const host = document.createElement('rating-stars')
    document.body.append(host)
    const shadow = host.attachShadow({ mode: 'open' })
    shadow.innerHTML =
      '<div class="stars"><span class="star">★</span><span class="star">★</span><span class="star">★</span></div>'
    for (const star of shadow.querySelectorAll('.star')) expectFindsExactly(selectorOf(star), star)
  })
})
