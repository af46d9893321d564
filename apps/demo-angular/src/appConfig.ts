import { provideActiontrail } from '@actiontrail/angular'
import { shopTrackerOptions } from '@actiontrail/shop-kit'
import { type ApplicationConfig, provideZonelessChangeDetection } from '@angular/core'
import { provideRouter, withComponentInputBinding } from '@angular/router'
import { routes } from './routes'

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding()),
    provideActiontrail({ options: shopTrackerOptions(import.meta.env) }),
  ],
}
