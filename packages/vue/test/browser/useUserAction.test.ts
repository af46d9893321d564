import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { computed, createApp, defineComponent, effectScope, h, nextTick, ref } from 'vue'
import { type UserActionHandle, useUserAction } from '../../src'
import { eventFor, find, load, mountApp, track } from './harness'

/** Mounts a component whose setup calls `useUserAction(...args)`; returns the handle. */
function mountHandle(
  tracker: Parameters<typeof mountApp>[1],
  ...args: Parameters<typeof useUserAction>
): UserActionHandle {
  let handle: UserActionHandle | undefined
  mountApp(
    defineComponent({
      setup() {
        handle = useUserAction(...args)
        return () => h('button', { type: 'button' }, 'Somewhere to click')
      },
    }),
    tracker,
  )
  if (!handle) throw new Error('setup did not run')
  return handle
}

describe('useUserAction', () => {
  it('start() begins a flow that clicks do not end; finish() ends it', async () => {
    const { tracker, events } = track()
    const checkout = mountHandle({ tracker }, 'Checkout', { context: { channel: 'web' } })
    checkout.start({ items: 2 })
    await userEvent.click(find('button'))
    await eventFor(events, 'Somewhere to click')
    expect(checkout.action?.state).toBe('active')

    checkout.finish()
    const event = await eventFor(events, 'Checkout')
    expect(event.action).toMatchObject({
      type: 'custom',
      complete_reason: 'completed_by_api',
      context: { channel: 'web', items: 2 },
    })
  })

  it('exposes the action reactively, including when it ends', async () => {
    const { tracker } = track()
    const step = mountHandle({ tracker }, 'Step')
    const state = computed(() => step.action?.state ?? 'none')
    expect(state.value).toBe('none')
    const started = step.start()
    expect(step.action).toBe(started)
    expect(state.value).toBe('active')
    step.finish()
    await nextTick()
    expect(state.value).toBe('complete')
  })

  it('finishes the open action when the component unmounts', async () => {
    const { tracker, events } = track()
    const show = ref(true)
    let handle: UserActionHandle | undefined
    const Child = defineComponent({
      setup() {
        handle = useUserAction('Wizard')
        return () => h('p', 'wizard')
      },
    })
    mountApp(defineComponent({ setup: () => () => (show.value ? h(Child) : h('p', 'gone')) }), {
      tracker,
    })
    handle?.start()
    show.value = false
    const event = await eventFor(events, 'Wizard')
    expect(event.action.complete_reason).toBe('completed_by_api')
  })

  it('finishes the open action when its effect scope is stopped', async () => {
    const { tracker, events } = track()
    const app = mountApp(defineComponent({ render: () => h('p') }), { tracker })
    const scope = effectScope()
    const handle = app.runWithContext(() => scope.run(() => useUserAction('Background sync')))
    handle?.start()
    scope.stop()
    const event = await eventFor(events, 'Background sync')
    expect(event.action.complete_reason).toBe('completed_by_api')
  })

  it('with autoClose: true completes on its own once the page is idle', async () => {
    const { tracker, events } = track()
    const save = mountHandle({ tracker }, 'Save', { autoClose: true })
    save.start()
    await load(200)
    const event = await eventFor(events, 'Save')
    expect(event.action.complete_reason).toBe('completed')
    expect(event.action.duration).toBeGreaterThanOrEqual(200)
  })

  it('reads a name given as a ref when the action starts', async () => {
    const { tracker, events } = track()
    const name = ref('Draft')
    const step = mountHandle({ tracker }, name)
    name.value = 'Publish'
    step.start()
    step.finish()
    await eventFor(events, 'Publish')
  })

  it('start() while the action is open returns it; once it ended, starts a new one', async () => {
    const { tracker, events } = track()
    const upload = mountHandle({ tracker }, 'Upload')
    const first = upload.start({ attempt: 1 })
    expect(upload.start({ attempt: 2 })).toBe(first)
    upload.finish()
    const second = upload.start({ attempt: 3 })
    expect(second).not.toBe(first)
    upload.finish()
    await expect.poll(() => events.length).toBe(2)
    expect(events.map((e) => [e.action.id, e.action.context])).toEqual([
      [first?.id, { attempt: 1 }],
      [second?.id, { attempt: 3 }],
    ])
  })

  it('without the plugin, start() starts nothing and finish() is harmless', () => {
    let handle: UserActionHandle | undefined
    createApp(
      defineComponent({
        setup() {
          handle = useUserAction('Orphan')
          return () => h('p')
        },
      }),
    ).mount(document.body.appendChild(document.createElement('div')))
    expect(handle?.start()).toBeUndefined()
    expect(handle?.action).toBeUndefined()
    expect(() => handle?.finish()).not.toThrow()
  })
})
