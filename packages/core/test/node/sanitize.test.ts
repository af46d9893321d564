import { describe, expect, it, vi } from 'vitest'
import { CONTEXT_LIMITS, sanitizeContext } from '../../src/sanitize'

/** Sanitises `input` and returns the result with the `onChange` spy. */
function clean(input: unknown) {
  const onChange = vi.fn()
  const result = sanitizeContext(input, onChange)
  return { result, onChange }
}

/** `levels` objects nested in each other under `child`, the innermost holding `leaf: true`. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true }
  for (let i = 1; i < levels; i++) value = { child: value }
  return value
}

/** Follows `child` `times` times. */
function descend(value: unknown, times: number): unknown {
  let at = value
  for (let i = 0; i < times; i++) at = (at as Record<string, unknown>).child
  return at
}

describe('sanitizeContext: valid input', () => {
  it('returns plain JSON input equal and does not call onChange', () => {
    const input = {
      text: 'Add to cart',
      empty: '',
      count: 3,
      negative: -1.5,
      zero: 0,
      yes: true,
      no: false,
      nothing: null,
      list: [1, 'two', false, null, { three: 3 }, [4]],
      nested: { a: { b: { c: 'deep enough' } } },
    }
    const snapshot = structuredClone(input)
    const { result, onChange } = clean(input)
    expect(result).toEqual(snapshot)
    expect(JSON.parse(JSON.stringify(result))).toEqual(snapshot)
    expect(onChange).not.toHaveBeenCalled()
  })

  it('returns {} without calling onChange for a missing context', () => {
    for (const input of [undefined, null]) {
      const { result, onChange } = clean(input)
      expect(result).toEqual({})
      expect(onChange).not.toHaveBeenCalled()
    }
  })

  it('leaves out properties whose value is undefined, as JSON does', () => {
    const { result, onChange } = clean({ a: 1, b: undefined })
    expect(result).toEqual({ a: 1 })
    expect(Object.keys(result)).toEqual(['a'])
    expect(onChange).not.toHaveBeenCalled()
  })

  it('keeps a shared, non-circular reference intact each time it appears', () => {
    const shared = { sku: '7', tags: ['a', 'b'] }
    const { result, onChange } = clean({ first: shared, second: shared, list: [shared, shared] })
    const copy = { sku: '7', tags: ['a', 'b'] }
    expect(result).toEqual({ first: copy, second: copy, list: [copy, copy] })
    expect(onChange).not.toHaveBeenCalled()
  })

  it('keeps a string of exactly CONTEXT_LIMITS.stringLength characters whole', () => {
    const text = 'x'.repeat(CONTEXT_LIMITS.stringLength)
    const { result, onChange } = clean({ text })
    expect(result.text).toBe(text)
    expect(onChange).not.toHaveBeenCalled()
  })

  it('does not change its input', () => {
    const fn = () => 1
    const input: Record<string, unknown> = { fn, n: Number.NaN, when: new Date(0) }
    input.self = input
    clean(input)
    expect(input.fn).toBe(fn)
    expect(input.self).toBe(input)
    expect(input.n).toBeNaN()
    expect(input.when).toBeInstanceOf(Date)
  })
})

