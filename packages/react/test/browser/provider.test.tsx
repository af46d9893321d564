import type { Tracker, TrackerOptions } from '@actiontrail/core'
import { StrictMode, version } from 'react'
import { version as domVersion } from 'react-dom'
import { describe, expect, inject, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { ActiontrailProvider, useTracker } from '../../src'
import { find, render, sleep, track } from './harness'

/** Options whose tracker hands every click event to `clicks`. */
function clickOptions() {
  const clicks: string[] = []
  const options: TrackerOptions = {
    applicationId: 'react-test',
    trackNavigation: false,
    beforeSend: (event) => {
      if (event.type === 'action' && event.action.type === 'click') clicks.push(event.action.name)
    },
  }
  return { options, clicks }
}

/** Reports a coupon through the tracker it gets, and says whether it is the `expected` one. */
function Coupon({ expected }: { expected: Tracker }) {
  const current = useTracker()
  return (
    <button type="button" onClick={() => current?.addAction('Coupon applied', { code: 'A' })}>
      {current === expected ? 'same tracker' : 'other tracker'}
    </button>
  )
}

function Probe() {
  return <p>{useTracker() === undefined ? 'no tracker' : 'tracker'}</p>
}

describe('ActiontrailProvider and useTracker', () => {
  it('runs on the React version of this project', () => {
    expect(version.split('.')[0]).toBe(inject('reactMajor'))
    expect(domVersion.split('.')[0]).toBe(inject('reactMajor'))
  })

  it('hands the tracker it is given to useTracker()', async () => {
    const { tracker, eventFor } = track()
    render(
      <ActiontrailProvider tracker={tracker}>
        <Coupon expected={tracker} />
      </ActiontrailProvider>,
    )
    await userEvent.click(await find('button'))
    expect((await find('button')).textContent).toBe('same tracker')
    expect((await eventFor('Coupon applied')).action.context).toEqual({ code: 'A' })
  })

  it('creates a tracker from options and stops it when it unmounts', async () => {
    const { options, clicks } = clickOptions()
    const root = render(
      <ActiontrailProvider options={{ ...options, flushInterval: 100 }}>
        <button type="button">Buy</button>
      </ActiontrailProvider>,
    )
    await userEvent.click(await find('button'))
    await expect.poll(() => clicks).toEqual(['Buy'])
    root.unmount()
    const button = document.createElement('button')
    button.textContent = 'After'
    document.body.append(button)
    await userEvent.click(button)
    await sleep(300)
    button.remove()
    expect(clicks).toEqual(['Buy'])
  })

  it('creates one tracker under StrictMode, whose double render and effects would make two', async () => {
    const { options, clicks } = clickOptions()
    render(
      <StrictMode>
        <ActiontrailProvider options={options}>
          <button type="button">Buy</button>
        </ActiontrailProvider>
      </StrictMode>,
    )
    await userEvent.click(await find('button'))
    await expect.poll(() => clicks).toEqual(['Buy'])
    // A second tracker would report the same click; a stopped one would report none.
    await sleep(300)
    expect(clicks).toEqual(['Buy'])
  })

  it('gives undefined outside a provider, so components still render', async () => {
    render(<Probe />)
    expect((await find('p')).textContent).toBe('no tracker')
  })
})
