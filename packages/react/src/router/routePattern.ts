/** The part of a react-router match this needs: the path of the matched route. */
export interface MatchedRoute {
  route: { path?: string | undefined }
}

/**
 * The route pattern of a chain of matched routes, from the root down: nested paths are joined
 * (`/products` + `:id` → `/products/:id`), a child's absolute path replaces what is above it,
 * layout and index routes add nothing, splats stay `*`. Always starts with `/` and has no
 * trailing slash; no match at all gives `/`. `base` is the pattern of the routes above a descendant `<Routes>`.
 */
export function routePattern(matches: readonly MatchedRoute[] | null, base = ''): string {
  let pattern = base.replace(/\/\*$/, '')
  for (const { route } of matches ?? []) {
    if (!route.path) continue
    pattern = route.path.startsWith('/') ? route.path : `${pattern}/${route.path}`
  }
  return `/${pattern.split('/').filter(Boolean).join('/')}`
}
