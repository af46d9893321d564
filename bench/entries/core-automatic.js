// What an app ships that lets the tracker detect clicks, navigations and forms on its own.
import { createTracker } from '@actiontrail/core'

createTracker({ applicationId: 'app', endpoint: '/v1/events' })
