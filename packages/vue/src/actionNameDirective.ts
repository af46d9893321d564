import type { ObjectDirective } from 'vue'
import { quietly } from './quietly'

/** What `v-action-name` accepts; an empty value removes the attribute. */
export type ActionNameValue = string | null | undefined

/**
 * `v-action-name="'Add to cart'"`: names the element for click and form actions by setting
 * `attribute` (`data-action-name`, or the tracker's `actionNameAttribute`), and keeps it in step
 * with the bound value. Rendered on the server too, so hydration finds it in place.
 */
export function actionNameDirective(attribute: string): ObjectDirective<Element, ActionNameValue> {
  const nameOf = (value: ActionNameValue) => (value == null ? '' : String(value))
  const apply = quietly((element: Element, { value }: { value: ActionNameValue }) => {
    const name = nameOf(value)
    // Re-setting an unchanged value would still be a DOM mutation, which counts as activity.
    if (element.getAttribute(attribute) === (name || null)) return
    if (name) element.setAttribute(attribute, name)
    else element.removeAttribute(attribute)
  })
  return {
    beforeMount: apply,
    updated: apply,
    getSSRProps: ({ value }) => (nameOf(value) ? { [attribute]: nameOf(value) } : {}),
  }
}
