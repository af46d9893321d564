import { describe, expect, it } from 'vitest'
import { createCart } from '../src/cart'
import { products } from '../src/products'

const [runner, jacket] = products as [(typeof products)[0], (typeof products)[0]]

describe('cart', () => {
  it('starts empty', () => {
    const cart = createCart()
    expect(cart.lines()).toEqual([])
    expect(cart.count()).toBe(0)
    expect(cart.total()).toBe(0)
  })

  it('adds products as lines, counting repeats, in the order first added', () => {
    const cart = createCart()
    cart.add(jacket)
    cart.add(runner)
    cart.add(jacket)
    expect(cart.lines()).toEqual([
      { id: jacket.id, name: jacket.name, price: jacket.price, quantity: 2 },
      { id: runner.id, name: runner.name, price: runner.price, quantity: 1 },
    ])
    expect(cart.count()).toBe(3)
    expect(cart.total()).toBe(2 * jacket.price + runner.price)
  })

  it('keeps the same snapshot until it changes, then gives a new one', () => {
    const cart = createCart()
    const empty = cart.lines()
    expect(cart.lines()).toBe(empty)
    cart.add(runner)
    const one = cart.lines()
    expect(one).not.toBe(empty)
    expect(cart.lines()).toBe(one)
    expect(empty).toEqual([])
    expect(Object.isFrozen(one)).toBe(true)
  })

  it('tells subscribers after each change, until they unsubscribe', () => {
    const cart = createCart()
    const seen: number[] = []
    const unsubscribe = cart.subscribe(() => seen.push(cart.count()))
    cart.add(runner)
    cart.add(runner)
    cart.clear()
    unsubscribe()
    cart.add(runner)
    expect(seen).toEqual([1, 2, 0])
  })

  it('clearing an empty cart is no change', () => {
    const cart = createCart()
    let calls = 0
    cart.subscribe(() => calls++)
    const before = cart.lines()
    cart.clear()
    expect(calls).toBe(0)
    expect(cart.lines()).toBe(before)
  })

  it('works with methods taken off the object, as hooks and stores pass them', () => {
    const { add, lines, subscribe } = createCart()
    let changed = false
    subscribe(() => {
      changed = true
    })
    add(runner)
    expect(lines()).toHaveLength(1)
    expect(changed).toBe(true)
  })
})
