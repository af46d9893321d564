import { bootstrapApplication } from '@angular/platform-browser'
import '@actiontrail/shop-kit/shop.css'
import { appConfig } from './appConfig'
import { Shell } from './shell'

bootstrapApplication(Shell, appConfig).catch((error: unknown) => console.error(error))
