import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { ActionEvent } from '../../src'
import { button, load, sleep, track } from './harness'

/** Longer than the 1 s rage-click window, with room for timers running late on a busy machine. */
const PAST_WINDOW = 1800

afterEach(() => {
  window.scrollTo(0, 0)
})

/**
 * Waits until `count` action events are in, then past every rage-click window that could still
 * be open, and checks that no further event came.
 */
async function settled(events: ActionEvent[], count: number): Promise<ActionEvent[]> {
  await expect.poll(() => events.length, { timeout: 10_000, interval: 20 }).toBe(count)
  await sleep(PAST_WINDOW)
  expect(events).toHaveLength(count)
  return events
}

/** Clicks `element` `times` times, one real click after the other. */
async function hammer(
  element: Element,
  times = 3,
  options?: Parameters<typeof userEvent.click>[1],
) {
  for (let i = 0; i < times; i++) await userEvent.click(element, options)
}

/** Appends an element built from `html` to the body and returns it. */
function mount<E extends Element = HTMLElement>(html: string): E {
  const template = document.createElement('template')
  template.innerHTML = html.trim()
  const element = template.content.firstElementChild as E
  document.body.append(element)
  return element
}

/** A page tall enough to scroll, with `element` near the top. */
function tallPage(element: Element) {
  const spacer = mount('<div style="height: 200px"></div>')
  spacer.after(element)
  mount('<div style="height: 4000px"></div>')
}

/** Resolves on the next scroll event of the document. */
const nextScroll = () =>
  new Promise<void>((resolve) =>
    document.addEventListener('scroll', () => resolve(), { once: true, capture: true }),
  )

/** Proof that the page really did nothing: the not-dead verdict comes from the rule under test. */
function expectNoActivity(event: ActionEvent) {
  expect(event.action.complete_reason).toBe('completed')
  expect(event.action).not.toHaveProperty('duration')
  expect(event.action.counts).toMatchObject({ requests: 0, mutations: 0, resources: 0 })
}

