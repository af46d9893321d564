import { StrictMode, useEffect, useState } from 'react'
import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { ActiontrailProvider, type UserActionHandle, useUserAction } from '../../src'
import { find, render, sleep, type Tracker, track } from './harness'

/** Names of the custom actions as they start. */
function starts(tracker: Tracker): string[] {
  const started: string[] = []
  tracker.subscribe((action) => {
    if (action.type === 'custom') started.push(action.name)
  })
  return started
}

/** A checkout flow: one button starts it, another finishes it; shows the action's state. */
function Checkout({ onHandle }: { onHandle?: (handle: UserActionHandle) => void }) {
  const checkout = useUserAction('Checkout', { context: { flow: 'web' } })
  onHandle?.(checkout)
  return (
    <>
      <button type="button" onClick={() => checkout.start({ items: 2 })}>
        Start
      </button>
      <button type="button" onClick={() => checkout.finish()}>
        Finish
      </button>
      <p>{checkout.action?.state ?? 'none'}</p>
    </>
  )
}

/** Re-renders itself on a click, to see that the handle stays the same. */
function Counter({ onHandle }: { onHandle: (handle: UserActionHandle) => void }) {
  const [count, setCount] = useState(0)
  return (
    <>
      <Checkout onHandle={onHandle} />
      <button type="button" onClick={() => setCount(count + 1)}>
        Rendered {count}
      </button>
    </>
  )
}

/** Shows a checkout until Leave is clicked. */
function Page() {
  const [shown, setShown] = useState(true)
  return (
    <>
      {shown && <Checkout />}
      <button type="button" onClick={() => setShown(false)}>
        Leave
      </button>
    </>
  )
}

/** Starts its action in an effect, as a page that opens a flow when it shows. */
function Wizard() {
  const wizard = useUserAction('Wizard')
  useEffect(() => {
    wizard.start()
  }, [wizard])
  return <p>{wizard.action?.state ?? 'none'}</p>
}

/** A search that completes when the page is idle. */
function Search() {
  const search = useUserAction('Search', { autoClose: true })
  return (
    <button type="button" onClick={() => search.start({ query: 'shoes' })}>
      Search
    </button>
  )
}

const state = () => document.querySelector('p')?.textContent

describe('useUserAction', () => {
  it('start() opens an action that only finish() ends, with the merged context', async () => {
    const { tracker, eventFor, events } = track()
    render(
      <ActiontrailProvider tracker={tracker}>
        <Checkout />
        <button type="button">Elsewhere</button>
      </ActiontrailProvider>,
    )
    await userEvent.click(await find('button'))
    await expect.poll(state).toBe('active')
    // Clicks end each other, not the flow.
    await userEvent.click(await find('button:last-of-type'))
    await expect.poll(() => events.some((e) => e.action.name === 'Elsewhere')).toBe(true)
    expect(state()).toBe('active')
    await userEvent.click(await find('button:nth-of-type(2)'))
    const event = await eventFor('Checkout')
    expect(event.action).toMatchObject({
      type: 'custom',
      complete_reason: 'completed_by_api',
      context: { flow: 'web', items: 2 },
    })
    await expect.poll(state).toBe('complete')
  })

  it('keeps one handle across renders, and start() while open returns the open action', async () => {
    const { tracker } = track()
    const started = starts(tracker)
    const handles = new Set<UserActionHandle>()
    render(
      <ActiontrailProvider tracker={tracker}>
        <Counter onHandle={(handle) => handles.add(handle)} />
      </ActiontrailProvider>,
    )
    await userEvent.click(await find('button'))
    await userEvent.click(await find('button'))
    await userEvent.click(await find('button:last-of-type'))
    await expect.poll(() => document.body.textContent).toContain('Rendered 1')
    expect(handles.size).toBe(1)
    expect(started).toEqual(['Checkout'])
    const [handle] = handles
    handle?.finish()
    expect(handle?.start()).not.toBe(undefined)
    expect(started).toEqual(['Checkout', 'Checkout'])
  })

  it('finishes the open action when the component unmounts', async () => {
    const { tracker, eventFor } = track()
    render(
      <ActiontrailProvider tracker={tracker}>
        <Page />
      </ActiontrailProvider>,
    )
    await userEvent.click(await find('button'))
    await expect.poll(state).toBe('active')
    await userEvent.click(await find('button:last-of-type'))
    expect((await eventFor('Checkout')).action.complete_reason).toBe('completed_by_api')
  })

  it('under StrictMode, an action started in an effect is started once and stays open', async () => {
    const { tracker, events } = track()
    const started = starts(tracker)
    render(
      <StrictMode>
        <ActiontrailProvider tracker={tracker}>
          <Wizard />
        </ActiontrailProvider>
      </StrictMode>,
    )
    await expect.poll(state).toBe('active')
    await sleep(300)
    expect(started).toEqual(['Wizard'])
    expect(tracker.current?.name).toBe('Wizard')
    expect(events.filter((event) => event.action.name === 'Wizard')).toEqual([])
  })

  it('with autoClose, completes on its own once the page is idle', async () => {
    const { tracker, eventFor } = track()
    render(
      <ActiontrailProvider tracker={tracker}>
        <Search />
      </ActiontrailProvider>,
    )
    await userEvent.click(await find('button'))
    const event = await eventFor('Search')
    expect(event.action.complete_reason).toMatch(/^(completed|no_activity)$/)
    expect(event.action.context).toEqual({ query: 'shoes' })
  })

  it('does nothing, and does not throw, outside a provider', async () => {
    let handle: UserActionHandle | undefined
    render(<Checkout onHandle={(h) => (handle = h)} />)
    await find('button')
    expect(handle?.start()).toBeUndefined()
    expect(() => handle?.finish()).not.toThrow()
    expect(state()).toBe('none')
  })
})
