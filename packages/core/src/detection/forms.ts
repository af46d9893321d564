import type { TrackedAction } from '../action'
import { privacyOf } from '../privacy'
import type { CompleteReason, FormInteraction, ViewContext } from '../types'
import { eventElement as elementOf, listen } from './dom'
import { frustrate } from './frustration'
import type { DetectedAction, DetectionHost } from './host'
import { nameElement } from './naming'
import { selectorOf } from './selector'

const TEXT_FIELD =
  'input:not([type=button]):not([type=submit]):not([type=reset]):not([type=image]):not([type=checkbox]):not([type=radio]):not([type=file]):not([type=range]):not([type=color]):not([type=hidden]),textarea'
const CHOICE = 'select,input[type=checkbox],input[type=radio]'

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement

/** A text field being edited: from focus to blur, one action if anything was typed. */
interface Edit {
  field: Element
  /** Epoch ms of the focus. */
  focusedAt: number
  /** `performance.now()` of the last input. */
  lastInput?: number
}

/**
 * Starts `form` actions: a submit, a changed select, checkbox or radio, and one action per
 * edited text field (focus → blur), never per keystroke and never with a value. Remembers forms
 * the user started to fill in; one left unsubmitted when the path changes or the page is hidden
 * becomes a `form` action flagged `abandon`.
 */
export function createFormDetection(host: DetectionHost) {
  const touched = new Set<HTMLFormElement>()
  let editing: Edit | undefined

  const tracking = () => host.detecting && host.options.trackForms

  const describe = (
    element: Element,
    interaction: FormInteraction,
    form: HTMLFormElement | null,
  ): DetectedAction | undefined => {
    const privacy = privacyOf(element, host.options.defaultPrivacyLevel)
    if (privacy === 'hidden') return undefined
    const masked = privacy === 'mask'
    let { name, source }: { name: string; source: string | undefined } = nameElement(element, {
      nameAttribute: host.options.actionNameAttribute,
      masked,
    })
    // A form named by nothing but its whole text is called by its developers' name for it.
    if (element === form && source === 'text') {
      name = formName(form, masked) || 'Form'
      source = undefined
    }
    return {
      type: 'form',
      name,
      nameSource: source,
      source: 'interaction',
      element,
      target: {
        tag: element.localName,
        selector: selectorOf(element, host.options.actionNameAttribute),
      },
      form: { name: formName(form, masked), interaction },
    }
  }

  const endEdit = () => {
    const edit = editing
    editing = undefined
    if (edit?.lastInput === undefined || !tracking()) return
    const init = describe(edit.field, 'input', formOf(edit.field))
    if (!init) return
    // The typing was the activity: the action runs from the focus to the last input, and on
    // for whatever the page does after the blur (validation, suggestions).
    host.start({ ...init, startTime: edit.focusedAt }).activity(edit.lastInput)
  }

  const onFocusIn = (event: FocusEvent) => {
    const field = elementOf(event)
    if (!field?.matches(TEXT_FIELD)) return
    endEdit()
    editing = { field, focusedAt: Date.now() }
  }

  const onFocusOut = (event: FocusEvent) => {
    if (editing && editing.field === elementOf(event)) endEdit()
  }

  const onInput = (event: Event) => {
    const field = elementOf(event)
    if (!field) return
    const form = formOf(field)
    if (form) touched.add(form)
    if (editing?.field === field) editing.lastInput = performance.now()
  }

  const onChange = (event: Event) => {
    const field = elementOf(event)
    if (!field?.matches(CHOICE)) return
    const form = formOf(field)
    if (form) touched.add(form)
    if (!tracking()) return
    const init = describe(field, 'change', form)
    if (!init) return
    if (!becomesForm(field, init)) host.start(init)
  }

  /**
   * Clicking a checkbox (or its label) or a submit button already started a click action: it
   * becomes this form action rather than being cut short by it.
   */
  const becomesForm = (clicked: Element, init: DetectedAction): boolean => {
    const current = host.current
    if (current?.type !== 'click' || current.state !== 'active' || !targets(current, clicked))
      return false
    current.type = 'form'
    current.form = init.form
    return true
  }

  const onSubmit = (event: SubmitEvent) => {
    const form = event.target
    if (!(form instanceof HTMLFormElement)) return
    const edited = editing?.field
    endEdit()
    // Enter submitted from a field that keeps the focus: typing on is a new edit.
    if (edited?.matches(':focus')) editing = { field: edited, focusedAt: Date.now() }
    touched.delete(form)
    if (!tracking()) return
    // Named after the button that sent it ("Place order"), else after the form itself.
    const init = describe(event.submitter ?? form, 'submit', form)
    if (init && !(event.submitter && becomesForm(event.submitter, init)))
      host.start({ ...init, element: form })
  }

  const stop = listen({
    focusin: onFocusIn,
    focusout: onFocusOut,
    input: onInput,
    change: onChange,
    submit: onSubmit,
  })

  return {
    /** Turns the text field being edited into its action now (the page is going away). */
    endEdit,

    /**
     * The user leaves the page (`page_hide`) or its path (`interrupted_by_navigation`): every
     * form filled in and not submitted is recorded as abandoned, on the page it was on.
     */
    abandon(reason: CompleteReason, view: ViewContext): void {
      if (tracking()) {
        for (const form of touched) {
          const init = describe(form, 'abandon', form)
          if (init) host.record(init, reason, view, (action) => frustrate(action, 'abandon'))
        }
      }
      touched.clear()
    },

    stop,
  }
}

/**
 * The form's `aria-label`, `name` or `id`: how its developers refer to it; empty when none.
 * Masked, the visible `aria-label` is left out. Attributes, not properties: a control named
 * "id" or "name" shadows the form's own `id` and `name` properties.
 */
function formName(form: HTMLFormElement | null, masked: boolean): string {
  if (!form) return ''
  const label = masked ? null : form.getAttribute('aria-label')
  return label || form.getAttribute('name') || form.getAttribute('id') || ''
}

function formOf(element: Element): HTMLFormElement | null {
  return (element as Field).form ?? element.closest('form')
}

/** Whether a click action was on this element (or inside it), or on a label of it. */
function targets(action: TrackedAction, element: Element): boolean {
  const clicked = action.element
  return !!clicked && (element.contains(clicked) || clicked.closest('label')?.control === element)
}
