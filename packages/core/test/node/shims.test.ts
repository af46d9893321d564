import { afterEach, describe, expect, it, vi } from 'vitest'
import { watchBrowserGlobals } from '../../../../config/browserGlobals'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the shims on a server (SSR)', () => {
  it('import without touching browser globals, and every call is safe', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    // Importing the shims reads no browser global.
    const { result: shims, read } = await watchBrowserGlobals(() => import('../../src/shims'))
    expect(read).toEqual([])

    const { datadogRum, moesif, userActions, safeUserActions, promiseUserActions } = shims
    datadogRum.addAction('Queued on the server')
    datadogRum.init({ applicationId: 'ssr-app' })
    // The tracker created on a server is inert, but it is registered: the shims work on it.
    const tracker = shims.getTracker()
    expect(tracker).toBeDefined()
    expect(tracker?.startAction('x').state).toBe('complete')
    datadogRum.addAction('Checkout', { total: 1 })
    datadogRum.addAction('click', 'Buy', { sku: 7 })
    datadogRum.setUser({ id: 'u-1' })
    datadogRum.setTrackingConsent('granted')
    datadogRum.setGlobalContextProperty('plan', 'pro')
    moesif.init({ applicationId: 'ignored, already registered' })
    moesif.track('Signed up', { plan: 'pro' })
    moesif.identifyUser('u-1')
    moesif.identifyCompany('acme')
    expect(userActions.create({ customName: 'Server' }).state).toBe('complete')
    expect(userActions.current).toBeUndefined()
    expect(safeUserActions.create({ customName: 'Server' })?.state).toBe('complete')
    expect((await promiseUserActions.create({ name: 'Server' }, 10)).state).toBe('complete')
    shims.useTracker(undefined)
  })

  it('promise wrappers time out on a server without a tracker', async () => {
    const { promiseUserActions, TrackerTimeoutError, useTracker } = await import('../../src/shims')
    useTracker(undefined)
    await expect(promiseUserActions.getCurrent(5)).rejects.toBeInstanceOf(TrackerTimeoutError)
  })
})
