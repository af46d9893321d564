import './zoneWindow'
import { provideZoneChangeDetection } from '@angular/core'
import {
  BrowserDynamicTestingModule,
  platformBrowserDynamicTesting,
} from 'angular-platform-browser-dynamic-17/testing'
import { initTestBed } from './testBed'

// Angular 17 compiles just in time only on the dynamic platform, which its successors dropped.
initTestBed(provideZoneChangeDetection(), {
  module: BrowserDynamicTestingModule,
  platform: platformBrowserDynamicTesting,
})
