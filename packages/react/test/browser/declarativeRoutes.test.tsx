import { BrowserRouter, MemoryRouter, Route, useLocation } from 'react-router'
import { describe } from 'vitest'
import { TrackedRoutes } from '../../src/router'
import { type RouterStyle, routeTrackingTests } from './routeTracking'
import { Layout, pages, renderShop } from './shop'

/** The routes; re-rendered on every navigation (it reads the location), as many app roots are. */
function Shop() {
  useLocation()
  return (
    <TrackedRoutes>
      <Route path="/" element={<Layout />}>
        {pages}
      </Route>
    </TrackedRoutes>
  )
}

const declarativeRoutes: RouterStyle = {
  render: (tracker, { memory = false, strict = false } = {}) => {
    const Router = memory ? MemoryRouter : BrowserRouter
    renderShop(
      tracker,
      <Router>
        <Shop />
      </Router>,
      strict,
    )
  },
}

describe('TrackedRoutes (declarative routes)', () => {
  routeTrackingTests(declarativeRoutes)
})
