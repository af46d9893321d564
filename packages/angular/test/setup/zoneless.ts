import { provideZonelessChangeDetection } from '@angular/core'
import { initTestBed } from './testBed'

initTestBed(provideZonelessChangeDetection())
