// What an app ships that records only the actions it names itself (addAction, startAction).
import { createTracker } from '@actiontrail/core'

const tracker = createTracker({
  applicationId: 'app',
  endpoint: '/v1/events',
  trackUserInteractions: false,
  trackNavigation: false,
  trackForms: false,
})
tracker.addAction('Checkout')
