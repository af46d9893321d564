/** One product of the demo shop. Prices are in cents, so totals add up exactly. */
export interface Product {
  id: number
  name: string
  price: number
  description: string
}

/** The whole catalogue: five products, ids 1 to 5. */
export const products: readonly Product[] = [
  {
    id: 1,
    name: 'Trail Runner',
    price: 12900,
    description: 'A light shoe with a grippy sole for muddy paths.',
  },
  {
    id: 2,
    name: 'Summit Jacket',
    price: 18900,
    description: 'Wind- and waterproof, packs into its own pocket.',
  },
  {
    id: 3,
    name: 'Canyon Backpack',
    price: 8900,
    description: 'Twenty litres, a padded back and a pocket for a water bladder.',
  },
  {
    id: 4,
    name: 'Ridge Socks',
    price: 1500,
    description: 'Merino wool, cushioned where boots rub.',
  },
  {
    id: 5,
    name: 'Headlamp',
    price: 3900,
    description: 'Three hundred lumens and a red light that keeps your night vision.',
  },
]

/** The product with this id (a number or the `:id` of a route), or `undefined`. */
export function findProduct(id: number | string): Product | undefined {
  return products.find((product) => String(product.id) === String(id))
}
