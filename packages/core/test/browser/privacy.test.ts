import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { ActionEvent, PrivacyLevel, TrackerEvent } from '../../src'
import { hidePage, mount, sleep, starts, track, waitFor } from './harness'

const MASKED = { name: 'Masked element', name_source: 'masked' }

// The app handles every submit itself: the test page must never navigate away. Bubbling phase,
// so the tracker's capturing listener sees the submit first.
document.addEventListener('submit', (event) => event.preventDefault())

/** A button-like custom element that renders its light children through a slot. */
class TagChip extends HTMLElement {
  constructor() {
    super()
    this.attachShadow({ mode: 'open' }).innerHTML =
      '<span class="chip" style="display:inline-block;padding:4px"><slot></slot></span>'
  }
}
if (!customElements.get('tag-chip')) customElements.define('tag-chip', TagChip)

const interaction = (e: ActionEvent) => e.action.form?.interaction

describe('defaultPrivacyLevel', () => {
  it.each([['allow' as const], ['mask-user-input' as const], [undefined]])(
    '%s: click and form actions are named from the page',
    async (level) => {
      const { events } = track(level ? { defaultPrivacyLevel: level } : {})
      const $ = mount(`
      <form aria-label="Profile">
        <label for="display">Display name</label><input id="display">
        <button type="button">Delete account</button>
      </form>`)
      await userEvent.type($('#display'), 'Ada')
      await userEvent.click($('button')) // leaves the field, then clicks
      const input = await waitFor(events, (e) => interaction(e) === 'input')
      const click = await waitFor(events, (e) => e.action.type === 'click')
      expect(input.action).toMatchObject({ name: 'Display name', name_source: 'label' })
      expect(click.action).toMatchObject({ name: 'Delete account', name_source: 'content' })
    },
  )

  it("mask: every click and form action is named 'Masked element'", async () => {
    const { tracker, events } = track({ defaultPrivacyLevel: 'mask' })
    const started = starts(tracker)
    const $ = mount(`
      <form id="settings">
        <label for="display">Display name</label><input id="display">
        <label for="plan">Plan</label>
        <select id="plan"><option>Free</option><option>Pro</option></select>
        <label><input type="checkbox" id="terms"> I accept the terms</label>
        <button type="button" id="export">Export my data</button>
        <button id="save">Save settings</button>
      </form>`)
    await userEvent.type($('#display'), 'Ada')
    await userEvent.tab()
    await userEvent.selectOptions($<HTMLSelectElement>('#plan'), 'Pro')
    await userEvent.click($('#terms'))
    await userEvent.click($('#export'))
    await userEvent.click($('#save'))
    // Clicking "Save settings" is the submit itself: one action.
    await expect.poll(() => events.length, { timeout: 5000 }).toBe(5)
    expect(started).toHaveLength(5)
    expect(events.map((e) => `${e.action.type}:${interaction(e) ?? ''}`).sort()).toEqual([
      'click:',
      'form:change',
      'form:change',
      'form:input',
      'form:submit',
    ])
    for (const event of events) expect(event.action).toMatchObject(MASKED)
  })

  it('mask: data-action-name still names the element, on it or on an ancestor', async () => {
    const { events } = track({ defaultPrivacyLevel: 'mask' })
    const $ = mount(`
      <form id="checkout">
        <div data-action-name="Coupon code field"><input id="coupon" aria-label="Coupon"></div>
        <select id="country" aria-label="Country" data-action-name="Country picker">
          <option>France</option><option>Spain</option>
        </select>
        <button type="button" data-action-name="Apply coupon">Apply SPRING24</button>
      </form>`)
    await userEvent.type($('#coupon'), 'SPRING24')
    await userEvent.tab()
    await userEvent.selectOptions($<HTMLSelectElement>('#country'), 'Spain')
    await userEvent.click($('button'))
    const names = ['Coupon code field', 'Country picker', 'Apply coupon']
    for (const name of names) {
      const event = await waitFor(events, (e) => e.action.name === name)
      expect(event.action.name_source).toBe('attribute')
    }
  })

  it("mask: a form submitted without a submitter is named 'Masked element'", async () => {
    const { events } = track({ defaultPrivacyLevel: 'mask' })
    const $ = mount(`<form aria-label="Report Jane Doe's account"></form>`)
    $<HTMLFormElement>('form').requestSubmit()
    const submit = await waitFor(events, (e) => interaction(e) === 'submit')
    expect(submit.action).toMatchObject(MASKED)
  })

  it("mask: an abandoned form is named 'Masked element'", async () => {
    const { events } = track({ defaultPrivacyLevel: 'mask' })
    const $ = mount(`
      <form aria-label="Report Jane Doe's account">
        <label for="reason">Reason</label><input id="reason">
      </form>`)
    await userEvent.type($('#reason'), 'Spam')
    await userEvent.tab()
    history.pushState(null, '', '/elsewhere')
    const abandon = await waitFor(events, (e) => interaction(e) === 'abandon')
    expect(abandon.action).toMatchObject(MASKED)
  })
})

