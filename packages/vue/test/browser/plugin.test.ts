import type { Tracker } from '@actiontrail/core'
import { afterEach, describe, expect, inject, it, vi } from 'vitest'
import { createApp, defineComponent, h, version } from 'vue'
import { createActiontrail, useTracker } from '../../src'
import { mountApp, track } from './harness'

/** A component that hands the tracker it was given to `seen`. */
function trackerProbe(seen: (tracker: Tracker | undefined) => void) {
  return defineComponent({
    setup() {
      seen(useTracker())
      return () => h('p', 'probe')
    },
  })
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('createActiontrail', () => {
  it('runs on the Vue of its test project', () => {
    expect(version.startsWith(`${inject('vueMinor')}.`)).toBe(true)
  })

  it('provides the tracker it is given to useTracker()', () => {
    const { tracker } = track()
    let seen: Tracker | undefined
    mountApp(
      trackerProbe((t) => {
        seen = t
      }),
      { tracker },
    )
    expect(seen).toBe(tracker)
  })

  it('creates a tracker from options, and stops it when the app unmounts', async () => {
    const names: string[] = []
    let seen: Tracker | undefined
    const app = createApp(
      trackerProbe((t) => {
        seen = t
      }),
    )
    app.use(
      createActiontrail({
        options: {
          applicationId: 'vue-test',
          trackNavigation: false,
          beforeSend: (event) => {
            if (event.type === 'action') names.push(event.action.name)
          },
        },
      }),
    )
    app.mount(document.body.appendChild(document.createElement('div')))
    seen?.addAction('Before unmount')
    await expect.poll(() => names).toEqual(['Before unmount'])

    app.unmount()
    seen?.addAction('After unmount')
    expect(seen?.startAction('Flow').state).toBe('complete')
    await seen?.flush()
    expect(names).toEqual(['Before unmount'])
  })

  it('leaves a tracker it was given running when the app unmounts', () => {
    const { tracker } = track()
    const app = createApp(trackerProbe(() => {})).use(createActiontrail({ tracker }))
    app.mount(document.body.appendChild(document.createElement('div')))
    app.unmount()
    expect(tracker.startAction('Still tracked').state).toBe('active')
  })

  it('useTracker() without the plugin is undefined, quietly', () => {
    const warn = vi.spyOn(console, 'warn')
    const error = vi.spyOn(console, 'error')
    let seen: Tracker | undefined | 'not called' = 'not called'
    createApp(
      trackerProbe((t) => {
        seen = t
      }),
    ).mount(document.body.appendChild(document.createElement('div')))
    expect(seen).toBeUndefined()
    expect(warn).not.toHaveBeenCalled()
    expect(error).not.toHaveBeenCalled()
  })
})
