import { cart, fetchProduct, formatPrice, type Product as ShopProduct } from '@actiontrail/shop-kit'
import { useEffect, useState } from 'react'
import { useParams } from 'react-router'

export function Product() {
  const { id = '' } = useParams()
  // `null`: the shop has no such product.
  const [product, setProduct] = useState<ShopProduct | null>()
  const [added, setAdded] = useState(false)
  useEffect(() => {
    let shown = true
    setProduct(undefined)
    setAdded(false)
    fetchProduct(id).then((loaded) => shown && setProduct(loaded ?? null))
    return () => {
      shown = false
    }
  }, [id])

  if (product === null) return <h1>Not found</h1>
  if (!product) return <p>Loading…</p>
  return (
    <>
      <h1>{product.name}</h1>
      <p>{product.description}</p>
      <p>{formatPrice(product.price)}</p>
      <button
        type="button"
        data-action-name="Add to cart"
        onClick={() => {
          cart.add(product)
          setAdded(true)
        }}
      >
        Add to cart
      </button>
      {added && <p role="status">Added to cart</p>}
    </>
  )
}
