/** The part of a vue-router route record the pattern is read from. */
export interface MatchedRecord {
  path: string
}

/** A catch-all parameter such as `:pathMatch(.*)*`: named `*`, as in the other adapters. */
const CATCH_ALL = /:\w+\(\.\*\)[*+?]?/g
/** A parameter's custom regular expression (`:id(\\d+)` → `:id`): not part of the name. */
const PARAM_REGEXP = /(:\w+)\((?:\\.|[^\\)])*\)/g

/**
 * The route pattern (`/products/:id`) of a resolved location, from its matched records. The
 * last record's path is already absolute in vue-router (parents' paths are joined into it).
 * Undefined when nothing matched.
 */
export function routePattern(matched: readonly MatchedRecord[]): string | undefined {
  const last = matched[matched.length - 1]
  if (!last) return undefined
  const pattern = last.path.replace(CATCH_ALL, '*').replace(PARAM_REGEXP, '$1').replace(/\/+$/, '')
  return pattern.startsWith('/') ? pattern : `/${pattern}`
}
