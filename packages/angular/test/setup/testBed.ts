import '@angular/compiler'
import { type EnvironmentProviders, NgModule } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing'
import { afterEach } from 'vitest'

/** JIT TestBed for the whole run, in the change-detection mode `changeDetection` provides. */
export function initTestBed(changeDetection: EnvironmentProviders): void {
  const ChangeDetectionModule = NgModule({ providers: [changeDetection] })(class {})
  TestBed.initTestEnvironment(
    [BrowserTestingModule, ChangeDetectionModule],
    platformBrowserTesting(),
  )
  afterEach(() => TestBed.resetTestingModule())
}