describe('data-actiontrail-privacy', () => {
  it('overrides the default; the nearest level wins', async () => {
    const { events } = track({ defaultPrivacyLevel: 'allow' })
    const $ = mount(`
      <section data-actiontrail-privacy="mask">
        <button id="transfer">Transfer 500 EUR to Jane</button>
        <div data-actiontrail-privacy="allow"><button id="help">Show help</button></div>
      </section>
      <button id="balance" data-actiontrail-privacy="mask">Balance: 1 234 EUR</button>`)
    for (const id of ['#transfer', '#help', '#balance']) await userEvent.click($(id))
    await expect.poll(() => events.length, { timeout: 5000 }).toBe(3)
    expect(events.map((e) => [e.action.name, e.action.name_source])).toEqual([
      ['Masked element', 'masked'],
      ['Show help', 'content'],
      ['Masked element', 'masked'],
    ])
  })

  it("allow on a subtree unmasks it under the 'mask' default, for form actions too", async () => {
    const { events } = track({ defaultPrivacyLevel: 'mask' })
    const $ = mount(`
      <form aria-label="Search" data-actiontrail-privacy="allow">
        <label for="q">Search products</label><input id="q">
      </form>
      <label for="other">Other field</label><input id="other">`)
    await userEvent.type($('#q'), 'lamp')
    await userEvent.click($('#other')) // leaves the search field
    await userEvent.type($('#other'), 'x', { skipClick: true })
    await userEvent.tab()
    await expect.poll(() => events.length, { timeout: 5000 }).toBe(3)
    const search = events.find((e) => e.action.target?.selector === '#q')
    const click = events.find((e) => e.action.type === 'click')
    const other = events.find((e) => e.action !== search?.action && interaction(e) === 'input')
    expect(search?.action).toMatchObject({
      name: 'Search products',
      form: { interaction: 'input' },
    })
    expect(click?.action).toMatchObject({ ...MASKED, target: { selector: '#other' } })
    expect(other?.action).toMatchObject({ ...MASKED, target: { selector: '#other' } })
  })

  it('an empty or unknown value does not unmask what an ancestor masks', async () => {
    const { events } = track({ defaultPrivacyLevel: 'allow' })
    const $ = mount(`
      <section data-actiontrail-privacy="mask">
        <div data-actiontrail-privacy=""><button id="a">Transfer 500 EUR to Jane</button></div>
        <div data-actiontrail-privacy="masked"><button id="b">Pay rent to John</button></div>
      </section>`)
    await userEvent.click($('#a'))
    await userEvent.click($('#b'))
    await expect.poll(() => events.length, { timeout: 5000 }).toBe(2)
    for (const event of events) expect.soft(event.action).toMatchObject(MASKED)
  })

  it('hidden anywhere above hides the whole subtree, whatever descendants say: no action at all', async () => {
    const { tracker, events } = track({ defaultPrivacyLevel: 'allow' })
    const started = starts(tracker)
    const $ = mount(`
      <div data-actiontrail-privacy="hidden">
        <button id="reveal">Reveal recovery codes</button>
        <div data-actiontrail-privacy="allow">
          <form aria-label="Private notes">
            <label for="note">Note</label><input id="note">
            <select id="mood" aria-label="Mood"><option>Fine</option><option>Sad</option></select>
            <label><input type="checkbox" id="pin"> Pin this note</label>
            <button id="save">Save note</button>
          </form>
        </div>
      </div>
      <button id="visible">Visible</button>`)
    await userEvent.click($('#reveal'))
    await userEvent.click($('#note'))
    await userEvent.type($('#note'), 'dear diary', { skipClick: true })
    await userEvent.tab()
    await userEvent.selectOptions($<HTMLSelectElement>('#mood'), 'Sad')
    await userEvent.click($('#pin'))
    await userEvent.click($('#save'))
    expect($('#pin').checked).toBe(true)
    await userEvent.click($('#visible')) // the control: the tracker is running
    await waitFor(events, (e) => e.action.name === 'Visible')
    expect(started).toEqual(['click:Visible'])
    expect(events.map((e) => e.action.name)).toEqual(['Visible'])
  })

  it('a hidden form is never abandoned; a visible one is', async () => {
    const { events } = track()
    const $ = mount(`
      <form aria-label="Private" data-actiontrail-privacy="hidden">
        <label for="private">Private note</label><input id="private">
      </form>
      <form aria-label="Public">
        <label for="public">Public note</label><input id="public">
      </form>`)
    await userEvent.type($('#private'), 'secret plans')
    await userEvent.type($('#public'), 'hello')
    await userEvent.tab()
    hidePage()
    await waitFor(events, (e) => interaction(e) === 'abandon')
    await sleep(150)
    expect(events.filter((e) => interaction(e) === 'abandon').map((e) => e.action.name)).toEqual([
      'Public',
    ])
    expect(events.map((e) => e.action.form?.name)).not.toContain('Private')
  })

  it('levels cross shadow roots: a hidden host hides its shadow content, a masked one masks it', async () => {
    const { events } = track({ defaultPrivacyLevel: 'allow' })
    const $ = mount(`
      <div id="hidden-host" data-actiontrail-privacy="hidden"></div>
      <div id="masked-host" data-actiontrail-privacy="mask"></div>`)
    for (const id of ['#hidden-host', '#masked-host']) {
      $<HTMLElement>(id).attachShadow({ mode: 'open' }).innerHTML = '<button>Open vault</button>'
    }
    const inside = (id: string) => $<HTMLElement>(id).shadowRoot?.querySelector('button') as Element
    await userEvent.click(inside('#hidden-host'))
    await userEvent.click(inside('#masked-host'))
    const masked = await waitFor(events, () => true)
    await sleep(200)
    expect(events).toHaveLength(1)
    expect(masked.action).toMatchObject(MASKED)
  })
})

