import '@actiontrail/shop-kit/shop.css'
import { createTracker } from '@actiontrail/core'
import { ActiontrailProvider } from '@actiontrail/react'
import { TrackedRouterProvider } from '@actiontrail/react/router'
import { shopTrackerOptions } from '@actiontrail/shop-kit'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createBrowserRouter } from 'react-router'
import { routes } from './routes'

// The tracker before the router: both listen to popstate, and a back move that ends in a
// redirect is only recorded as one if the tracker hears it first.
const tracker = createTracker(shopTrackerOptions(import.meta.env))
const router = createBrowserRouter(routes)

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <ActiontrailProvider tracker={tracker}>
      <TrackedRouterProvider router={router} />
    </ActiontrailProvider>
  </StrictMode>,
)
