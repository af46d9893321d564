import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { ActionEvent, FormInteraction, TrackerEvent } from '../../src'
import { hidePage, mount, SLACK, sleep, starts, track, waitFor } from './harness'

const initialHref = location.href
const initialPath = location.pathname

// The app handles every submit itself, as a single-page app does: the test page must never
// navigate away. Bubbling phase, so the tracker's capturing listener sees the submit first.
document.addEventListener('submit', (event) => event.preventDefault())

const formEvents = (events: ActionEvent[], interaction?: FormInteraction) =>
  events.filter(
    (e) => e.action.type === 'form' && (!interaction || e.action.form?.interaction === interaction),
  )

const isAbandon = (e: ActionEvent) => e.action.form?.interaction === 'abandon'

const actionsIn = (batches: TrackerEvent[][]) =>
  batches.flat().filter((e): e is ActionEvent => e.type === 'action')

describe('form submit', () => {
  it('clicking the submit button: the click becomes the submit action, named after the button', async () => {
    const { events } = track()
    const $ = mount(`
      <form aria-label="Checkout" name="checkout-form" id="checkout">
        <label for="co-name">Name</label><input id="co-name">
        <button type="submit">Place order</button>
      </form>`)
    await userEvent.click($('button'))
    const submit = await waitFor(events, (e) => e.action.type === 'form')
    expect(submit.action).toMatchObject({
      type: 'form',
      name: 'Place order',
      name_source: 'content',
      target: { tag: 'button' },
    })
    // The form info holds the form's name and what happened, never a value.
    expect(submit.action.form).toEqual({ name: 'Checkout', interaction: 'submit' })
    // One press, one action: no click action beside it.
    await sleep(300)
    expect(events).toHaveLength(1)
  })

  it('a click inside the submit button (on its icon) becomes the submit action too', async () => {
    const { events } = track()
    const $ = mount(`
      <form aria-label="Search">
        <input aria-label="Query">
        <button type="submit"><span class="icon">Go</span></button>
      </form>`)
    await userEvent.click($('span'))
    const submit = await waitFor(events, (e) => e.action.type === 'form')
    expect(submit.action).toMatchObject({ name: 'Go', form: { interaction: 'submit' } })
    await sleep(300)
    expect(events).toHaveLength(1)
  })

  it("without a submitter: named after the form's aria-label, else its name, else its id, else 'Form'", async () => {
    const { events } = track()
    mount(`
      <form aria-label="Newsletter signup" name="newsletter" id="nl"></form>
      <form name="contact" id="contact-form"></form>
      <form id="search-form"></form>
      <form></form>`)
    for (const form of document.querySelectorAll('form')) form.requestSubmit()
    await expect.poll(() => formEvents(events).length).toBe(4)
    expect(formEvents(events).map((e) => [e.action.name, e.action.form])).toEqual([
      ['Newsletter signup', { name: 'Newsletter signup', interaction: 'submit' }],
      ['contact', { name: 'contact', interaction: 'submit' }],
      ['search-form', { name: 'search-form', interaction: 'submit' }],
      ['Form', { name: '', interaction: 'submit' }],
    ])
    expect(events.map((e) => e.action.target?.tag)).toEqual(['form', 'form', 'form', 'form'])
  })

  it('a control named "id" inside the form does not replace the form\'s name', async () => {
    // Edit forms commonly carry <input type="hidden" name="id">; `form.id` then returns that
    // input (named form controls shadow the form's own properties).
    const { events } = track()
    const $ = mount(`
      <form id="edit-product">
        <input type="hidden" name="id" value="42">
        <label for="title">Title</label><input id="title" name="title">
      </form>
      <form>
        <input type="hidden" name="id" value="43">
        <label for="note">Note</label><input id="note" name="note">
      </form>`)
    $<HTMLFormElement>('#edit-product').requestSubmit()
    const submit = await waitFor(events, (e) => e.action.form?.interaction === 'submit')
    expect.soft(submit.action.name).toBe('edit-product')
    expect.soft(submit.action.form).toEqual({ name: 'edit-product', interaction: 'submit' })

    // Vitest's userEvent locates elements through `form.id` too, and trips over the same
    // shadowing: focus and type through the keyboard instead.
    $('#note').focus()
    await userEvent.keyboard('Restock soon')
    await userEvent.tab()
    history.pushState(null, '', '/products')
    const abandon = await waitFor(events, isAbandon)
    expect.soft(abandon.action.name).toBe('Form')
    expect.soft(abandon.action.form).toEqual({ name: '', interaction: 'abandon' })
  })

  it('data-action-name on the form names a submit without submitter and its abandonment', async () => {
    // Naming rule 1: data-action-name on the element or an ancestor wins over everything.
    const { events } = track()
    const $ = mount(`
      <form id="f-1" aria-label="Subscribe" data-action-name="Newsletter subscribe"></form>
      <form id="f-2" aria-label="Address" data-action-name="Shipping address step">
        <label for="street">Street</label><input id="street">
      </form>`)
    $<HTMLFormElement>('#f-1').requestSubmit()
    const submit = await waitFor(events, (e) => e.action.form?.interaction === 'submit')
    await userEvent.type($('#street'), '1 Main Street')
    await userEvent.tab()
    history.pushState(null, '', '/elsewhere')
    const abandon = await waitFor(events, isAbandon)
    expect
      .soft(submit.action)
      .toMatchObject({ name: 'Newsletter subscribe', name_source: 'attribute' })
    expect
      .soft(abandon.action)
      .toMatchObject({ name: 'Shipping address step', name_source: 'attribute' })
  })

  it("Enter in a text field submits: the field's input action, then the submit action", async () => {
    const { tracker, events } = track()
    const started = starts(tracker)
    const $ = mount(`
      <form role="search" aria-label="Site search">
        <label for="q">Search</label><input id="q" name="q">
        <button>Go</button>
      </form>`)
    await userEvent.type($('#q'), 'blue shoes{Enter}')
    await expect.poll(() => formEvents(events).length).toBe(2)
    const [input, submit] = formEvents(events) as [ActionEvent, ActionEvent]
    expect(input.action).toMatchObject({
      name: 'Search',
      name_source: 'label',
      form: { name: 'Site search', interaction: 'input' },
      complete_reason: 'interrupted_by_interaction',
      interrupted_by: submit.action.id,
    })
    expect(submit.action).toMatchObject({
      name: 'Go',
      form: { name: 'Site search', interaction: 'submit' },
    })
    expect(input.action.start).toBeLessThanOrEqual(submit.action.start)
    // Enter in a field is no click, and the keystrokes were no actions.
    expect(started).toEqual(['form:Search', 'form:Go'])
  })

  it('typing on after an Enter submit, then leaving the field, is another input action', async () => {
    // A search box refined after the first results: the second edit is an edit too.
    const { events } = track()
    const $ = mount(`
      <form role="search" aria-label="Site search">
        <label for="q">Search</label><input id="q" name="q">
        <button>Go</button>
      </form>`)
    await userEvent.type($('#q'), 'shoes{Enter}')
    await userEvent.type($('#q'), ' red', { skipClick: true })
    await userEvent.tab()
    await expect.poll(() => formEvents(events, 'submit').length).toBe(1)
    await expect.poll(() => formEvents(events, 'input').length, { timeout: 3000 }).toBe(2)
  })
})

