import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { button, sleep, track } from './harness'

describe('keyboard activation', () => {
  it('Enter on a focused button starts a click action without a position', async () => {
    const { eventFor } = track()
    let clicked = 0
    button('Save draft', () => clicked++).focus()
    await userEvent.keyboard('{Enter}')
    const event = await eventFor('Save draft')
    expect(clicked).toBe(1)
    expect(event.action.type).toBe('click')
    expect(event.action.target).toMatchObject({ tag: 'button' })
    expect(event.action.target).not.toHaveProperty('position')
  })

  it('Space on a focused button starts a click action, once, on release', async () => {
    const { events, eventFor } = track()
    button('Play').focus()
    await userEvent.keyboard('{ }')
    await eventFor('Play')
    await sleep(100)
    expect(events).toHaveLength(1)
  })

  it('Enter on a focused link is an activation too', async () => {
    const { eventFor } = track()
    const link = document.createElement('a')
    link.href = '#terms'
    link.textContent = 'Read the terms'
    link.addEventListener('click', (event) => event.preventDefault())
    document.body.append(link)
    link.focus()
    await userEvent.keyboard('{Enter}')
    expect((await eventFor('Read the terms')).action.type).toBe('click')
  })

  it('typing in a text field, Enter in it, and held keys start no click action', async () => {
    const { events } = track({ trackForms: false })
    const field = document.createElement('input')
    field.setAttribute('aria-label', 'Search')
    document.body.append(field)
    field.focus()
    await userEvent.keyboard('shoes {Enter}')
    const other = button('Hold me')
    other.focus()
    await userEvent.keyboard('{a>5}')
    await sleep(250)
    expect(events).toHaveLength(0)
  })
})
