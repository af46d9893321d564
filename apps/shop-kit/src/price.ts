const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })

/** A price in cents as the shop shows it: `$129.00`. */
export function formatPrice(cents: number): string {
  return dollars.format(cents / 100)
}