describe('choices: select, checkbox, radio', () => {
  it('changing a select is one form action named by its label', async () => {
    const { tracker, events } = track()
    const started = starts(tracker)
    const $ = mount(`
      <form name="signup">
        <label for="plan">Plan</label>
        <select id="plan"><option value="free">Free</option><option value="pro">Pro</option></select>
      </form>`)
    await userEvent.selectOptions($<HTMLSelectElement>('#plan'), 'pro')
    const event = await waitFor(events, (e) => e.action.type === 'form')
    expect(event.action).toMatchObject({
      name: 'Plan',
      name_source: 'label',
      target: { tag: 'select' },
    })
    expect(event.action.form).toEqual({ name: 'signup', interaction: 'change' })
    expect($<HTMLSelectElement>('#plan').value).toBe('pro')
    expect(started).toEqual(['form:Plan'])
  })

  it('clicking a checkbox is ONE action: the click action becomes a form change', async () => {
    const { tracker, events } = track()
    const started = starts(tracker)
    const $ = mount(`
      <form name="signup">
        <label><input type="checkbox" name="terms"> I accept the terms</label>
      </form>`)
    await userEvent.click($('input'))
    expect($('input').checked).toBe(true)
    const event = await waitFor(events, (e) => e.action.name === 'I accept the terms')
    expect(event.action).toMatchObject({
      type: 'form',
      name_source: 'label',
      target: { tag: 'input' },
      frustration: [],
    })
    expect(event.action.form).toEqual({ name: 'signup', interaction: 'change' })
    await sleep(200)
    expect(started).toEqual(['click:I accept the terms'])
    expect(events).toHaveLength(1)
  })

  it('clicking the label of a radio is one form change action too', async () => {
    const { tracker, events } = track()
    const started = starts(tracker)
    const $ = mount(`
      <form id="shipping">
        <fieldset><legend>Delivery</legend>
          <input type="radio" name="speed" id="standard" checked><label for="standard">Standard delivery</label>
          <input type="radio" name="speed" id="express"><label for="express">Express delivery</label>
        </fieldset>
      </form>`)
    await userEvent.click($('label[for=express]'))
    expect($('#express').checked).toBe(true)
    const event = await waitFor(events, (e) => e.action.name === 'Express delivery')
    expect(event.action).toMatchObject({ type: 'form', target: { tag: 'label' }, frustration: [] })
    expect(event.action.form).toEqual({ name: 'shipping', interaction: 'change' })
    await sleep(200)
    expect(started).toEqual(['click:Express delivery'])
    expect(events).toHaveLength(1)
  })

  it('Space on a focused checkbox is one form change action', async () => {
    const { tracker, events } = track()
    const started = starts(tracker)
    const $ = mount(`
      <form aria-label="Preferences">
        <input type="checkbox" id="news"><label for="news">Send me news</label>
      </form>`)
    $('#news').focus()
    await userEvent.keyboard('{ }')
    expect($('#news').checked).toBe(true)
    const event = await waitFor(events, (e) => e.action.name === 'Send me news')
    expect(event.action.type).toBe('form')
    expect(event.action.form).toEqual({ name: 'Preferences', interaction: 'change' })
    expect(event.action.target).not.toHaveProperty('position')
    expect(started).toEqual(['click:Send me news'])
  })
})

