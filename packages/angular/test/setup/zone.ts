import './zoneWindow'
import { provideZoneChangeDetection } from '@angular/core'
import { initTestBed } from './testBed'

initTestBed(provideZoneChangeDetection())