describe('secret fields are always hidden, even marked allow', () => {
  const secretFields = [
    '<input type="password">',
    '<input autocomplete="cc-number">',
    '<input autocomplete="cc-csc">',
    '<input autocomplete="cc-exp">',
    '<input autocomplete="current-password">',
    '<input autocomplete="username new-password">',
    '<input autocomplete="one-time-code" inputmode="numeric">',
    '<input name="cardnumber">',
    '<input name="card_number">',
    '<input name="creditCardNumber">',
    '<input id="cc-cvc">',
    '<input name="cvv">',
    '<input name="securityCode">',
    '<input id="iban">',
    '<input name="billing[iban]">',
  ]

  it.each(secretFields)('%s produces no click and no form action', async (markup) => {
    const { tracker } = track({ defaultPrivacyLevel: 'allow' })
    const started = starts(tracker)
    const $ = mount(`
      <form aria-label="Payment" data-actiontrail-privacy="allow">
        <label>Name on card <input id="control"></label>
        <label>Secret ${markup.replace('<input', '<input data-secret data-actiontrail-privacy="allow"')}</label>
      </form>`)
    // The control: an ordinary field gives a click and an input action.
    await userEvent.click($('#control'))
    await userEvent.type($('#control'), 'Ada Lovelace', { skipClick: true })
    // The secret field gives nothing.
    await userEvent.click($('[data-secret]')) // also leaves the control
    await userEvent.type($('[data-secret]'), 'hunter2', { skipClick: true })
    await userEvent.tab()
    await sleep(150)
    expect($('[data-secret]').value).toBe('hunter2')
    expect(started).toEqual(['click:Name on card', 'form:Name on card'])
  })

  it.each(['<input name="cardCvc">', '<input name="ccNumber">', '<input id="paymentIban">'])(
    'camelCase card-like name %s is hidden too',
    async (markup) => {
      const { tracker } = track({ defaultPrivacyLevel: 'allow' })
      const started = starts(tracker)
      const $ = mount(`
      <form aria-label="Payment">
        <label>Card detail ${markup.replace('<input', '<input data-secret')}</label>
      </form>`)
      await userEvent.click($('[data-secret]'))
      await userEvent.type($('[data-secret]'), '4242', { skipClick: true })
      await userEvent.tab()
      await sleep(150)
      expect(started).toEqual([])
    },
  )
})