describe('text fields', () => {
  it('one action per edited field, from the focus to the last keystroke, never per keystroke', async () => {
    const { tracker, events } = track()
    const started = starts(tracker)
    const $ = mount(`
      <form aria-label="Shipping address">
        <label for="full-name">Full name</label><input id="full-name" name="full-name">
        <label for="city">City</label><input id="city" name="city">
        <button type="button">Next</button>
      </form>`)
    const before = Date.now()
    const t0 = performance.now()
    $('#full-name').focus()
    const focusedBy = Date.now()
    await userEvent.type($('#full-name'), 'Ada', { skipClick: true })
    await sleep(300)
    await userEvent.type($('#full-name'), ' Lovelace', { skipClick: true })
    const t1 = performance.now()
    // Reading before leaving the field is not typing: the action does not grow with it.
    await sleep(1200)
    await userEvent.tab() // to City: the first edit ends
    // The action stays open idleTimeout after the blur, for what the page does then.
    await waitFor(events, (e) => e.action.name === 'Full name')
    await userEvent.type($('#city'), 'London')
    await userEvent.tab() // to Next
    await expect.poll(() => formEvents(events).length).toBe(2)
    await sleep(150)
    expect(started).toEqual(['form:Full name', 'form:City'])

    const [fullName, city] = formEvents(events) as [ActionEvent, ActionEvent]
    expect(fullName.action).toMatchObject({
      name: 'Full name',
      name_source: 'label',
      target: { tag: 'input' },
      complete_reason: 'completed',
    })
    expect(fullName.action.form).toEqual({ name: 'Shipping address', interaction: 'input' })
    expect(fullName.action.start).toBeGreaterThanOrEqual(before)
    expect(fullName.action.start).toBeLessThanOrEqual(focusedBy)
    expect(fullName.action.duration).toBeGreaterThanOrEqual(300)
    expect(fullName.action.duration).toBeLessThan(t1 - t0 + SLACK)
    expect(city.action).toMatchObject({ name: 'City', form: { interaction: 'input' } })
    expect(city.action.start).toBeGreaterThan(fullName.action.start)
  })

  it('focusing a field and leaving it without typing gives nothing, and nothing to abandon', async () => {
    const { tracker, events } = track()
    const started = starts(tracker)
    const $ = mount(`
      <form aria-label="Login">
        <label for="user">User name</label><input id="user">
        <label for="notes">Notes</label><textarea id="notes"></textarea>
      </form>`)
    $('#user').focus()
    await userEvent.tab() // to the textarea
    await userEvent.tab() // and out
    history.pushState(null, '', '/elsewhere')
    hidePage()
    await sleep(300)
    expect(started).toEqual([])
    expect(events).toEqual([])
  })

  it('a field outside any form still gives an input action, with an empty form name', async () => {
    const { events } = track()
    const $ = mount(`<label for="filter">Filter products</label><input id="filter" type="search">`)
    await userEvent.type($('#filter'), 'lamp')
    await userEvent.tab()
    const event = await waitFor(events, (e) => e.action.type === 'form')
    expect(event.action.name).toBe('Filter products')
    expect(event.action.form).toEqual({ name: '', interaction: 'input' })
  })
})

