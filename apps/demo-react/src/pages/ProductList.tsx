import { fetchProducts, formatPrice, type Product } from '@actiontrail/shop-kit'
import { useEffect, useState } from 'react'
import { Link } from 'react-router'

export function ProductList() {
  const [products, setProducts] = useState<Product[]>()
  useEffect(() => {
    let shown = true
    fetchProducts().then((loaded) => shown && setProducts(loaded))
    return () => {
      shown = false
    }
  }, [])
  return (
    <>
      <h1>Products</h1>
      {products ? (
        <ul>
          {products.map((product) => (
            <li key={product.id}>
              <Link to={`/products/${product.id}`}>{product.name}</Link>{' '}
              {formatPrice(product.price)}
            </li>
          ))}
        </ul>
      ) : (
        <p>Loading…</p>
      )}
    </>
  )
}
