import '@angular/compiler'
import { type EnvironmentProviders, NgModule, type PlatformRef, type Type } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing'
import { afterEach } from 'vitest'

/** The testing module and platform of a TestBed that compiles components just in time. */
export interface JitTesting {
  module: Type<unknown>
  /** Typed loosely: another Angular version's PlatformRef is another type. */
  platform: () => unknown
}

/**
 * JIT TestBed for the whole run, in the change-detection mode `changeDetection` provides.
 * Angular 20 and later compile on the browser testing platform; older ones pass their own.
 */
export function initTestBed(
  changeDetection: EnvironmentProviders,
  testing: JitTesting = { module: BrowserTestingModule, platform: platformBrowserTesting },
): void {
  const ChangeDetectionModule = NgModule({ providers: [changeDetection] })(class {})
  TestBed.initTestEnvironment(
    [testing.module, ChangeDetectionModule],
    testing.platform() as PlatformRef,
  )
  afterEach(() => TestBed.resetTestingModule())
}