describe('no event ever contains what the user typed', () => {
  /** Each secret holds a word found nowhere else, so even a piece of it would show. */
  const SECRETS = {
    email: 'quokka.7731@example.org',
    passwordStart: 'Tr0ub4dor&',
    passwordEnd: '3-WOMBAT',
    about: 'I collect AXOLOTL stamps',
    bioFirst: 'NARWHAL line one',
    bioSecond: 'second PANGOLIN line',
    referral: 'FRIEND-OCELOT-42',
    reminder: '14 CAPYBARA',
    tag: 'MARMOSET',
    card: '4111 1111 1111 1111',
    cvc: '9Q7-QUAGGA',
    gift: 'Love from OKAPI',
  }
  const NEEDLES = [
    ...Object.values(SECRETS),
    `${SECRETS.passwordStart}${SECRETS.passwordEnd}`,
    '4111111111111111',
    ...['quokka', 'wombat', 'tr0ub4dor', 'axolotl', 'narwhal', 'pangolin', 'ocelot'],
    ...['capybara', 'marmoset', 'quagga', 'okapi'],
  ].map((needle) => needle.toLowerCase())

  const SIGNUP = `
    <form id="signup">
      <h2>Create your account</h2>
      <label for="email">Email</label>
      <input id="email" type="email" name="email" autocomplete="email">
      <label for="password">Password</label>
      <input id="password" type="password" name="password" autocomplete="new-password">
      <button type="button" id="show-password" aria-controls="password">Show password</button>
      <label for="about">About you</label>
      <textarea id="about" name="about"></textarea>
      <div id="bio" contenteditable="true" class="editor"></div>
      <label for="plan">Plan</label>
      <select id="plan" name="plan"><option value="free">Free</option><option value="pro">Pro</option></select>
      <input id="referral" name="referral" placeholder="Referral code">
      <button type="button" id="apply">Apply</button>
      <p>
        <span id="remind-before">Remind me every</span>
        <input id="remind" name="remind" aria-labelledby="remind-before remind remind-after">
        <span id="remind-after">days</span>
      </p>
      <tag-chip role="button" tabindex="0" id="tags">Add tag <input class="tag-input"></tag-chip>
      <fieldset>
        <legend>Payment</legend>
        <label for="card">Card number</label><input id="card" name="cardnumber" inputmode="numeric">
        <label for="cc-cvc">Security code</label><input id="cc-cvc" inputmode="numeric">
      </fieldset>
      <label><input type="checkbox" id="terms"> I accept the terms</label>
      <button type="submit" id="create">Create account</button>
    </form>
    <form aria-label="Gift options" id="gift-form">
      <label for="gift">Gift message</label><textarea id="gift"></textarea>
    </form>`

  it.each(['allow', 'mask-user-input', 'mask'] satisfies PrivacyLevel[])(
    '%s: secrets typed into every kind of field appear in no event',
    async (level) => {
      const batches: TrackerEvent[][] = []
      const { tracker, events, errors } = track({
        defaultPrivacyLevel: level,
        transport: (batch) => void batches.push(batch),
      })
      const $ = mount(SIGNUP)
      const password = $('#password')
      $('#show-password').addEventListener('click', () => {
        password.type = password.type === 'password' ? 'text' : 'password'
      })
      $('#apply').addEventListener('click', () => {
        throw new Error('actiontrail-test-error: referral code rejected')
      })

      await userEvent.click($('#email'))
      await userEvent.type($('#email'), SECRETS.email, { skipClick: true })
      await userEvent.click(password)
      await userEvent.type(password, SECRETS.passwordStart, { skipClick: true })
      await userEvent.click($('#show-password')) // now type="text"
      await userEvent.type(password, SECRETS.passwordEnd)
      await userEvent.type($('#about'), SECRETS.about)
      const bio = $<HTMLDivElement>('#bio')
      await userEvent.click(bio)
      await userEvent.type(bio, `${SECRETS.bioFirst}{Enter}${SECRETS.bioSecond}`, {
        skipClick: true,
      })
      await userEvent.click((bio.lastElementChild as HTMLElement | null) ?? bio) // the second line
      await userEvent.selectOptions($<HTMLSelectElement>('#plan'), 'pro')
      await userEvent.type($('#referral'), SECRETS.referral)
      await userEvent.click($('#apply'))
      await userEvent.type($('#remind'), SECRETS.reminder)
      await userEvent.click($('.tag-input'))
      await userEvent.type($('.tag-input'), SECRETS.tag, { skipClick: true })
      await userEvent.click($('#card'))
      await userEvent.type($('#card'), SECRETS.card, { skipClick: true })
      await userEvent.type($('#cc-cvc'), SECRETS.cvc)
      await userEvent.click($('#terms'))
      await userEvent.click($('#create'))
      await userEvent.type($('#gift'), SECRETS.gift) // never submitted, the focus stays there
      hidePage()
      await sleep(300)
      await tracker.flush()
      tracker.stop() // emits what is still open and flushes it to the transport

      // The secrets really are in the page.
      expect($('#email').value).toBe(SECRETS.email)
      expect(password.value).toBe(`${SECRETS.passwordStart}${SECRETS.passwordEnd}`)
      expect(password.type).toBe('text')
      expect(bio.textContent).toContain(SECRETS.bioSecond)
      expect($('#card').value).toBe(SECRETS.card)
      expect($('#remind').value).toBe(SECRETS.reminder)

      // Everything produced, and everything the transport was given.
      const sent = batches.flat()
      expect(sent).toHaveLength(events.length + errors.length)
      const everything: TrackerEvent[] = [...events, ...errors, ...sent]
      const leaks = everything.flatMap((event) => {
        const json = JSON.stringify(event).toLowerCase()
        return NEEDLES.filter((needle) => json.includes(needle)).map((n) => `${n} in ${json}`)
      })
      expect(leaks).toEqual([])

      // The flow was really tracked: each visible field, choice, submit, abandonment, error.
      const targetOf = (e: ActionEvent) =>
        e.action.target ? document.querySelector(e.action.target.selector) : null
      const edited = events.filter((e) => interaction(e) === 'input').map(targetOf)
      const visibleFields = ['#email', '#about', '#referral', '#remind', '.tag-input', '#gift']
      for (const field of visibleFields) expect(edited).toContain($(field))
      const secretFields = [password, $('#card'), $('#cc-cvc')]
      for (const event of events) expect(secretFields).not.toContain(targetOf(event))
      const changed = events.filter((e) => interaction(e) === 'change').map(targetOf)
      expect(changed).toEqual(expect.arrayContaining([$('#plan'), $('#terms')]))
      expect(events.filter((e) => interaction(e) === 'submit')).toHaveLength(1)
      const abandoned = events.filter((e) => interaction(e) === 'abandon')
      // Masked, the form's visible aria-label gives way to its id.
      const giftForm = level === 'mask' ? 'gift-form' : 'Gift options'
      expect(abandoned.map((e) => e.action.form?.name)).toEqual([giftForm])
      expect(errors.length).toBeGreaterThanOrEqual(1)
      expect(events.filter((e) => e.action.type === 'click').length).toBeGreaterThanOrEqual(5)

      const named = (selector: string) =>
        events.find((e) => interaction(e) === 'input' && targetOf(e) === $(selector))?.action
      if (level === 'mask') {
        // Everything named from the page is masked (abandonment is checked on its own).
        for (const event of events)
          if (interaction(event) !== 'abandon') expect(event.action).toMatchObject(MASKED)
      } else {
        expect(named('#email')?.name).toBe('Email')
        expect(named('#about')?.name).toBe('About you')
        expect(named('#referral')).toMatchObject({
          name: 'Referral code',
          name_source: 'placeholder',
        })
        expect(named('#remind')).toMatchObject({
          name: 'Remind me every days',
          name_source: 'aria_labelledby',
        })
        expect(named('.tag-input')).toMatchObject({ name: 'Add tag', name_source: 'content' })
        expect(named('#gift')?.name).toBe('Gift message')
      }
    },
    30_000,
  )
})
