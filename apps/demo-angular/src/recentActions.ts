// biome-ignore lint/style/useImportType: Angular injects a constructor parameter by its class, a value.
import { ActionTracker } from '@actiontrail/angular'
import { type RecentActionLine, watchRecentActions } from '@actiontrail/shop-kit'
import { Component, DestroyRef, inject, signal } from '@angular/core'

/** The panel's list of the last actions; the shell gives the `<aside>` its attributes. */
@Component({
  selector: 'aside[shopRecentActions]',
  template: `
    <h2>Recent actions</h2>
    <ol>
      @for (line of lines(); track line.id) {
        <li [attr.data-type]="line.type">{{ line.text }}</li>
      }
    </ol>
  `,
})
export class RecentActions {
  protected readonly lines = signal<RecentActionLine[]>([])

  // A constructor parameter, to show that ActionTracker injects like any Angular service.
  constructor(tracker: ActionTracker) {
    const stop = watchRecentActions(tracker, (lines) => this.lines.set(lines))
    inject(DestroyRef).onDestroy(stop)
  }
}