describe('sanitizeContext: values JSON cannot carry', () => {
  it("replaces a circular reference by '[Circular]' and calls onChange", () => {
    const input: Record<string, unknown> = { name: 'loop' }
    input.self = input
    const { result, onChange } = clean(input)
    expect(result).toEqual({ name: 'loop', self: '[Circular]' })
    expect(onChange).toHaveBeenCalledTimes(1)
    expect(onChange).toHaveBeenCalledWith(expect.any(String))
    expect(() => JSON.stringify(result)).not.toThrow()
  })

  it('cuts a cycle through several objects and arrays at the point it closes', () => {
    const root: Record<string, unknown> = { id: 'root' }
    const list: unknown[] = [1]
    root.items = list
    list.push({ back: root, list })
    const { result, onChange } = clean(root)
    expect(result).toEqual({ id: 'root', items: [1, { back: '[Circular]', list: '[Circular]' }] })
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it('drops functions and symbols from objects, as JSON does, and calls onChange', () => {
    const { result, onChange } = clean({ keep: 1, fn: () => 1, method() {}, sym: Symbol('s') })
    expect(result).toEqual({ keep: 1 })
    expect(Object.keys(result)).toEqual(['keep'])
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it('turns functions and symbols inside arrays into null, as JSON does', () => {
    const { result, onChange } = clean({ list: [() => 1, Symbol('s'), 'kept'] })
    expect(result).toEqual({ list: [null, null, 'kept'] })
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it('turns a BigInt into its decimal string', () => {
    const { result, onChange } = clean({ big: BigInt('12345678901234567890'), small: BigInt(-3) })
    expect(result).toEqual({ big: '12345678901234567890', small: '-3' })
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it('turns NaN and ±Infinity into null', () => {
    const { result, onChange } = clean({
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      minus: Number.NEGATIVE_INFINITY,
      list: [Number.NaN, 1],
    })
    expect(result).toEqual({ nan: null, inf: null, minus: null, list: [null, 1] })
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it('turns a Date into its ISO string and an invalid Date into null', () => {
    const { result } = clean({
      when: new Date(Date.UTC(2025, 10, 26, 0, 0, 0, 5)),
      never: new Date(Number.NaN),
      list: [new Date(0)],
    })
    expect(result).toEqual({
      when: '2025-11-26T00:00:00.005Z',
      never: null,
      list: ['1970-01-01T00:00:00.000Z'],
    })
  })

  it('turns an Error into { name, message } without its stack', () => {
    class PaymentError extends Error {
      override name = 'PaymentError'
      code = 402
    }
    const { result } = clean({
      plain: new Error('boom'),
      type: new TypeError('not a function'),
      custom: new PaymentError('card declined'),
    })
    expect(result).toEqual({
      plain: { name: 'Error', message: 'boom' },
      type: { name: 'TypeError', message: 'not a function' },
      custom: { name: 'PaymentError', message: 'card declined' },
    })
  })

  it('cuts a long Error message like any long string', () => {
    const { result, onChange } = clean({ error: new Error('m'.repeat(5000)) })
    const message = (result.error as { message: string }).message
    expect(message).toHaveLength(CONTEXT_LIMITS.stringLength)
    expect(message.endsWith(' [...]')).toBe(true)
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it('turns a Map into an object, its entries sanitised too', () => {
    const { result } = clean({
      map: new Map<unknown, unknown>([
        ['a', 1],
        ['b', { c: new Set([2]) }],
        [3, 'three'],
      ]),
    })
    expect(result).toEqual({ map: { a: 1, b: { c: [2] }, 3: 'three' } })
  })

  it('turns a Set into an array, its items sanitised too', () => {
    const { result } = clean({ set: new Set(['x', 1, new Map([['k', 'v']])]) })
    expect(result).toEqual({ set: ['x', 1, { k: 'v' }] })
  })

  it('accepts a Map as the context itself', () => {
    const { result, onChange } = clean(new Map([['plan', 'pro']]))
    expect(result).toEqual({ plan: 'pro' })
    expect(onChange).not.toHaveBeenCalled()
  })
})

describe('sanitizeContext: limits', () => {
  it(`keeps ${CONTEXT_LIMITS.depth} levels of nesting whole`, () => {
    const input = nested(CONTEXT_LIMITS.depth)
    const { result, onChange } = clean(input)
    expect(result).toEqual(input)
    expect(descend(result, CONTEXT_LIMITS.depth - 1)).toEqual({ leaf: true })
    expect(onChange).not.toHaveBeenCalled()
  })

  it('cuts the object one level deeper than the limit and calls onChange', () => {
    const { result, onChange } = clean(nested(CONTEXT_LIMITS.depth + 1))
    // Every level up to the limit is still an object…
    expect(descend(result, CONTEXT_LIMITS.depth - 1)).toEqual({ child: '[Too deep]' })
    // …and what lies below it is replaced by a marker.
    expect(descend(result, CONTEXT_LIMITS.depth)).toBe('[Too deep]')
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it('counts arrays as nesting levels too', () => {
    /** `{ value: [[…['leaf']…]] }` with `count` arrays: the innermost is at depth `count`. */
    const arrays = (count: number) => {
      let value: unknown = ['leaf']
      for (let i = 1; i < count; i++) value = [value]
      return { value }
    }
    const within = clean(arrays(CONTEXT_LIMITS.depth - 1))
    expect(within.result).toEqual(arrays(CONTEXT_LIMITS.depth - 1))
    expect(within.onChange).not.toHaveBeenCalled()

    const over = clean(arrays(CONTEXT_LIMITS.depth))
    let at: unknown = over.result.value
    for (let depth = 1; depth < CONTEXT_LIMITS.depth - 1; depth++) at = (at as unknown[])[0]
    expect(at).toEqual(['[Too deep]'])
    expect(over.onChange).toHaveBeenCalledTimes(1)
  })

  it(`keeps ${CONTEXT_LIMITS.keys} keys and cuts the rest`, () => {
    const entries = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]))

    const atLimit = clean(entries(CONTEXT_LIMITS.keys))
    expect(Object.keys(atLimit.result)).toHaveLength(CONTEXT_LIMITS.keys)
    expect(atLimit.onChange).not.toHaveBeenCalled()

    const over = clean(entries(CONTEXT_LIMITS.keys + 50))
    expect(over.result).toEqual(entries(CONTEXT_LIMITS.keys))
    expect(over.onChange).toHaveBeenCalledTimes(1)
  })

  it('applies the key limit to a Map', () => {
    const map = new Map(Array.from({ length: CONTEXT_LIMITS.keys + 1 }, (_, i) => [`k${i}`, i]))
    const { result, onChange } = clean({ map })
    expect(Object.keys(result.map as object)).toHaveLength(CONTEXT_LIMITS.keys)
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it(`keeps ${CONTEXT_LIMITS.items} items of an array or Set and cuts the rest`, () => {
    const items = (count: number) => Array.from({ length: count }, (_, i) => i)

    const atLimit = clean({ list: items(CONTEXT_LIMITS.items) })
    expect(atLimit.result.list).toEqual(items(CONTEXT_LIMITS.items))
    expect(atLimit.onChange).not.toHaveBeenCalled()

    const over = clean({ list: items(CONTEXT_LIMITS.items + 1) })
    expect(over.result.list).toEqual(items(CONTEXT_LIMITS.items))
    expect(over.onChange).toHaveBeenCalledTimes(1)

    const set = clean({ set: new Set(items(CONTEXT_LIMITS.items * 3)) })
    expect(set.result.set).toEqual(items(CONTEXT_LIMITS.items))
    expect(set.onChange).toHaveBeenCalledTimes(1)
  })

  it("cuts a long string to CONTEXT_LIMITS.stringLength characters ending in ' [...]'", () => {
    const text = 'abcdefghij'.repeat(CONTEXT_LIMITS.stringLength)
    const { result, onChange } = clean({
      text,
      list: [`${'y'.repeat(CONTEXT_LIMITS.stringLength)}z`],
    })
    const cut = result.text as string
    expect(cut).toHaveLength(CONTEXT_LIMITS.stringLength)
    expect(cut).toBe(`${text.slice(0, CONTEXT_LIMITS.stringLength - 6)} [...]`)
    const item = (result.list as string[])[0] as string
    expect(item).toHaveLength(CONTEXT_LIMITS.stringLength)
    expect(item.endsWith('y [...]')).toBe(true)
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it('uses the documented limits', () => {
    expect(CONTEXT_LIMITS).toEqual({ depth: 8, keys: 100, items: 100, stringLength: 1000 })
  })
})

describe('sanitizeContext: input that is not a usable object', () => {
  it.each([
    ['a string', 'plan=pro'],
    ['an array', [1, 2, 3]],
    ['a number', 42],
    ['a boolean', true],
    ['a function', () => ({ plan: 'pro' })],
    ['a Set', new Set([1])],
  ])('turns %s into {} and calls onChange', (_, input) => {
    const { result, onChange } = clean(input)
    expect(result).toEqual({})
    expect(onChange).toHaveBeenCalledTimes(1)
    expect(onChange).toHaveBeenCalledWith(expect.any(String))
  })

  it('returns {} and calls onChange when a getter throws', () => {
    const input = {
      ok: 1,
      get broken(): never {
        throw new Error('getter failed')
      },
    }
    const { result, onChange } = clean(input)
    expect(result).toEqual({})
    expect(onChange).toHaveBeenCalledTimes(1)
    expect(onChange).toHaveBeenCalledWith(expect.any(String))
  })

  it('returns {} and calls onChange when a nested getter throws', () => {
    const inner = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('nested getter failed')
      },
    })
    const { result, onChange } = clean({ a: { b: inner } })
    expect(result).toEqual({})
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it('returns {} and calls onChange when a proxy throws while being read', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys for you')
        },
      },
    )
    const { result, onChange } = clean(hostile)
    expect(result).toEqual({})
    expect(onChange).toHaveBeenCalledTimes(1)
  })
})

describe('sanitizeContext: onChange', () => {
  it('is called at most once per call, however many changes there were', () => {
    const input: Record<string, unknown> = {
      fn: () => 1,
      nan: Number.NaN,
      big: BigInt(1),
      text: 'x'.repeat(CONTEXT_LIMITS.stringLength + 1),
      list: Array.from({ length: CONTEXT_LIMITS.items + 1 }, () => Symbol('s')),
      deep: nested(CONTEXT_LIMITS.depth + 2),
    }
    input.self = input
    const { onChange } = clean(input)
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it('is called again by a later call that also changes its input', () => {
    const onChange = vi.fn()
    sanitizeContext({ n: Number.NaN }, onChange)
    sanitizeContext({ ok: true }, onChange)
    sanitizeContext({ f: () => 1 }, onChange)
    expect(onChange).toHaveBeenCalledTimes(2)
  })
})