describe('rage clicks', () => {
  it('a dead button clicked 3 times is one action flagged rage and dead', async () => {
    const { events } = track()
    await hammer(button('Apply coupon'))
    const [event] = await settled(events, 1)
    expect(event?.action.name).toBe('Apply coupon')
    expect(event?.action.frustration).toHaveLength(2)
    expect(event?.action.frustration).toEqual(expect.arrayContaining(['rage', 'dead']))
  })

  it('a working button (each click fetches) clicked 3 times is rage, not dead', async () => {
    const { events } = track()
    let fetched = 0
    await hammer(
      button('Refresh prices', () => {
        fetched++
        void load(400)
      }),
    )
    const [event] = await settled(events, 1)
    expect(fetched).toBe(3)
    expect(event?.action.frustration).toEqual(['rage'])
    expect(event?.action.counts.requests).toBeGreaterThanOrEqual(1)
    expect(event?.action.duration).toBeGreaterThanOrEqual(400)
  })

  it('a fast triple click on a button is rage', async () => {
    const { events } = track()
    let clicked = 0
    const next = button('Next page', () => {
      clicked++
      document.body.append(document.createElement('p'))
    })
    await userEvent.tripleClick(next)
    const [event] = await settled(events, 1)
    expect(clicked).toBe(3)
    expect(event?.action.frustration).toEqual(['rage'])
  })

  it('more than 3 clicks are still one rage action', async () => {
    const { events } = track()
    await hammer(button('Retry'), 5)
    const [event] = await settled(events, 1)
    expect(event?.action.frustration).toContain('rage')
  })

  it('clicks on different parts of one button (icon, label) chain on the button', async () => {
    const { events } = track()
    const save = mount(
      '<button style="padding: 8px"><span class="icon">★</span> <span class="label">Save</span></button>',
    )
    const icon = save.querySelector('.icon') as Element
    const label = save.querySelector('.label') as Element
    for (const part of [icon, label, icon]) await userEvent.click(part)
    const [event] = await settled(events, 1)
    expect(event?.action.frustration).toContain('rage')
    expect(event?.action.target?.tag).toBe('button')
  })

  it('a double click is one action, not rage', async () => {
    const { events } = track()
    let clicked = 0
    await userEvent.dblClick(
      button('Zoom', () => {
        clicked++
        document.body.append(document.createElement('p'))
      }),
    )
    const [event] = await settled(events, 1)
    expect(clicked).toBe(2)
    expect(event?.action.frustration).not.toContain('rage')
  })

  it('two clicks of a dead button are dead, not rage', async () => {
    const { events } = track()
    await hammer(button('Expand'), 2)
    const [event] = await settled(events, 1)
    expect(event?.action.frustration).toEqual(['dead'])
  })

  it('clicks more than 1 s apart are separate actions, none rage', async () => {
    const { events } = track()
    const more = button('Load more', () => document.body.append(document.createElement('p')))
    for (let i = 0; i < 3; i++) {
      if (i > 0) await sleep(1300)
      await userEvent.click(more)
    }
    await settled(events, 3)
    for (const event of events) {
      expect(event.action.name).toBe('Load more')
      expect(event.action.frustration).toEqual([])
    }
  })

  it('fast clicks on three different buttons are three actions, none rage', async () => {
    const { events } = track()
    const buttons = ['Bold', 'Italic', 'Underline'].map((text) => button(text))
    for (const each of buttons) await userEvent.click(each)
    await settled(events, 3)
    expect(events.map((e) => e.action.name)).toEqual(['Bold', 'Italic', 'Underline'])
    for (const event of events) expect(event.action.frustration).not.toContain('rage')
  })

  it('clicks on one wide element far apart (over 100 px) do not chain', async () => {
    const { events } = track()
    const bar = mount('<button style="width: 500px; height: 40px">Timeline</button>')
    for (const x of [20, 260, 20]) await userEvent.click(bar, { position: { x, y: 20 } })
    await settled(events, 3)
    for (const event of events) expect(event.action.frustration).not.toContain('rage')
  })

  it('clicks each within 100 px of the previous one chain, even as they drift', async () => {
    const { events } = track()
    const bar = mount('<button style="width: 500px; height: 40px">Timeline</button>')
    // 80 px apart each time: 160 px from the first click at the end.
    for (const x of [20, 100, 180]) await userEvent.click(bar, { position: { x, y: 20 } })
    const [event] = await settled(events, 1)
    expect(event?.action.frustration).toContain('rage')
  })

  it('Ctrl-clicks never chain (opening links in new tabs)', async () => {
    const { events } = track()
    const link = mount<HTMLAnchorElement>('<a href="/docs" target="_blank">Docs</a>')
    link.addEventListener('click', (event) => event.preventDefault())
    await hammer(link, 3, { modifiers: ['Control'] })
    await settled(events, 3)
    for (const event of events) expect(event.action.frustration).toEqual([])
  })

  it('a Ctrl-click does not start a chain that plain clicks then join', async () => {
    const { events } = track()
    const link = mount<HTMLAnchorElement>('<a href="/docs" target="_blank">Docs</a>')
    link.addEventListener('click', (event) => event.preventDefault())
    await userEvent.click(link, { modifiers: ['Control'] })
    await hammer(link, 2)
    await settled(events, 2)
    for (const event of events) expect(event.action.frustration).not.toContain('rage')
  })

  it('a scroll between the clicks breaks the chain', async () => {
    const { events } = track()
    const more = button('Show details', () => document.body.append(document.createElement('p')))
    tallPage(more)
    await userEvent.click(more)
    const scrolled = nextScroll()
    window.scrollBy(0, 30)
    await scrolled
    await hammer(more, 2)
    await settled(events, 2)
    for (const event of events) expect(event.action.frustration).not.toContain('rage')
  })

  it('a triple click that selects a paragraph is reading, not rage', async () => {
    const { events } = track()
    const paragraph = mount(
      '<p>Free returns within thirty days of delivery, no questions asked.</p>',
    )
    await userEvent.tripleClick(paragraph)
    expect(getSelection()?.toString()).toContain('Free returns within thirty days')
    await expect.poll(() => events.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1)
    await sleep(PAST_WINDOW)
    for (const event of events) expect(event.action.frustration).not.toContain('rage')
    getSelection()?.removeAllRanges()
  })

  it('a text selection made before the clicks, left standing, does not hide rage', async () => {
    const { events } = track()
    const terms = mount('<p>Terms and conditions apply to every order.</p>')
    // Selected earlier (to copy, say); clicking a button does not clear it.
    getSelection()?.selectAllChildren(terms)
    await hammer(button('Place order'))
    expect(getSelection()?.toString()).toContain('Terms and conditions')
    const [event] = await settled(events, 1)
    expect(event?.action.frustration).toContain('rage')
    getSelection()?.removeAllRanges()
  })
})

