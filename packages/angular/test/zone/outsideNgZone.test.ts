import { ApplicationRef, NgZone } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { firstValueFrom } from 'rxjs'
import { first } from 'rxjs/operators'
import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { ActionTracker, injectUserAction, provideActiontrail } from '../../src'
import { startApp } from '../app'
import { recorder, SLACK, sleep } from '../harness'

/** Whether each new action starts inside the Angular zone. */
function zonesOfNewActions() {
  const inZone: boolean[] = []
  TestBed.inject(ActionTracker).subscribe(() => inZone.push(NgZone.isInAngularZone()))
  return inZone
}

/**
 * Resolves to 'stable' once zone.js has no pending work, or 'busy' after three times the slack:
 * a tracker timer left in the zone (`maxDuration`: 50 s) keeps it busy far longer.
 */
const stability = () =>
  Promise.race([
    // isStable rather than whenStable(), which Angular 17 lacks.
    firstValueFrom(TestBed.inject(ApplicationRef).isStable.pipe(first(Boolean))).then(
      () => 'stable',
    ),
    sleep(3 * SLACK).then(() => 'busy'),
  ])

describe('with zone.js, the tracker works outside NgZone', () => {
  it('an open action does not keep the application from becoming stable', async () => {
    const { options } = recorder({ trackNavigation: false })
    TestBed.configureTestingModule({ providers: [provideActiontrail({ options })] })
    const zone = TestBed.inject(NgZone)
    const checkout = TestBed.runInInjectionContext(() => injectUserAction('Checkout'))
    zone.run(() => {
      TestBed.inject(ActionTracker).startAction('Search')
      checkout.start()
    })
    expect(await stability()).toBe('stable')
    zone.run(() => checkout.finish())
    expect(await stability()).toBe('stable')
  })

  it('a tracker created at bootstrap, inside the zone, listens outside it', async () => {
    const { options, eventFor } = recorder({ trackNavigation: false })
    const zone = new NgZone({})
    TestBed.configureTestingModule({
      providers: [{ provide: NgZone, useValue: zone }, provideActiontrail({ options })],
    })
    // An application's environment injector, and so the tracker, is created inside the zone.
    const inZone = zone.run(zonesOfNewActions)
    const button = document.createElement('button')
    button.textContent = 'Apply coupon'
    document.body.append(button)
    await userEvent.click(button)
    await eventFor('Apply coupon')
    button.remove()
    expect(inZone).toEqual([false])
  })

  it('router navigations start their actions outside the zone', async () => {
    const { navigate, navigationTo } = await startApp()
    const inZone = zonesOfNewActions()
    await navigate('/cart')
    await navigationTo('/cart')
    expect(inZone).toEqual([false])
    expect(await stability()).toBe('stable')
  })
})
