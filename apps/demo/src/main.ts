import { createTracker, type UserAction } from '@actiontrail/core'
import { createPanel } from './panel'
import './style.css'

// `npm run demo` starts a collector and hands its address to this page; opened on its own
// (`pnpm --filter @actiontrail/demo start`) the page has no endpoint, and the tracker produces
// every event the same way without sending it. The panel reads events through a modifier.
const endpoint = import.meta.env.VITE_ACTIONTRAIL_ENDPOINT || undefined
const tracker = createTracker({
  applicationId: 'demo-shop',
  endpoint,
  clientToken: import.meta.env.VITE_ACTIONTRAIL_TOKEN || undefined,
  // Short batches, so the collector sees a click within a second.
  flushInterval: 1000,
})
const delivery = document.getElementById('delivery')
if (delivery)
  delivery.textContent = endpoint
    ? `Events are sent to ${endpoint}.`
    : 'No collector endpoint is configured, so events are produced but not sent.'

// ---------------------------------------------------------------------------------------------
// The live panel
// ---------------------------------------------------------------------------------------------

const panel = createPanel()
/** Ids of `autoClose: false` actions that went quiet and now wait for `finish()`. */
const waiting = new Set<string>()

const renderActive = () => {
  const action = tracker.current
  panel.showActive(action, action !== undefined && waiting.has(action.id))
}

// Every completed action passes through the modifiers before it is queued. Returning nothing
// keeps the event; returning `false` would drop it.
tracker.addEventModifier((event) => {
  if (event.type === 'action') panel.add(event)
  renderActive()
})

// Called with every new action, before it runs.
tracker.subscribe((action) => {
  action.subscribe(({ closed }) => {
    if (closed) waiting.delete(action.id)
    else waiting.add(action.id)
    // The tracker lets go of an ended action right after its callbacks: render after that.
    queueMicrotask(renderActive)
  })
  renderActive()
})

// ---------------------------------------------------------------------------------------------
// The shop
// ---------------------------------------------------------------------------------------------

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id)
  if (!found) throw new Error(`The demo page has no #${id}`)
  return found as T
}

/** Sets text only when it changes: rewriting the same text is still a DOM mutation. */
function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text
}

const euros = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' })
const PRODUCT = { name: 'Trail runner backpack 18 L', price: 89 }
const cart: (typeof PRODUCT)[] = []
let couponApplied = false

function renderCart(): void {
  const lines = byId<HTMLUListElement>('cart-lines')
  lines.replaceChildren(
    ...cart.map((item, index) => {
      const line = document.createElement('li')
      const name = document.createElement('span')
      name.textContent = `${index + 1}. ${item.name}`
      const price = document.createElement('span')
      price.textContent = euros.format(item.price)
      line.append(name, price)
      return line
    }),
  )
  byId('cart-empty').hidden = cart.length > 0
  setText(byId('cart-count'), String(cart.length))
  const subtotal = cart.reduce((sum, item) => sum + item.price, 0)
  setText(byId('cart-total'), euros.format(couponApplied ? subtotal * 0.9 : subtotal))
}

// Add to cart: a request with a delay, then new DOM nodes. The action stays open for both.
const addToCart = byId<HTMLButtonElement>('add-to-cart')
addToCart.addEventListener('click', async () => {
  addToCart.disabled = true
  addToCart.textContent = 'Adding…'
  try {
    const response = await fetch('/api/slow?ms=700')
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    await response.json()
    cart.push(PRODUCT)
    renderCart()
  } catch (error) {
    console.error('Add to cart failed', error)
  } finally {
    addToCart.disabled = false
    addToCart.textContent = 'Add to cart'
  }
})

// "Size guide" has no handler on purpose: clicking it is a dead click.

// Apply coupon: the button says "Use code SAVE10", data-action-name names the action.
byId('coupon').addEventListener('click', () => {
  couponApplied = true
  setText(byId('discount'), '−10% with SAVE10')
  renderCart()
})

// Load reviews: an XMLHttpRequest, then the list is rendered.
const REVIEWS = [
  ['Mara', 'Carried it on a 30 km ultra, nothing bounced.'],
  ['Jonas', 'The bladder sleeve is easy to reach. Pockets could be bigger.'],
  ['Ayo', 'Survived a day of rain, phone stayed dry.'],
] as const
const loadReviews = byId<HTMLButtonElement>('load-reviews')
loadReviews.addEventListener('click', () => {
  const list = byId<HTMLUListElement>('reviews')
  const request = new XMLHttpRequest()
  request.open('GET', '/api/slow?ms=450')
  request.responseType = 'json'
  request.addEventListener('load', () => {
    list.replaceChildren(
      ...REVIEWS.map(([author, text]) => {
        const item = document.createElement('li')
        const who = document.createElement('strong')
        who.textContent = author
        item.append(who, ` ${text}`)
        return item
      }),
    )
  })
  request.send()
})

// A client-side route change with the History API.
function renderRoute(): void {
  const shipping = location.pathname === '/shipping'
  byId('view-shipping').hidden = !shipping
  byId('view-description').hidden = shipping
  setText(byId('path-view'), location.pathname)
}
byId('shipping-link').addEventListener('click', () => {
  history.pushState({}, '', '/shipping')
  renderRoute()
})
byId('back-to-product').addEventListener('click', () => {
  history.pushState({}, '', '/')
  renderRoute()
})
window.addEventListener('popstate', renderRoute)
renderRoute()

// Checkout: a business step timed by hand. With autoClose: false only finish(), a new action,
// page hide or maxDuration end it.
const startCheckout = byId<HTMLButtonElement>('start-checkout')
const finishCheckout = byId<HTMLButtonElement>('finish-checkout')
const checkoutStatus = byId('checkout-status')
let checkout: UserAction | undefined

startCheckout.addEventListener('click', () => {
  const action = tracker.startAction('Checkout', {
    autoClose: false,
    context: { items: cart.length },
  })
  checkout = action
  startCheckout.disabled = true
  finishCheckout.disabled = false
  setText(checkoutStatus, 'Checkout started: it stays open until finish().')
  action.subscribe(({ closed, reason }) => {
    if (!closed) {
      setText(checkoutStatus, 'Checkout went idle; autoClose is false, so it stays open.')
      return
    }
    const why =
      reason === 'interrupted_by_interaction'
        ? ' A click starts a new action, which ends this one before the click handler runs.'
        : ''
    setText(checkoutStatus, `Checkout ended: ${reason}.${why}`)
    if (checkout === action) checkout = undefined
    startCheckout.disabled = false
    finishCheckout.disabled = true
  })
})
finishCheckout.addEventListener('click', () => {
  checkout?.finish()
})

// A clock inside data-actiontrail-ignore-mutations: it changes every second, and none of it is
// page activity, so it neither keeps actions open nor shows up in their mutation counts.
const clock = byId('clock')
const tick = () => {
  clock.textContent = new Date().toLocaleTimeString()
}
tick()
setInterval(tick, 1000)

renderCart()