describe('dead clicks', () => {
  it('a button whose click does nothing is dead', async () => {
    const { events } = track()
    await userEvent.click(button('Subscribe'))
    const [event] = await settled(events, 1)
    expect(event?.action.frustration).toEqual(['dead'])
    expectNoActivity(event as ActionEvent)
  })

  it('an input type=button, a div and an a without href that do nothing are dead', async () => {
    const { events } = track()
    const targets = [
      mount('<input type="button" value="Compare">'),
      mount('<div>Open card</div>'),
      mount('<a>Read more</a>'),
    ]
    for (const target of targets) {
      await userEvent.click(target)
      // Let the action complete quietly: a click within idleTimeout would interrupt it.
      await sleep(300)
    }
    await settled(events, 3)
    expect(events.map((e) => e.action.frustration)).toEqual([['dead'], ['dead'], ['dead']])
  })

  it('a button whose handler changes the DOM is not dead', async () => {
    const { events } = track()
    await userEvent.click(
      button('Show more', () => document.body.append(document.createElement('p'))),
    )
    const [event] = await settled(events, 1)
    expect(event?.action.frustration).toEqual([])
    expect(event?.action.counts.mutations).toBe(1)
  })

  it('a button whose handler fetches is not dead', async () => {
    const { events } = track()
    await userEvent.click(button('Check stock', () => void load(100)))
    const [event] = await settled(events, 1)
    expect(event?.action.frustration).toEqual([])
    expect(event?.action.counts.requests).toBe(1)
  })

  it('a button whose handler calls window.open is not dead', async () => {
    const { events } = track()
    await userEvent.click(button('Print', () => window.open('about:blank', '_blank')?.close()))
    const [event] = await settled(events, 1)
    expect(event?.action.frustration).toEqual([])
  })

  it('clicks in a text input, textarea, contenteditable, canvas are not dead', async () => {
    const { events } = track({ trackForms: false })
    const targets = [
      mount('<input aria-label="Email">'),
      mount('<textarea aria-label="Comment"></textarea>'),
      mount('<div contenteditable aria-label="Notes">Notes</div>'),
      mount('<canvas aria-label="Chart" width="200" height="100"></canvas>'),
      mount('<div contenteditable><p><b>Rich</b> text</p></div>').querySelector('b') as Element,
    ]
    for (const target of targets) {
      await userEvent.click(target)
      await sleep(300)
    }
    await settled(events, targets.length)
    for (const event of events) {
      expect(event.action.frustration).toEqual([])
      expectNoActivity(event)
    }
  })

  it('a click on a select is not dead', async () => {
    const { events } = track({ trackForms: false })
    const select = mount('<select aria-label="Size"><option>S</option><option>M</option></select>')
    await userEvent.click(select)
    await userEvent.keyboard('{Escape}')
    const [event] = await settled(events, 1)
    expect(event?.action.target?.tag).toBe('select')
    expect(event?.action.frustration).toEqual([])
    expectNoActivity(event as ActionEvent)
  })

  it('a click on a link with href is not dead, even one opening a new tab', async () => {
    const { events } = track()
    const link = mount<HTMLAnchorElement>(
      '<a href="/help" target="_blank"><span>Help center</span></a>',
    )
    link.addEventListener('click', (event) => event.preventDefault())
    await userEvent.click(link.querySelector('span') as Element)
    const [event] = await settled(events, 1)
    expect(event?.action.target?.tag).toBe('a')
    expect(event?.action.frustration).toEqual([])
    expectNoActivity(event as ActionEvent)
  })

  it('a link hammered 3 times is rage, never dead', async () => {
    const { events } = track()
    const link = mount<HTMLAnchorElement>('<a href="#shipping">Shipping</a>')
    link.addEventListener('click', (event) => event.preventDefault())
    await hammer(link)
    const [event] = await settled(events, 1)
    expect(event?.action.frustration).toEqual(['rage'])
  })

  it('a click on the label of a text input is not dead', async () => {
    const { events } = track({ trackForms: false })
    const label = mount('<label for="promo">Promo code</label>')
    mount('<input id="promo">')
    await userEvent.click(label)
    const [event] = await settled(events, 1)
    expect(event?.action.target?.tag).toBe('label')
    expect(event?.action.frustration).toEqual([])
    expectNoActivity(event as ActionEvent)
  })

  it('a scroll within the second after the click is not dead', async () => {
    const { events } = track()
    const read = button('Read reviews')
    tallPage(read)
    await userEvent.click(read)
    await sleep(300) // the action completed without activity by now: a dead-click candidate
    const scrolled = nextScroll()
    window.scrollBy(0, 600)
    await scrolled
    const [event] = await settled(events, 1)
    expect(event?.action.frustration).toEqual([])
    expectNoActivity(event as ActionEvent)
  })

  it('a scroll after a quick second click spares that click only: the first had settled', async () => {
    const { events } = track()
    const bold = button('Bold')
    const italic = button('Italic')
    tallPage(italic)
    await userEvent.click(bold)
    await sleep(300) // done without activity, its window still open: the next click settles it
    await userEvent.click(italic)
    await sleep(300)
    const scrolled = nextScroll()
    window.scrollBy(0, 600)
    await scrolled
    const [first, second] = await settled(events, 2)
    expect(first?.action.name).toBe('Bold')
    expect(first?.action.frustration).toEqual(['dead'])
    expect(second?.action.name).toBe('Italic')
    expect(second?.action.frustration).toEqual([])
  })

  it('typing within the second after the click is not dead', async () => {
    const { events } = track({ trackForms: false })
    const field = mount<HTMLInputElement>('<input aria-label="Search">')
    // A search icon that only moves the focus: the user then types.
    await userEvent.click(button('Search', () => field.focus()))
    await sleep(300)
    await userEvent.keyboard('shoes')
    const [event] = await settled(events, 1)
    expect(event?.action.name).toBe('Search')
    expect(event?.action.frustration).toEqual([])
    expectNoActivity(event as ActionEvent)
  })

  it('a handler that navigates with history.pushState is not dead', async () => {
    const { eventFor } = track({ trackNavigation: true })
    await eventFor(location.pathname) // the page load
    await userEvent.click(button('Go to cart', () => history.pushState({}, '', '/cart')))
    const click = await eventFor('Go to cart')
    expect(click.action.complete_reason).toBe('interrupted_by_navigation')
    expect(click.action.frustration).toEqual([])
    expect((await eventFor('/cart')).action.navigation?.trigger).toBe(click.action.id)
  })

  it('a handler that starts an API action is not dead', async () => {
    const { tracker, eventFor } = track()
    await userEvent.click(button('Export', () => tracker.startAction('Export CSV')))
    const click = await eventFor('Export')
    expect(click.action.complete_reason).toBe('interrupted_by_api')
    expect(click.action.frustration).toEqual([])
    await eventFor('Export CSV')
  })
})

describe('data-actiontrail-no-frustration', () => {
  it('on the element: a dead button hammered 3 times gets no signal', async () => {
    const { events } = track()
    const quiet = button('Like')
    quiet.setAttribute('data-actiontrail-no-frustration', '')
    await hammer(quiet)
    const [event] = await settled(events, 1)
    expect(event?.action.frustration).toEqual([])
  })

  it('on an ancestor: no rage, dead or error signal, the error is still counted', async () => {
    const { events } = track()
    const toolbar = mount('<div data-actiontrail-no-frustration><div class="group"></div></div>')
    const broken = button('Sync', () => {
      setTimeout(() => {
        throw new Error('actiontrail-test-error: sync failed')
      })
    })
    toolbar.querySelector('.group')?.append(broken)
    await hammer(broken)
    const [event] = await settled(events, 1)
    expect(event?.action.frustration).toEqual([])
    expect(event?.action.counts.errors).toBeGreaterThanOrEqual(1)
  })
})
