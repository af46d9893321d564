import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { defineComponent, nextTick, ref } from 'vue'
import { eventFor, find, mountApp, track, waitFor } from './harness'

/** A button named by `v-action-name`, with a counter that re-renders it on every click. */
function namedButton(name = ref<string | null>('Add to cart')) {
  const clicks = ref(0)
  const component = defineComponent({
    setup: () => ({ name, clicks }),
    template: `<button v-action-name="name" @click="clicks++">Buy now ({{ clicks }})</button>`,
  })
  return { component, name, clicks }
}

describe('v-action-name', () => {
  it('names the element: its clicks become actions with that name', async () => {
    const { tracker, events } = track()
    mountApp(namedButton().component, { tracker })
    const button = find('button')
    expect(button.getAttribute('data-action-name')).toBe('Add to cart')
    await userEvent.click(button)
    const event = await eventFor(events, 'Add to cart')
    expect(event.action).toMatchObject({ type: 'click', name_source: 'attribute' })
  })

  it('follows the bound value, and an empty value removes the attribute', async () => {
    const { tracker, events } = track()
    const { component, name } = namedButton()
    mountApp(component, { tracker })
    const button = find('button')

    name.value = 'Buy it again'
    await nextTick()
    expect(button.getAttribute('data-action-name')).toBe('Buy it again')
    await userEvent.click(button)
    await eventFor(events, 'Buy it again')

    name.value = null
    await nextTick()
    expect(button.hasAttribute('data-action-name')).toBe(false)
    await userEvent.click(button)
    // Without the attribute the button is named by its content again.
    const event = await waitFor(events, (e) => e.action.name.startsWith('Buy now'))
    expect(event.action.name_source).toBe('content')
  })

  it('does not touch the attribute when the component re-renders with the same name', async () => {
    const { tracker } = track()
    const { component, clicks } = namedButton()
    mountApp(component, { tracker })
    const button = find('button')
    const attributeChanges: MutationRecord[] = []
    const observer = new MutationObserver((records) => attributeChanges.push(...records))
    observer.observe(button, { attributes: true })
    clicks.value++
    await nextTick()
    expect(button.textContent).toBe('Buy now (1)')
    observer.disconnect()
    attributeChanges.push(...observer.takeRecords())
    expect(attributeChanges).toEqual([])
  })

  it('sets the attribute the tracker options name instead', async () => {
    const events: string[] = []
    const { component } = namedButton()
    mountApp(component, {
      options: {
        applicationId: 'vue-test',
        trackNavigation: false,
        actionNameAttribute: 'data-track',
        beforeSend: (event) => {
          if (event.type === 'action') events.push(event.action.name)
        },
      },
    })
    const button = find('button')
    expect(button.getAttribute('data-track')).toBe('Add to cart')
    expect(button.hasAttribute('data-action-name')).toBe(false)
    await userEvent.click(button)
    await expect.poll(() => events).toEqual(['Add to cart'])
  })
})
