import type { Product } from './products'

/** One product in the cart and how many of it. */
export interface CartLine {
  readonly id: number
  readonly name: string
  /** Unit price in cents. */
  readonly price: number
  readonly quantity: number
}

/** A framework-neutral cart: plain methods, a change subscription and immutable snapshots. */
export interface Cart {
  /** Adds one of `product`. */
  add(product: Product): void
  /** Empties the cart. */
  clear(): void
  /**
   * The lines, in the order they were first added. The same array is returned until the cart
   * changes, so it works as the snapshot of React's `useSyncExternalStore`.
   */
  lines(): readonly CartLine[]
  /** Number of items (quantities added up). */
  count(): number
  /** Sum of the lines, in cents. */
  total(): number
  /** Calls `listener` after every change. Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void
}

/** A new, empty cart. The methods need no `this`: pass them around as they are. */
export function createCart(): Cart {
  let lines: readonly CartLine[] = Object.freeze([])
  const listeners = new Set<() => void>()

  const replace = (next: CartLine[]) => {
    lines = Object.freeze(next)
    for (const listener of [...listeners]) listener()
  }

  return {
    add(product) {
      const known = lines.some((line) => line.id === product.id)
      replace(
        known
          ? lines.map((line) =>
              line.id === product.id ? { ...line, quantity: line.quantity + 1 } : line,
            )
          : [...lines, { id: product.id, name: product.name, price: product.price, quantity: 1 }],
      )
    },
    clear() {
      if (lines.length > 0) replace([])
    },
    lines: () => lines,
    count: () => lines.reduce((sum, line) => sum + line.quantity, 0),
    total: () => lines.reduce((sum, line) => sum + line.price * line.quantity, 0),
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}

/** The shop's one cart, shared by every page of a demo (kept in memory: a reload empties it). */
export const cart: Cart = createCart()
