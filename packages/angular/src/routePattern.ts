import type { ActivatedRouteSnapshot } from '@angular/router'

/**
 * The route pattern of an activated snapshot: the config paths of the primary chain, joined
 * (`products` + `:id` → `/products/:id`). The wildcard `**` is written `*`, like the other
 * adapters' splats; a route with a custom `matcher` has no path, so the segments it matched
 * stand in for it.
 */
export function routePattern(root: ActivatedRouteSnapshot): string {
  const parts: string[] = []
  for (let route: ActivatedRouteSnapshot | null = root; route; route = route.firstChild) {
    const config = route.routeConfig
    if (!config) continue
    const path = config.matcher ? route.url.map((segment) => segment.path).join('/') : config.path
    if (path) parts.push(path === '**' ? '*' : path)
  }
  return `/${parts.join('/')}`
}
