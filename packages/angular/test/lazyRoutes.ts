import type { Routes } from '@angular/router'
import { Page } from './page'

/** Children loaded on demand under `docs`. */
export const docsRoutes: Routes = [{ path: ':slug', component: Page, data: { title: 'Doc' } }]
