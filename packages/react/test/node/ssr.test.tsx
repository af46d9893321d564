import { createElement as h } from 'react'
import { renderToString } from 'react-dom/server'
import { createMemoryRouter, Route, StaticRouter } from 'react-router'
import { describe, expect, it } from 'vitest'

/** A built entry, as a server-rendering app loads it (typed from its source: no build needed to typecheck). */
const built = (entry: string) => import(`../../dist/${entry}.js`)
const { ActiontrailProvider, useTracker, useUserAction }: typeof import('../../src') =
  await built('index')
const {
  TrackedRouterProvider,
  TrackedRoutes,
  useTrackedNavigate,
}: typeof import('../../src/router') = await built('router')

function Checkout() {
  const checkout = useUserAction('Checkout', { context: { items: 1 } })
  const navigate = useTrackedNavigate()
  const tracker = useTracker()
  return h(
    'p',
    { onClick: () => navigate('/cart') },
    `${checkout.action === undefined} ${typeof tracker?.addAction}`,
  )
}

const options = { applicationId: 'ssr-test' }

describe('server rendering', () => {
  it('runs without any browser global', () => {
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
  })

  it('renders the provider, the hooks and declarative routes', () => {
    const html = renderToString(
      h(
        ActiontrailProvider,
        { options },
        h(
          StaticRouter,
          { location: '/checkout' },
          h(TrackedRoutes, null, h(Route, { path: '/checkout', element: h(Checkout) })),
        ),
      ),
    )
    expect(html).toBe('<p>true function</p>')
  })

  it('renders a data router app', () => {
    const router = createMemoryRouter([{ path: '/checkout', element: h(Checkout) }], {
      initialEntries: ['/checkout'],
    })
    const html = renderToString(
      h(ActiontrailProvider, { options }, h(TrackedRouterProvider, { router })),
    )
    expect(html).toBe('<p>true function</p>')
  })
})
