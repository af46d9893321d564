import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import { type ResolvedOptions, resolveOptions } from '../../src/options'
import { createReporter } from '../../src/report'

const DEFAULTS = {
  endpoint: undefined,
  clientToken: undefined,
  trackUserInteractions: true,
  trackNavigation: true,
  trackForms: true,
  actionNameAttribute: undefined,
  defaultPrivacyLevel: 'mask-user-input',
  trackingConsent: 'granted',
  sessionSampleRate: 100,
  idleTimeout: 100,
  maxDuration: 50_000,
  excludedActivityUrls: [],
  beforeSend: undefined,
  batchMaxEvents: 50,
  batchMaxBytes: 16_384,
  flushInterval: 5000,
  compression: 'gzip',
  transport: undefined,
  debug: false,
} satisfies Omit<ResolvedOptions, 'applicationId'>

let error: MockInstance<typeof console.error>
let warn: MockInstance<typeof console.warn>

beforeEach(() => {
  error = vi.spyOn(console, 'error').mockImplementation(() => {})
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
})

afterEach(() => {
  vi.restoreAllMocks()
})

/** Everything printed with console.error, one string per call. */
const errors = () => error.mock.calls.map((args) => args.map(String).join(' '))

const resolve = (input: unknown) =>
  resolveOptions(
    input,
    createReporter(() => false),
  )

describe('resolveOptions: valid input', () => {
  it('fills in every default around the applicationId, printing nothing', () => {
    expect(resolve({ applicationId: 'shop' })).toEqual({ applicationId: 'shop', ...DEFAULTS })
    expect(error).not.toHaveBeenCalled()
    expect(warn).not.toHaveBeenCalled()
  })

  it('keeps every valid option as given', () => {
    const beforeSend = () => true
    const transport = () => {}
    const matcher = (url: string) => url.includes('/health')
    const given: ResolvedOptions = {
      applicationId: 'shop',
      endpoint: 'https://collector.example/v1/events',
      clientToken: 'tok_123',
      trackUserInteractions: false,
      trackNavigation: false,
      trackForms: false,
      actionNameAttribute: 'data-testid',
      defaultPrivacyLevel: 'mask',
      trackingConsent: 'pending',
      sessionSampleRate: 0,
      idleTimeout: 250,
      maxDuration: 10_000,
      excludedActivityUrls: ['https://cdn.example/', /analytics/, matcher],
      beforeSend,
      batchMaxEvents: 10,
      batchMaxBytes: 4096,
      flushInterval: 1000,
      compression: 'none',
      transport,
      debug: true,
    }
    const resolved = resolve(given)
    expect(resolved).toEqual(given)
    expect(resolved?.beforeSend).toBe(beforeSend)
    expect(resolved?.transport).toBe(transport)
    expect(error).not.toHaveBeenCalled()
  })

  it.each([['allow'], ['mask-user-input'], ['mask']])('accepts defaultPrivacyLevel %s', (level) => {
    expect(
      resolve({ applicationId: 'shop', defaultPrivacyLevel: level })?.defaultPrivacyLevel,
    ).toBe(level)
    expect(error).not.toHaveBeenCalled()
  })

  it.each([['granted'], ['pending'], ['not-granted']])('accepts trackingConsent %s', (consent) => {
    expect(resolve({ applicationId: 'shop', trackingConsent: consent })?.trackingConsent).toBe(
      consent,
    )
    expect(error).not.toHaveBeenCalled()
  })

  it('accepts sessionSampleRate at both ends and in between', () => {
    for (const rate of [0, 0.5, 37, 100]) {
      expect(resolve({ applicationId: 'shop', sessionSampleRate: rate })?.sessionSampleRate).toBe(
        rate,
      )
    }
    expect(error).not.toHaveBeenCalled()
  })

  it('ignores options it does not know', () => {
    expect(resolve({ applicationId: 'shop', somethingElse: 1 })).toEqual({
      applicationId: 'shop',
      ...DEFAULTS,
    })
    expect(error).not.toHaveBeenCalled()
  })
})

