import type { ActionEvent } from '@actiontrail/core'
import { APP_BASE_HREF, BrowserPlatformLocation, PlatformLocation } from '@angular/common'
import { NgZone } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { NavigationEnd, provideRouter, Router } from '@angular/router'
import { RouterTestingHarness } from '@angular/router/testing'
import { firstValueFrom } from 'rxjs'
import { filter } from 'rxjs/operators'
import { provideActiontrail } from '../src'
import { recorder } from './harness'
import { cart, routes } from './routes'

const isNavigation = (event: ActionEvent) => event.action.type === 'navigation'

/**
 * A routed app whose page was loaded at `loadedAt`, past its initial navigation and the
 * tracker's page-load action. `navigations()` lists the navigation actions since then.
 */
export async function startApp(loadedAt = '/', config: { router?: boolean } = {}) {
  history.replaceState(null, '', loadedAt)
  cart.items = 0
  const recorded = recorder()
  // With zone.js, the app is created inside its NgZone, as bootstrapping does: the listeners it
  // adds (the Router's popstate one) then run there, and before Angular 18 a zone.js app
  // renders only what happens in its zone. TestBed would create it outside.
  const zone = typeof Zone === 'undefined' ? undefined : new NgZone({})
  TestBed.configureTestingModule({
    providers: [
      provideRouter(routes),
      provideActiontrail({ options: recorded.options, ...config }),
      // The real History API (TestBed's default is a mock), at the root of the test server.
      { provide: PlatformLocation, useClass: BrowserPlatformLocation },
      { provide: APP_BASE_HREF, useValue: '/' },
      ...(zone ? [{ provide: NgZone, useValue: zone }] : []),
    ],
  })
  const inApp = <T>(work: () => T): T => (zone ? zone.run(work) : work())
  const harness = await inApp(() => RouterTestingHarness.create())
  // Render on every change, as an application does (zoneless fixtures already do).
  harness.fixture.autoDetectChanges()
  const router = TestBed.inject(Router)
  const loaded = firstValueFrom(router.events.pipe(filter((e) => e instanceof NavigationEnd)))
  inApp(() => router.initialNavigation())
  await loaded
  const load = await recorded.eventFor((e) => e.action.navigation?.method === 'load')
  const navigations = () => recorded.events.filter((e) => isNavigation(e) && e !== load)
  /** Waits for the navigation action named `name` and returns it. */
  const navigationTo = (name: string) =>
    recorded.eventFor((e) => isNavigation(e) && e !== load && e.action.name === name)
  /** Navigates to `url` as the app's own code does: from inside its zone. */
  const navigate = (url: string) => inApp(() => router.navigateByUrl(url))
  return { ...recorded, harness, navigate, load, navigations, navigationTo }
}
