import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { watchBrowserGlobals } from '../../../../config/browserGlobals'

/** The public surface, typed from the sources; the tests load the built files. */
type Core = typeof import('../../src/index')

const require = createRequire(import.meta.url)
const distFile = (name: string) => fileURLToPath(new URL(`../../dist/${name}`, import.meta.url))
const ESM = distFile('index.js')
const CJS = distFile('index.cjs')

/** Loads a build while watching the browser globals. */
async function loadWatched(load: () => Promise<Core> | Core) {
  const { result: core, read: touched, watched } = await watchBrowserGlobals(load)
  return { core, touched, watched }
}

const loaded: Partial<Record<'esm' | 'cjs', Awaited<ReturnType<typeof loadWatched>>>> = {}

beforeAll(async () => {
  for (const file of [ESM, CJS]) {
    if (!existsSync(file)) {
      throw new Error(
        `${file} is missing: build @actiontrail/core first (npx tsup; npm test builds before testing).`,
      )
    }
  }
  // The package imports itself by name, through the exports map of its own package.json.
  const packageName = '@actiontrail/core'
  loaded.esm = await loadWatched(() => import(/* @vite-ignore */ packageName) as Promise<Core>)
  loaded.cjs = await loadWatched(() => require(CJS) as Core)
})

const builds = ['esm', 'cjs'] as const

function core(build: (typeof builds)[number]): Core {
  const entry = loaded[build]
  if (!entry) throw new Error(`the ${build} build was not loaded`)
  return entry.core
}

describe('the test environment', () => {
  it('is a server: no window or document', () => {
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
    // The watch covers at least the globals the tracker uses in a browser.
    for (const build of builds) {
      expect(loaded[build]?.watched).toEqual(
        expect.arrayContaining(['window', 'document', 'location', 'localStorage']),
      )
    }
  })
})

describe('the exports map', () => {
  it('resolves the package name to dist/index.js for import', () => {
    expect(fileURLToPath(import.meta.resolve('@actiontrail/core'))).toBe(ESM)
  })

  it('resolves the package name to dist/index.cjs for require', () => {
    expect(require.resolve('@actiontrail/core')).toBe(CJS)
  })
})

describe.each(builds)('the %s build on a server', (build) => {
  it('imports without touching a browser global', () => {
    expect(loaded[build]?.touched).toEqual([])
    expect(typeof core(build).createTracker).toBe('function')
  })

  it('creates an inert tracker whose every method can be called', async () => {
    const tracker = core(build).createTracker({ applicationId: 'x' })

    expect(() => tracker.addAction('Add to cart', { sku: '7' })).not.toThrow()
    expect(() => tracker.addAction('Viewed', undefined, { type: 'page_view' })).not.toThrow()

    const action = tracker.startAction('Checkout', { autoClose: false, context: { step: 1 } })
    expect(action.name).toBe('Checkout')
    expect(typeof action.startTime).toBe('number')
    const unsubscribe = action.subscribe(() => {})
    expect(typeof unsubscribe).toBe('function')
    expect(() => unsubscribe()).not.toThrow()
    expect(() => action.finish()).not.toThrow()
    expect(() => tracker.startAction()).not.toThrow()

    expect(tracker.current).toBeUndefined()

    const done = tracker.beginActivity()
    expect(typeof done).toBe('function')
    expect(() => done()).not.toThrow()
    expect(() => tracker.notifyActivity()).not.toThrow()

    const unsubscribeTracker = tracker.subscribe(() => {})
    expect(typeof unsubscribeTracker).toBe('function')
    expect(() => unsubscribeTracker()).not.toThrow()

    expect(() => tracker.setAutomaticDetection(false)).not.toThrow()
    expect(() => tracker.setTrackingConsent('pending')).not.toThrow()
    expect(() => tracker.setTrackingConsent('granted')).not.toThrow()
    expect(() => tracker.setUser({ id: 'u-42' })).not.toThrow()
    expect(() => tracker.setUser(undefined)).not.toThrow()
    expect(() => tracker.setGlobalContext({ plan: 'pro' })).not.toThrow()

    const removeModifier = tracker.addEventModifier(() => true)
    expect(typeof removeModifier).toBe('function')
    expect(() => removeModifier()).not.toThrow()

    await expect(tracker.flush()).resolves.toBeUndefined()
    expect(() => tracker.stop()).not.toThrow()
    expect(() => tracker.stop()).not.toThrow()
  })

  it('produces no events', async () => {
    const transport = vi.fn()
    const beforeSend = vi.fn(() => true)
    const tracker = core(build).createTracker({ applicationId: 'x', transport, beforeSend })
    const modifier = vi.fn(() => true)
    tracker.addEventModifier(modifier)
    const subscriber = vi.fn()
    tracker.subscribe(subscriber)

    tracker.addAction('Add to cart')
    const action = tracker.startAction('Checkout')
    const ended = vi.fn()
    action.subscribe(ended)
    action.finish()
    const done = tracker.beginActivity()
    tracker.notifyActivity()
    done()
    await tracker.flush()
    tracker.stop()
    await tracker.flush()

    expect(subscriber).not.toHaveBeenCalled()
    expect(ended).not.toHaveBeenCalled()
    expect(modifier).not.toHaveBeenCalled()
    expect(beforeSend).not.toHaveBeenCalled()
    expect(transport).not.toHaveBeenCalled()
  })

  it('does not throw on bad input either', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const { createTracker } = core(build)
      const bad = createTracker(undefined as unknown as { applicationId: string })
      expect(bad.current).toBeUndefined()
      await expect(bad.flush()).resolves.toBeUndefined()
      const tracker = createTracker({ applicationId: 'x', idleTimeout: -1 })
      expect(() =>
        tracker.startAction(42 as unknown as string, null as unknown as undefined),
      ).not.toThrow()
      expect(() => tracker.addEventModifier('nope' as unknown as () => void)).not.toThrow()
      expect(() => tracker.setTrackingConsent('maybe' as unknown as 'granted')).not.toThrow()
      // Invalid options are still reported on a server.
      expect(error.mock.calls.some((args) => String(args[0]).includes('"idleTimeout"'))).toBe(true)
    } finally {
      error.mockRestore()
    }
  })
})