describe('resolveOptions: invalid options', () => {
  it.each<[keyof typeof DEFAULTS, unknown]>([
    ['idleTimeout', '100'],
    ['idleTimeout', 0],
    ['idleTimeout', Number.NaN],
    ['idleTimeout', Number.POSITIVE_INFINITY],
    ['maxDuration', -1],
    ['maxDuration', true],
    ['sessionSampleRate', 150],
    ['sessionSampleRate', -1],
    ['sessionSampleRate', '50'],
    ['defaultPrivacyLevel', 'foo'],
    ['defaultPrivacyLevel', 'hidden'],
    ['trackingConsent', 'maybe'],
    ['trackingConsent', true],
    ['excludedActivityUrls', ['https://ok.example/', 42]],
    ['excludedActivityUrls', 'https://not-an-array.example/'],
    ['beforeSend', 'not a function'],
    ['beforeSend', { call: () => true }],
    ['transport', 'fetch'],
    ['batchMaxEvents', 0],
    ['batchMaxEvents', 2.5],
    ['batchMaxBytes', 100],
    ['flushInterval', -5],
    ['compression', 'brotli'],
    ['compression', false],
    ['endpoint', ''],
    ['endpoint', 42],
    ['clientToken', null],
    ['actionNameAttribute', ''],
    ['trackUserInteractions', 'yes'],
    ['trackNavigation', 1],
    ['trackForms', null],
    ['debug', 'true'],
  ])('%s = %o: one console error naming the option, and the default', (option, value) => {
    const resolved = resolve({ applicationId: 'shop', [option]: value })
    expect(resolved).toBeDefined()
    expect(resolved?.[option]).toEqual(DEFAULTS[option])
    expect(resolved?.applicationId).toBe('shop')
    expect(error).toHaveBeenCalledTimes(1)
    expect(errors()[0]).toContain(`"${option}"`)
    expect(warn).not.toHaveBeenCalled()
  })

  it('names the accepted values of compression in its error', () => {
    expect(resolve({ applicationId: 'shop', compression: 'deflate' })?.compression).toBe('gzip')
    expect(errors()[0]).toContain(`expected one of 'gzip', 'none', got "deflate"`)
  })

  it('keeps the valid options next to an invalid one', () => {
    const resolved = resolve({ applicationId: 'shop', idleTimeout: 'slow', maxDuration: 2000 })
    expect(resolved?.idleTimeout).toBe(100)
    expect(resolved?.maxDuration).toBe(2000)
    expect(error).toHaveBeenCalledTimes(1)
  })

  it('prints one error per invalid option, each naming its own option', () => {
    resolve({ applicationId: 'shop', idleTimeout: -5, sessionSampleRate: 150, debug: 'yes' })
    expect(error).toHaveBeenCalledTimes(3)
    const printed = errors()
    for (const option of ['idleTimeout', 'sessionSampleRate', 'debug']) {
      expect(printed.filter((line) => line.includes(`"${option}"`))).toHaveLength(1)
    }
  })

  it("prints a given option's error only once per reporter", () => {
    const reporter = createReporter(() => false)
    resolveOptions({ applicationId: 'shop', idleTimeout: -1 }, reporter)
    resolveOptions({ applicationId: 'shop', idleTimeout: 'x' }, reporter)
    expect(error).toHaveBeenCalledTimes(1)

    // Another option still gets its own error…
    resolveOptions({ applicationId: 'shop', maxDuration: -1 }, reporter)
    expect(error).toHaveBeenCalledTimes(2)
    expect(errors()[1]).toContain('"maxDuration"')

    // …and another reporter (another tracker) prints again.
    resolveOptions(
      { applicationId: 'shop', idleTimeout: -1 },
      createReporter(() => false),
    )
    expect(error).toHaveBeenCalledTimes(3)
  })

  it('prints option errors whether or not debug mode is on', () => {
    resolveOptions(
      { applicationId: 'shop', idleTimeout: -1 },
      createReporter(() => true),
    )
    expect(error).toHaveBeenCalledTimes(1)
    expect(warn).not.toHaveBeenCalled()
  })

  it('does not throw on a value that has no string form (null-prototype object)', () => {
    const value = Object.create(null) as object
    let resolved: ResolvedOptions | undefined
    expect(() => {
      resolved = resolve({ applicationId: 'shop', idleTimeout: value })
    }).not.toThrow()
    expect(resolved?.idleTimeout).toBe(100)
    expect(error).toHaveBeenCalledTimes(1)
    expect(errors()[0]).toContain('"idleTimeout"')
  })
})

