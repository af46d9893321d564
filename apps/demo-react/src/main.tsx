import '@actiontrail/shop-kit/shop.css'
import { createTracker } from '@actiontrail/core'
import { ActiontrailProvider } from '@actiontrail/react'
import { TrackedRouterProvider } from '@actiontrail/react/router'
import { shopTrackerOptions } from '@actiontrail/shop-kit'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createBrowserRouter } from 'react-router'
import { routes } from './routes'

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
