import { describe, expect, it } from 'vitest'
import { createUserActionHandle, type UserActionOptions } from '../../src'
import { track } from './harness'

describe('createUserActionHandle (what the adapters build useUserAction on)', () => {
  it('start() opens one flow; while it is open start() returns it; after it ended, a new one', async () => {
    const { tracker, eventFor } = track()
    let changes = 0
    const handle = createUserActionHandle(
      () => ({ tracker, name: 'Checkout', options: { context: { shop: 'eu' } } }),
      () => changes++,
    )
    const first = handle.start({ items: 2 })
    expect(first).toMatchObject({ name: 'Checkout', autoClose: false, state: 'active' })
    expect(handle.start()).toBe(first)
    expect(handle.action).toBe(first)
    expect(changes).toBe(1)
    handle.finish()
    const event = await eventFor('Checkout')
    expect(event.action).toMatchObject({
      complete_reason: 'completed_by_api',
      context: { shop: 'eu', items: 2 },
    })
    expect(changes).toBe(2) // told of the end too
    const second = handle.start()
    expect(second).not.toBe(first)
    expect(handle.action).toBe(second)
  })

  it('reads its inputs when start() is called, as a component re-rendered since', async () => {
    const { tracker, eventFor } = track()
    let name = 'Search'
    let options: UserActionOptions = {}
    const handle = createUserActionHandle(
      () => ({ tracker, name, options }),
      () => {},
    )
    name = 'Search products'
    options = { autoClose: true }
    handle.start()
    const event = await eventFor('Search products')
    expect(event.action.complete_reason).toBe('completed')
  })

  it('without a tracker, start() returns undefined and finish() does nothing', () => {
    const handle = createUserActionHandle(
      () => ({ tracker: undefined, name: 'Checkout', options: {} }),
      () => {
        throw new Error('nothing changed')
      },
    )
    expect(handle.start()).toBeUndefined()
    expect(() => handle.finish()).not.toThrow()
    expect(handle.action).toBeUndefined()
  })
})
