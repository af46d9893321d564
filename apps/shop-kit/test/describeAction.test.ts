import type { ActionEvent } from '@actiontrail/core'
import { describe, expect, it } from 'vitest'
import { describeAction, type RecentAction, recentActionOf } from '../src/recentActions'

const click: RecentAction = {
  id: 'a1',
  type: 'click',
  name: 'Add to cart',
  duration: 312.4,
  reason: 'completed',
  frustration: [],
}

describe('describeAction', () => {
  it('reads type · name · duration · reason', () => {
    expect(describeAction(click)).toBe('click · Add to cart · 312 ms · completed')
  })

  it('shows a dash when there was no activity', () => {
    expect(describeAction({ ...click, duration: undefined, reason: 'no_activity' })).toBe(
      'click · Add to cart · — · no_activity',
    )
  })

  it('ends with the frustration signals when there are any', () => {
    expect(describeAction({ ...click, frustration: ['rage', 'dead'] })).toBe(
      'click · Add to cart · 312 ms · completed · rage, dead',
    )
  })

  it('says so when the action has no name', () => {
    expect(describeAction({ ...click, name: '' })).toBe('click · (no name) · 312 ms · completed')
  })
})

describe('recentActionOf', () => {
  it('takes what the panel shows from an action event', () => {
    const event = {
      type: 'action',
      view: {
        url: 'http://shop.test/checkout',
        path: '/checkout',
        route: '/checkout',
        referrer: '',
      },
      action: {
        id: 'a2',
        type: 'click',
        name: 'Apply coupon',
        start: 1764115200000,
        complete_reason: 'completed',
        counts: { requests: 0, resources: 0, mutations: 0, errors: 0, long_tasks: 0 },
        frustration: ['rage', 'dead'],
      },
    } as ActionEvent
    expect(describeAction(recentActionOf(event))).toBe(
      'click · Apply coupon · — · completed · rage, dead',
    )
  })
})