describe('resolveOptions: applicationId', () => {
  it('returns undefined with one console error naming applicationId when it is missing', () => {
    expect(resolve({})).toBeUndefined()
    expect(error).toHaveBeenCalledTimes(1)
    expect(errors()[0]).toContain('"applicationId"')
  })

  it.each([
    ['a number', 42],
    ['an empty string', ''],
    ['null', null],
    ['an object', { id: 'shop' }],
  ])('returns undefined with one console error naming applicationId when it is %s', (_, id) => {
    expect(resolve({ applicationId: id })).toBeUndefined()
    expect(error).toHaveBeenCalledTimes(1)
    expect(errors()[0]).toContain('"applicationId"')
  })

  it('still reports the other invalid options when applicationId is missing', () => {
    expect(resolve({ idleTimeout: -1 })).toBeUndefined()
    const printed = errors()
    expect(printed).toHaveLength(2)
    expect(printed.some((line) => line.includes('"idleTimeout"'))).toBe(true)
    expect(printed.some((line) => line.includes('"applicationId"'))).toBe(true)
  })

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'shop'],
    ['a number', 42],
    ['a function', () => ({ applicationId: 'shop' })],
  ])(
    'returns undefined for %s instead of an options object, with one console error',
    (_, input) => {
      expect(resolve(input)).toBeUndefined()
      expect(error).toHaveBeenCalledTimes(1)
      expect(errors()[0]).toContain('[actiontrail]')
    },
  )
})

describe('createReporter', () => {
  it('prints optionError with console.error, prefixed and naming the option', () => {
    createReporter(() => false).optionError('idleTimeout', 'expected a number.')
    expect(error).toHaveBeenCalledTimes(1)
    expect(errors()[0]).toContain('[actiontrail]')
    expect(errors()[0]).toContain('"idleTimeout"')
    expect(errors()[0]).toContain('expected a number.')
  })

  it('prints warn only while the debug getter returns true', () => {
    let debug = false
    const reporter = createReporter(() => debug)
    reporter.warn('context', 'A context was changed.')
    expect(warn).not.toHaveBeenCalled()

    // The getter is read at each call: turning debug on later works.
    debug = true
    reporter.warn('context', 'A context was changed.')
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn).toHaveBeenCalledWith('[actiontrail] A context was changed.')
    expect(error).not.toHaveBeenCalled()
  })

  it('prints each kind of warning once', () => {
    const reporter = createReporter(() => true)
    reporter.warn('context', 'first')
    reporter.warn('context', 'second')
    reporter.warn('subscriber', 'a subscriber threw')
    reporter.warn('subscriber', 'a subscriber threw')
    expect(warn).toHaveBeenCalledTimes(2)
    expect(warn.mock.calls.map((args) => args[0])).toEqual([
      '[actiontrail] first',
      '[actiontrail] a subscriber threw',
    ])
  })

  it('passes the detail along when there is one', () => {
    const cause = new Error('boom')
    createReporter(() => true).warn('subscriber', 'A subscriber threw.', cause)
    expect(warn).toHaveBeenCalledWith('[actiontrail] A subscriber threw.', cause)
  })

  it('keeps the once-per-kind memory separate for each reporter', () => {
    createReporter(() => true).warn('context', 'one')
    createReporter(() => true).warn('context', 'two')
    expect(warn).toHaveBeenCalledTimes(2)
  })
})