describe('form abandonment', () => {
  it('a form filled in and left by a path change is abandoned', async () => {
    const { events } = track()
    const $ = mount(`
      <form aria-label="Shipping address">
        <label for="street">Street</label><input id="street">
      </form>`)
    await userEvent.type($('#street'), '1 Main Street')
    await userEvent.tab()
    await waitFor(events, (e) => e.action.form?.interaction === 'input')
    history.pushState(null, '', '/catalog')
    const abandon = await waitFor(events, isAbandon)
    expect(abandon.action).toMatchObject({
      type: 'form',
      name: 'Shipping address',
      frustration: ['abandon'],
      complete_reason: 'interrupted_by_navigation',
      target: { tag: 'form' },
    })
    expect(abandon.action.form).toEqual({ name: 'Shipping address', interaction: 'abandon' })
    await sleep(100)
    expect(formEvents(events, 'abandon')).toHaveLength(1)
  })

  it('the abandon action is reported on the page where the form was, not the next one', async () => {
    const { events } = track()
    const $ = mount(`
      <form aria-label="Checkout">
        <label for="zip">Postcode</label><input id="zip">
      </form>`)
    await userEvent.type($('#zip'), '10115')
    await userEvent.tab()
    const input = await waitFor(events, (e) => e.action.form?.interaction === 'input')
    history.pushState(null, '', '/catalog')
    const abandon = await waitFor(events, isAbandon)
    expect(input.view.path).toBe(initialPath)
    expect(abandon.view.path).toBe(initialPath)
    expect(abandon.view.url).toBe(initialHref)
  })

  it('a query-only or fragment change is not leaving: no abandonment until the path changes', async () => {
    const { events } = track()
    const $ = mount(`
      <form aria-label="Filters">
        <label for="min">Min price</label><input id="min">
      </form>`)
    await userEvent.type($('#min'), '20')
    await userEvent.tab()
    history.pushState(null, '', '?step=2')
    history.replaceState(null, '', `${location.pathname}?step=3#billing`)
    await sleep(200)
    expect(formEvents(events, 'abandon')).toEqual([])
    // The form is still remembered: leaving the path now abandons it.
    history.pushState(null, '', '/thank-you')
    const abandon = await waitFor(events, isAbandon)
    expect(abandon.action.complete_reason).toBe('interrupted_by_navigation')
  })

  it('hiding the page abandons a touched form (page_hide), sent in the page-hide batch; one change is enough', async () => {
    const batches: TrackerEvent[][] = []
    const { events } = track({ transport: (batch) => void batches.push(batch) })
    const $ = mount(`
      <form>
        <label for="size">Size</label>
        <select id="size"><option>S</option><option>M</option></select>
      </form>`)
    await userEvent.selectOptions($<HTMLSelectElement>('#size'), 'M')
    hidePage()
    // Delivered during the event itself: the page may be gone right after.
    const abandon = actionsIn(batches).find(isAbandon)
    expect(abandon?.action).toMatchObject({
      type: 'form',
      name: 'Form',
      frustration: ['abandon'],
      complete_reason: 'page_hide',
    })
    expect(abandon?.action.form).toEqual({ name: '', interaction: 'abandon' })
    expect(formEvents(events, 'change')).toHaveLength(1)
  })

  it("page hide while a field is still being edited: the field's input action goes out with the page-hide batch", async () => {
    const batches: TrackerEvent[][] = []
    track({ transport: (batch) => void batches.push(batch) })
    const $ = mount(`
      <form aria-label="Review">
        <label for="comment">Comment</label><textarea id="comment"></textarea>
      </form>`)
    await userEvent.type($('#comment'), 'Great lamp') // the focus stays in the field
    hidePage()
    const sent = actionsIn(batches)
    expect(sent.find(isAbandon)?.action.complete_reason).toBe('page_hide')
    const input = sent.find((e) => e.action.form?.interaction === 'input')
    expect(input?.action).toMatchObject({ name: 'Comment', complete_reason: 'page_hide' })
  })

  it('a submitted form is not abandoned, an untouched one neither; a touched one is, once', async () => {
    const { events } = track()
    const $ = mount(`
      <form aria-label="Login">
        <label for="login-user">User</label><input id="login-user">
        <button>Sign in</button>
      </form>
      <form aria-label="Feedback">
        <label for="feedback">Comments</label><textarea id="feedback"></textarea>
      </form>
      <form aria-label="Newsletter">
        <label for="newsletter">Email</label><input id="newsletter">
      </form>`)
    await userEvent.type($('#login-user'), 'ada')
    await userEvent.click($('button'))
    await waitFor(events, (e) => e.action.form?.interaction === 'submit')
    await userEvent.type($('#feedback'), 'Too slow')
    await userEvent.tab()
    hidePage()
    history.pushState(null, '', '/bye') // the touched forms were already reported
    await waitFor(events, isAbandon)
    await sleep(200)
    expect(formEvents(events, 'abandon').map((e) => e.action.name)).toEqual(['Feedback'])
  })

  it('data-actiontrail-no-frustration on the form: an abandon action without the flag', async () => {
    const { events } = track()
    const $ = mount(`
      <form aria-label="Optional survey" data-actiontrail-no-frustration>
        <label for="why">Why are you here?</label><input id="why">
      </form>`)
    await userEvent.type($('#why'), 'Browsing')
    await userEvent.tab()
    history.pushState(null, '', '/elsewhere')
    const abandon = await waitFor(events, isAbandon)
    expect(abandon.action.name).toBe('Optional survey')
    expect(abandon.action.frustration).toEqual([])
  })

  it('trackForms: false: no form actions at all, and nothing is abandoned', async () => {
    const { tracker, events } = track({ trackForms: false })
    const started = starts(tracker)
    const $ = mount(`
      <form aria-label="Signup">
        <label for="email">Email</label><input id="email">
        <label for="plan">Plan</label>
        <select id="plan"><option>Free</option><option>Pro</option></select>
        <label><input type="checkbox" id="terms"> I accept the terms</label>
        <button>Create account</button>
      </form>
      <form aria-label="Feedback">
        <label for="feedback">Comments</label><textarea id="feedback"></textarea>
      </form>`)
    await userEvent.type($('#email'), 'ada@example.org')
    await userEvent.tab()
    await userEvent.selectOptions($<HTMLSelectElement>('#plan'), 'Pro')
    await userEvent.click($('#terms'))
    await userEvent.click($('button'))
    await userEvent.type($('#feedback'), 'Nice')
    await userEvent.tab()
    hidePage()
    history.pushState(null, '', '/elsewhere')
    // The clicks are still click actions: the tracker was running.
    await expect.poll(() => events.length, { timeout: 5000 }).toBe(2)
    await sleep(200)
    expect(started).toEqual(['click:I accept the terms', 'click:Create account'])
    expect(events.map((e) => e.action.type)).toEqual(['click', 'click'])
    for (const event of events) expect(event.action).not.toHaveProperty('form')
  })
})
