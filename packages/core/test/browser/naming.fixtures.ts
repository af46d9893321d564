import type { ElementName } from '../../src/detection/naming'

/**
 * Conformance fixtures for element naming (DESIGN §2 "Naming"). Each one is real-world markup,
 * the element a person clicks, and the name that person would give it.
 *
 * `html` is mounted with `setHTMLUnsafe`, so `<template shadowrootmode="open">` builds shadow
 * roots. `target` is a CSS selector inside the fixture; ` >>> ` steps into the shadow root of
 * the element matched so far. `setup` runs after mounting (to type into fields, for instance)
 * and may return a cleanup function.
 *
 * Fields typed into hold the word `SECRET`: no name may ever contain it.
 */
export interface NamingFixture {
  title: string
  html: string
  target: string
  expected: ElementName
  nameAttribute?: string
  masked?: boolean
  setup?: (container: HTMLElement) => undefined | (() => void)
}

/** Sets the value of the field matched by `selector`, as if the user had typed it. */
const typeInto =
  (selector: string, value = 'SECRET') =>
  (container: HTMLElement): undefined => {
    const field = container.querySelector(selector) as HTMLInputElement | HTMLTextAreaElement
    field.value = value
  }

/** The usual "visually hidden" utility class: invisible on screen, read by screen readers. */
const SR_ONLY = `<style>.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;
overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}</style>`

const ICON_PATH = '<path d="M6 6l12 12M6 18L18 6" stroke="currentColor"></path>'

/** `depth` nested spans around `inner`. */
const nest = (depth: number, inner: string): string =>
  '<span>'.repeat(depth) + inner + '</span>'.repeat(depth)

const LONG_TITLE =
  'Organic cotton crew-neck t-shirt with a relaxed fit, reinforced seams and a small embroidered logo on the chest'

export const fixtures: NamingFixture[] = [
  // ── 1. data-action-name and actionNameAttribute ─────────────────────────────────────────
  {
    title: 'data-action-name on the button',
    html: '<button data-action-name="Add to cart">Add</button>',
    target: 'button',
    expected: { name: 'Add to cart', source: 'attribute' },
  },
  {
    title: 'data-action-name on an ancestor names a click on an inner span',
    html: '<div data-action-name="Product card"><h3>Blue shirt</h3><span class="price">€29</span></div>',
    target: '.price',
    expected: { name: 'Product card', source: 'attribute' },
  },
  {
    title: 'nested data-action-name: the nearest ancestor wins',
    html: `<section data-action-name="Cart">
      <div data-action-name="Cart line 7"><button>Remove</button></div></section>`,
    target: 'button',
    expected: { name: 'Cart line 7', source: 'attribute' },
  },
  {
    title: 'data-action-name wins over aria-label and content',
    html: '<button aria-label="Close dialog" data-action-name="Dismiss promo">×</button>',
    target: 'button',
    expected: { name: 'Dismiss promo', source: 'attribute' },
  },
  {
    title: 'an empty data-action-name is skipped for the next one up',
    html: '<div data-action-name="Newsletter"><button data-action-name="">Subscribe</button></div>',
    target: 'button',
    expected: { name: 'Newsletter', source: 'attribute' },
  },
  {
    title: 'whitespace in data-action-name is collapsed',
    html: '<button data-action-name="  Apply\n   coupon  ">Go</button>',
    target: 'button',
    expected: { name: 'Apply coupon', source: 'attribute' },
  },
  {
    title: 'actionNameAttribute is read before data-action-name',
    html: '<button data-testid="checkout-submit" data-action-name="Checkout">Pay now</button>',
    target: 'button',
    nameAttribute: 'data-testid',
    expected: { name: 'checkout-submit', source: 'attribute' },
  },
  {
    title: 'actionNameAttribute on an ancestor beats data-action-name on the element',
    html: '<form data-track="Checkout form"><button data-action-name="Pay">Pay now</button></form>',
    target: 'button',
    nameAttribute: 'data-track',
    expected: { name: 'Checkout form', source: 'attribute' },
  },
  {
    title: 'actionNameAttribute absent: data-action-name still names',
    html: '<button data-action-name="Checkout">Pay now</button>',
    target: 'button',
    nameAttribute: 'data-testid',
    expected: { name: 'Checkout', source: 'attribute' },
  },
  {
    title: 'data-action-name on a shadow host names a click inside its shadow root',
    html: `<x-rating data-action-name="Rate product"><template shadowrootmode="open">
      <button class="star">★</button><button class="star">★</button></template></x-rating>`,
    target: 'x-rating >>> .star',
    expected: { name: 'Rate product', source: 'attribute' },
  },

  // ── 2. masking ──────────────────────────────────────────────────────────────────────────
  {
    title: 'masked: the literal "Masked element" instead of the text',
    html: '<button>Transfer €5,000 to John Smith</button>',
    target: 'button',
    masked: true,
    expected: { name: 'Masked element', source: 'masked' },
  },
  {
    title: 'masked: aria-label is masked too',
    html: '<button aria-label="Open account 12-345-678">⋯</button>',
    target: 'button',
    masked: true,
    expected: { name: 'Masked element', source: 'masked' },
  },
  {
    title: 'masked: data-action-name still wins',
    html: '<div data-action-name="Account row"><button>Jane Doe, IBAN DE89…</button></div>',
    target: 'button',
    masked: true,
    expected: { name: 'Account row', source: 'attribute' },
  },

  // ── 3a. aria-labelledby ─────────────────────────────────────────────────────────────────
  {
    title: 'aria-labelledby with several ids, space-joined in order',
    html: `<span id="billing">Billing</span><div><span id="name">Name</span>
      <input aria-labelledby="billing name" type="text"></div>`,
    target: 'input',
    setup: typeInto('input'),
    expected: { name: 'Billing Name', source: 'aria_labelledby' },
  },
  {
    title: 'aria-labelledby wins over aria-label',
    html: `<h2 id="dlg-title">Delete file?</h2>
      <button aria-labelledby="dlg-title" aria-label="Confirm">OK</button>`,
    target: 'button',
    expected: { name: 'Delete file?', source: 'aria_labelledby' },
  },
  {
    title: 'aria-labelledby may reference a hidden element',
    html: '<span id="lbl" hidden>Close <b>dialog</b></span><button aria-labelledby="lbl">×</button>',
    target: 'button',
    expected: { name: 'Close dialog', source: 'aria_labelledby' },
  },
  {
    title: 'aria-labelledby referencing itself and another element',
    html: `<button id="del" aria-label="Delete" aria-labelledby="del file">🗑</button>
      <span id="file">report.pdf</span>`,
    target: 'button',
    expected: { name: 'Delete report.pdf', source: 'aria_labelledby' },
  },
  {
    title: 'aria-labelledby pointing nowhere falls through to aria-label',
    html: '<button aria-labelledby="missing" aria-label="Next page">›</button>',
    target: 'button',
    expected: { name: 'Next page', source: 'aria_label' },
  },
  {
    title: 'aria-labelledby referencing a text field does not read its value',
    html: `<span id="for">Search for</span><input id="query" type="search">
      <button aria-labelledby="for query">🔍</button>`,
    target: 'button',
    setup: typeInto('#query'),
    expected: { name: 'Search for', source: 'aria_labelledby' },
  },
  {
    title: 'aria-labelledby resolves ids inside the shadow root of the element',
    html: `<x-field><template shadowrootmode="open"><span id="l">Quantity</span>
      <input aria-labelledby="l" type="number"></template></x-field>
      <span id="l">Wrong: document-level element</span>`,
    target: 'x-field >>> input',
    expected: { name: 'Quantity', source: 'aria_labelledby' },
  },

  // ── 3b. aria-label ──────────────────────────────────────────────────────────────────────
  {
    title: 'icon button with aria-label',
    html: `<button aria-label="Close"><svg viewBox="0 0 24 24" width="24">${ICON_PATH}</svg></button>`,
    target: 'button',
    expected: { name: 'Close', source: 'aria_label' },
  },
  {
    title: 'click on the <path> of an icon inside an aria-label button',
    html: `<button aria-label="Close"><svg viewBox="0 0 24 24" width="24">${ICON_PATH}</svg></button>`,
    target: 'path',
    expected: { name: 'Close', source: 'aria_label' },
  },
  {
    title: 'aria-label wins over the content',
    html: '<button aria-label="Add Blue shirt to cart">Add to cart</button>',
    target: 'button',
    expected: { name: 'Add Blue shirt to cart', source: 'aria_label' },
  },
  {
    title: 'a whitespace-only aria-label is ignored',
    html: '<button aria-label="   ">Save draft</button>',
    target: 'button',
    expected: { name: 'Save draft', source: 'content' },
  },
  {
    title: 'aria-hidden "×" inside a labelled close button',
    html: '<button class="btn-close" aria-label="Close"><span aria-hidden="true">×</span></button>',
    target: 'span',
    expected: { name: 'Close', source: 'aria_label' },
  },
  {
    title: 'aria-label on a shadow host names its unlabelled inner button',
    html: `<x-icon-button aria-label="Open menu"><template shadowrootmode="open">
      <button><svg aria-hidden="true" viewBox="0 0 24 24">${ICON_PATH}</svg></button>
      </template></x-icon-button>`,
    target: 'x-icon-button >>> path',
    expected: { name: 'Open menu', source: 'aria_label' },
  },
  {
    title: 'aria-label on a card link, click on the image inside',
    html: `<a href="/p/7" aria-label="Blue shirt, €29"><img src="data:," alt="">
      <span>Blue shirt</span></a>`,
    target: 'img',
    expected: { name: 'Blue shirt, €29', source: 'aria_label' },
  },

  // ── 3c. native label: <label> ───────────────────────────────────────────────────────────
  {
    title: 'text input with label[for], typed value not read',
    html: '<label for="email">Email</label><input id="email" type="email">',
    target: 'input',
    setup: typeInto('input'),
    expected: { name: 'Email', source: 'label' },
  },
  {
    title: 'text input wrapped in its label',
    html: '<label>Email address <input type="text" name="email"></label>',
    target: 'input',
    setup: typeInto('input'),
    expected: { name: 'Email address', source: 'label' },
  },
  {
    title: 'password input with a label, typed password not read',
    html: '<label for="pw">Password</label><input id="pw" type="password" placeholder="••••">',
    target: 'input',
    setup: typeInto('input'),
    expected: { name: 'Password', source: 'label' },
  },
  {
    title: 'checkbox wrapped in its label',
    html: '<label><input type="checkbox" name="remember"> Remember me</label>',
    target: 'input',
    expected: { name: 'Remember me', source: 'label' },
  },
  {
    title: 'radio with label[for]',
    html: `<input type="radio" id="ship-express" name="ship" value="express">
      <label for="ship-express">Express delivery</label>`,
    target: 'input',
    expected: { name: 'Express delivery', source: 'label' },
  },
  {
    title: 'click on the label text itself',
    html: '<input type="checkbox" id="terms"><label for="terms">I accept the terms</label>',
    target: 'label',
    expected: { name: 'I accept the terms', source: 'label' },
  },
  {
    title: 'click on a span inside a wrapping label',
    html: `<form aria-label="Sign in"><label><input type="checkbox">
      <span class="text">Keep me signed in</span></label></form>`,
    target: '.text',
    expected: { name: 'Keep me signed in', source: 'label' },
  },
  {
    title: 'select with a label: the chosen option is not the name',
    html: `<label for="size">Size</label><select id="size">
      <option>S</option><option selected>XL</option></select>`,
    target: 'select',
    expected: { name: 'Size', source: 'label' },
  },
  {
    title: 'select inside its label: option texts are not read',
    html: '<label>Country <select><option>France</option><option>Germany</option></select></label>',
    target: 'select',
    expected: { name: 'Country', source: 'label' },
  },
  {
    title: 'label with an embedded text field: the value is left out',
    html: '<label>Flash the screen <input type="number" value="5"> times</label>',
    target: 'input',
    setup: typeInto('input', '9999'),
    expected: { name: 'Flash the screen times', source: 'label' },
  },
  {
    title: 'textarea with a label, typed text not read',
    html: '<label for="msg">Your message</label><textarea id="msg">SECRET draft</textarea>',
    target: 'textarea',
    expected: { name: 'Your message', source: 'label' },
  },
  {
    title: 'visually hidden (sr-only) label',
    html: `${SR_ONLY}<label for="q" class="sr-only">Search</label>
      <input id="q" type="search" placeholder="Try “shoes”">`,
    target: 'input',
    setup: typeInto('input'),
    expected: { name: 'Search', source: 'label' },
  },
  {
    title: 'a label hidden with display:none still names its field',
    html: `<label for="zip" style="display:none">Postal code</label>
      <input id="zip" placeholder="12345">`,
    target: 'input',
    expected: { name: 'Postal code', source: 'label' },
  },
  {
    title: 'two labels for one field are joined',
    html: `<label for="start">Start</label><span> – </span>
      <input id="start" type="date"><label for="start">date</label>`,
    target: 'input',
    expected: { name: 'Start date', source: 'label' },
  },
  {
    title: 'a required marker hidden from assistive technology is left out of the label',
    html: '<label for="e">Email <span aria-hidden="true">*</span></label><input id="e">',
    target: 'input',
    expected: { name: 'Email', source: 'label' },
  },
  {
    title: 'a labelled field in a labelled form: the field wins',
    html: '<form aria-label="Newsletter"><label>Email <input name="email"></label></form>',
    target: 'input',
    setup: typeInto('input'),
    expected: { name: 'Email', source: 'label' },
  },

  // ── 3c. native label: alt, value, SVG <title> ───────────────────────────────────────────
  {
    title: 'image with alt',
    html: '<img src="data:," alt="Product photo" width="40" height="40">',
    target: 'img',
    expected: { name: 'Product photo', source: 'alt' },
  },
  {
    title: 'click on a logo image inside a home link',
    html: '<a href="/"><img src="data:," alt="Acme home" width="80" height="20"></a>',
    target: 'img',
    expected: { name: 'Acme home', source: 'alt' },
  },
  {
    title: 'the home link itself is named by its image',
    html: '<a href="/"><img src="data:," alt="Acme home" width="80" height="20"></a>',
    target: 'a',
    expected: { name: 'Acme home', source: 'content' },
  },
  {
    title: 'input type=image with alt',
    html: '<input type="image" src="data:," alt="Search">',
    target: 'input',
    expected: { name: 'Search', source: 'alt' },
  },
  {
    title: 'decorative image (alt="") inside a button: the button names it',
    html: '<button><img src="data:," alt="" width="16" height="16"> Upload</button>',
    target: 'img',
    expected: { name: 'Upload', source: 'content' },
  },
  {
    title: 'area of an image map',
    html: `<img src="data:," usemap="#m" alt="World map" width="10" height="10">
      <map name="m"><area shape="rect" coords="0,0,5,5" href="/eu" alt="Europe"></map>`,
    target: 'area',
    expected: { name: 'Europe', source: 'alt' },
  },
  {
    title: 'input type=submit with a value',
    html: '<form><input type="submit" value="Place order"></form>',
    target: 'input',
    expected: { name: 'Place order', source: 'value' },
  },
  {
    title: 'input type=button with a value',
    html: '<input type="button" value="Add another address">',
    target: 'input',
    expected: { name: 'Add another address', source: 'value' },
  },
  {
    title: 'submit without a value: the walk reaches the labelled form and stops there',
    html: '<div aria-label="Footer"><form aria-label="Checkout"><input type="submit"></form></div>',
    target: 'input',
    expected: { name: 'Checkout', source: 'aria_label' },
  },
  {
    title: 'reset without a value falls back to its title',
    html: '<input type="reset" title="Clear the form">',
    target: 'input',
    expected: { name: 'Clear the form', source: 'title' },
  },
  {
    title: 'svg icon with a <title>, click on the svg',
    html: `<svg role="img" viewBox="0 0 24 24" width="24"><title>Warning</title>${ICON_PATH}</svg>`,
    target: 'svg',
    expected: { name: 'Warning', source: 'label' },
  },
  {
    title: 'click on a <path> inside an svg with a <title>',
    html: `<div class="toolbar"><svg viewBox="0 0 24 24" width="24"><title>Print</title>${ICON_PATH}</svg></div>`,
    target: 'path',
    expected: { name: 'Print', source: 'label' },
  },
  {
    title: 'button whose only content is an svg with a <title>',
    html: `<button><svg viewBox="0 0 24 24" width="24"><title>Search</title>${ICON_PATH}</svg></button>`,
    target: 'button',
    expected: { name: 'Search', source: 'content' },
  },
  {
    title: 'an aria-hidden svg keeps its <title> to itself: the button text names the click',
    html: `<button><svg aria-hidden="true" viewBox="0 0 24 24" width="16"><title>trash-icon</title>
      ${ICON_PATH}</svg> Delete</button>`,
    target: 'path',
    expected: { name: 'Delete', source: 'content' },
  },

  // ── 3d. content of buttons, links, summary, option, widgets ────────────────────────────
  {
    title: 'plain button',
    html: '<button type="button">Add to cart</button>',
    target: 'button',
    expected: { name: 'Add to cart', source: 'content' },
  },
  {
    title: 'font-icon button: aria-hidden icon plus text',
    html: '<button class="btn"><i class="fa fa-trash" aria-hidden="true"></i> Delete</button>',
    target: 'button',
    expected: { name: 'Delete', source: 'content' },
  },
  {
    title: 'click on the aria-hidden font icon of a button',
    html: '<button class="btn"><i class="fa fa-trash" aria-hidden="true"></i> Delete</button>',
    target: 'i',
    expected: { name: 'Delete', source: 'content' },
  },
  {
    title: 'icon button with sr-only text (clip-hidden text is read)',
    html: `${SR_ONLY}<button><svg aria-hidden="true" viewBox="0 0 24 24" width="24">${ICON_PATH}</svg>
      <span class="sr-only">Close</span></button>`,
    target: 'path',
    expected: { name: 'Close', source: 'content' },
  },
  {
    title: 'sr-only text wins over the tooltip title of an icon link',
    html: `${SR_ONLY}<a href="/cart" title="Go to your cart"><i class="icon-cart"></i>
      <span class="sr-only">Cart, 3 items</span></a>`,
    target: 'i',
    expected: { name: 'Cart, 3 items', source: 'content' },
  },
  {
    title: 'card wrapping a link: click on an inner span',
    html: `<a class="card" href="/p/7"><img src="data:," alt="" width="40" height="40">
      <div class="card-body"><h3>Blue shirt</h3><span class="price">€29.90</span></div></a>`,
    target: '.price',
    expected: { name: 'Blue shirt €29.90', source: 'content' },
  },
  {
    title: 'card link with an image alt and block text',
    html: `<a href="/blog/1"><img src="data:," alt="Sunset over the bay" width="40" height="40">
      <h3>Our summer trip</h3></a>`,
    target: 'h3',
    expected: { name: 'Sunset over the bay Our summer trip', source: 'content' },
  },
  {
    title: 'link inside a labelled nav: the link names itself',
    html: '<nav aria-label="Breadcrumb"><ol><li><a href="/shoes">Shoes</a></li></ol></nav>',
    target: 'a',
    expected: { name: 'Shoes', source: 'content' },
  },
  {
    title: 'button inside a labelled dialog: the button names itself',
    html: `<div role="dialog" aria-labelledby="t"><h2 id="t">Edit profile</h2>
      <button>Save changes</button></div>`,
    target: 'button',
    expected: { name: 'Save changes', source: 'content' },
  },
  {
    title: 'an anchor without href is not a link: its text is plain text',
    html: '<a class="more">Show more</a>',
    target: 'a',
    expected: { name: 'Show more', source: 'text' },
  },
  {
    title: 'summary of a details disclosure',
    html: '<details><summary>Shipping options</summary><p>Standard, Express</p></details>',
    target: 'summary',
    expected: { name: 'Shipping options', source: 'content' },
  },
  {
    title: 'option in an ARIA listbox, check icon hidden',
    html: `<ul role="listbox" aria-label="Colour"><li role="option">Red</li>
      <li role="option" aria-selected="true" id="blue"><span aria-hidden="true">✓</span> Blue</li></ul>`,
    target: '#blue',
    expected: { name: 'Blue', source: 'content' },
  },
  {
    title: 'option of a native multi-select list',
    html: '<select multiple size="3" name="tags"><option>News</option><option>Sport</option></select>',
    target: 'option:last-child',
    expected: { name: 'Sport', source: 'content' },
  },
  {
    title: 'menu item (role=menuitem), click on its label span',
    html: `<ul role="menu"><li role="menuitem"><span class="icon" aria-hidden="true">✎</span>
      <span class="label">Rename</span></li></ul>`,
    target: '.label',
    expected: { name: 'Rename', source: 'content' },
  },
  {
    title: 'tab with a counter badge',
    html: `<div role="tablist"><button role="tab" aria-selected="true">Inbox
      <span class="badge">3</span></button></div>`,
    target: '.badge',
    expected: { name: 'Inbox 3', source: 'content' },
  },
  {
    title: 'div with role=button',
    html: '<div role="button" tabindex="0" class="chip">Filter: in stock</div>',
    target: 'div.chip',
    expected: { name: 'Filter: in stock', source: 'content' },
  },
  {
    title: 'custom checkbox (role=checkbox)',
    html: '<span role="checkbox" aria-checked="false" tabindex="0">Gift wrap</span>',
    target: 'span',
    expected: { name: 'Gift wrap', source: 'content' },
  },
  {
    title: 'switch with a fallback role list',
    html: '<div role="switch checkbox" aria-checked="true" tabindex="0"><span>Dark mode</span></div>',
    target: 'span',
    expected: { name: 'Dark mode', source: 'content' },
  },
  {
    title: 'leaf tree item',
    html: `<ul role="tree"><li role="treeitem" aria-expanded="false">
      <span class="caret" aria-hidden="true">▸</span> Documents</li></ul>`,
    target: '.caret',
    expected: { name: 'Documents', source: 'content' },
  },
  {
    title: 'grid cell (role=gridcell) in a data grid',
    html: `<div role="grid"><div role="row"><div role="gridcell" tabindex="-1">
      <span>Invoice 2024-07</span></div></div></div>`,
    target: 'span',
    expected: { name: 'Invoice 2024-07', source: 'content' },
  },
  {
    title: 'nested aria-label inside content contributes its label',
    html: '<button><span aria-label="4 out of 5 stars">★★★★☆</span> Rate</button>',
    target: 'button',
    expected: { name: '4 out of 5 stars Rate', source: 'content' },
  },
  {
    title: 'image inside button text contributes its alt as a word',
    html: '<button>Pay with<img src="data:," alt="PayPal" width="40" height="12"></button>',
    target: 'button',
    expected: { name: 'Pay with PayPal', source: 'content' },
  },
  {
    title: 'empty icon element with a title inside a link',
    html: '<a href="/"><span class="icon-home" title="Home"></span></a>',
    target: 'span',
    expected: { name: 'Home', source: 'title' },
  },
  {
    title: 'link whose only content is an empty icon element with a title',
    html: '<a href="/"><span class="icon-home" title="Home"></span></a>',
    target: 'a',
    expected: { name: 'Home', source: 'content' },
  },
  {
    title: 'sortable table header button with a hidden sort icon',
    html: `<table><thead><tr><th><button>Price <svg aria-hidden="true" width="8" height="8">
      ${ICON_PATH}</svg></button></th></tr></thead></table>`,
    target: 'th button',
    expected: { name: 'Price', source: 'content' },
  },
  {
    title: 'link in the text of a label names itself',
    html: '<label><input type="checkbox"> I accept the <a href="/terms">terms of sale</a></label>',
    target: 'a',
    expected: { name: 'terms of sale', source: 'content' },
  },

  // ── 3e. title, placeholder, name ────────────────────────────────────────────────────────
  {
    title: 'empty button with a title',
    html: '<button title="Refresh"><i class="icon-refresh"></i></button>',
    target: 'button',
    expected: { name: 'Refresh', source: 'title' },
  },
  {
    title: 'input with a placeholder only, typed value not read',
    html: '<input type="search" placeholder="Search products">',
    target: 'input',
    setup: typeInto('input'),
    expected: { name: 'Search products', source: 'placeholder' },
  },
  {
    title: 'input with a placeholder in a labelled search form: the placeholder is nearer',
    html: '<form role="search" aria-label="Site"><input type="search" placeholder="Search"></form>',
    target: 'input',
    setup: typeInto('input'),
    expected: { name: 'Search', source: 'placeholder' },
  },
  {
    title: 'title comes before placeholder',
    html: '<input title="Coupon code" placeholder="e.g. SPRING10">',
    target: 'input',
    expected: { name: 'Coupon code', source: 'title' },
  },
  {
    title: 'input with a name only, typed value not read',
    html: '<input type="text" name="coupon">',
    target: 'input',
    setup: typeInto('input'),
    expected: { name: 'coupon', source: 'name' },
  },
  {
    title: 'select with a name only: the chosen option is not the name',
    html: '<select name="sort"><option>Price</option><option selected>Newest</option></select>',
    target: 'select',
    expected: { name: 'sort', source: 'name' },
  },
  {
    title: 'icon-only button with a name attribute',
    html: '<button name="close"><i class="icon-x"></i></button>',
    target: 'button',
    expected: { name: 'close', source: 'name' },
  },

  // ── 3f. the ancestor walk: form, body, 10 ancestors ─────────────────────────────────────
  {
    title: 'a form stops the walk: its aria-label names an unnamed field',
    html: `<section aria-label="Sidebar"><form aria-label="Newsletter">
      <div><input type="email"></div></form></section>`,
    target: 'input',
    setup: typeInto('input'),
    expected: { name: 'Newsletter', source: 'aria_label' },
  },
  {
    title: 'a form stops the walk: the section around it is not read',
    html: '<section aria-label="Sidebar"><form><p class="fine">Fine print</p></form></section>',
    target: '.fine',
    expected: { name: 'Fine print', source: 'text' },
  },
  {
    title: 'a form name names an unnamed field in it',
    html: '<form name="login"><input type="text"></form>',
    target: 'input',
    setup: typeInto('input'),
    expected: { name: 'login', source: 'name' },
  },
  {
    title: 'body stops the walk: its title is not read',
    html: '<p class="hello">Hello</p>',
    target: '.hello',
    setup: () => {
      document.body.setAttribute('title', 'Whole page')
      document.body.setAttribute('aria-label', 'Whole page')
      return () => {
        document.body.removeAttribute('title')
        document.body.removeAttribute('aria-label')
      }
    },
    expected: { name: 'Hello', source: 'text' },
  },
  {
    title: 'the 10th ancestor is still read',
    html: `<div aria-label="Far label">${nest(9, '<b class="deep">Near</b>')}</div>`,
    target: '.deep',
    expected: { name: 'Far label', source: 'aria_label' },
  },
  {
    title: 'the 11th ancestor is not read',
    html: `<div aria-label="Far label">${nest(10, '<b class="deep">Near</b>')}</div>`,
    target: '.deep',
    expected: { name: 'Near', source: 'text' },
  },

  // ── 4. visible text ─────────────────────────────────────────────────────────────────────
  {
    title: 'plain paragraph text',
    html: '<p>Free shipping on orders over €50</p>',
    target: 'p',
    expected: { name: 'Free shipping on orders over €50', source: 'text' },
  },
  {
    title: 'table: plain cell text in a row that has a button',
    html: `<table><tr><td class="order">Order #1234</td><td><button>Cancel</button></td></tr></table>`,
    target: '.order',
    expected: { name: 'Order #1234', source: 'text' },
  },
  {
    title: 'table: the button in the row',
    html: `<table><tr><td class="order">Order #1234</td><td><button>Cancel</button></td></tr></table>`,
    target: 'button',
    expected: { name: 'Cancel', source: 'content' },
  },
  {
    title: 'table: a row spaces its cells',
    html: '<table><tr class="row"><td>Blue shirt</td><td>€29</td><td>2</td></tr></table>',
    target: '.row',
    expected: { name: 'Blue shirt €29 2', source: 'text' },
  },
  {
    title: 'block elements are separated by a space',
    html: '<div class="cta"><div>Add</div><div>to cart</div></div>',
    target: '.cta',
    expected: { name: 'Add to cart', source: 'text' },
  },
  {
    title: 'flex items are separated by a space',
    html: '<div class="qty" style="display:flex;gap:4px"><span>Qty</span><span>2</span></div>',
    target: '.qty',
    expected: { name: 'Qty 2', source: 'text' },
  },
  {
    title: 'inline elements are not separated',
    html: '<p class="total">Total: <b>42</b>€</p>',
    target: '.total',
    expected: { name: 'Total: 42€', source: 'text' },
  },
  {
    title: '<br> separates lines',
    html: '<p class="addr">221B Baker Street<br>London</p>',
    target: '.addr',
    expected: { name: '221B Baker Street London', source: 'text' },
  },
  {
    title: 'whitespace, tabs, newlines and no-break spaces collapse',
    html: '<p class="ws">\n\t  Track\u00a0\u00a0my   \n order \t </p>',
    target: '.ws',
    expected: { name: 'Track my order', source: 'text' },
  },
  {
    title: 'emoji are kept',
    html: '<button>🛒 Add to cart 🎉</button>',
    target: 'button',
    expected: { name: '🛒 Add to cart 🎉', source: 'content' },
  },
  {
    title: 'long text is cut at 100 characters with " [...]"',
    html: `<a href="/p/1" class="long">${LONG_TITLE}</a>`,
    target: '.long',
    expected: {
      name: 'Organic cotton crew-neck t-shirt with a relaxed fit, reinforced seams and a small embroidered [...]',
      source: 'content',
    },
  },
  {
    title: 'aria-hidden parts are skipped',
    html: '<p class="t">Price <span aria-hidden="true">(hidden from AT)</span>€10</p>',
    target: '.t',
    expected: { name: 'Price €10', source: 'text' },
  },
  {
    title: 'display:none parts are skipped',
    html: '<button>Save<span style="display:none"> (saving…)</span></button>',
    target: 'button',
    expected: { name: 'Save', source: 'content' },
  },
  {
    title: 'visibility:hidden parts are skipped',
    html: '<button><span style="visibility:hidden">Loading…</span>Submit</button>',
    target: 'button',
    expected: { name: 'Submit', source: 'content' },
  },
  {
    title: 'a visible child of a visibility:hidden element is read',
    html: `<button><span style="visibility:hidden">Loading…
      <span style="visibility:visible">Retry</span></span></button>`,
    target: 'button',
    expected: { name: 'Retry', source: 'content' },
  },
  {
    title: 'display:contents wrappers are read, without adding spaces',
    html: '<button><span style="display:contents">Save</span><span>&nbsp;all</span></button>',
    target: 'button',
    expected: { name: 'Save all', source: 'content' },
  },
  {
    title: 'a display:contents label names its field, hidden parts left out',
    html: `<label for="city" style="display:contents">City<span hidden> (internal)</span></label>
      <input id="city">`,
    target: 'input',
    setup: typeInto('input'),
    expected: { name: 'City', source: 'label' },
  },
  {
    title: 'hidden-attribute parts are skipped',
    html: '<button>Follow<span hidden> (following)</span></button>',
    target: 'button',
    expected: { name: 'Follow', source: 'content' },
  },
  {
    title: 'script, style and template content is skipped',
    html: `<div class="box">Welcome<script>var x = "script text"</script>
      <style>.x{}</style><template>template text</template></div>`,
    target: '.box',
    expected: { name: 'Welcome', source: 'text' },
  },
  {
    title: 'the closed part of a <details> is not read',
    html: '<div class="faq"><details><summary>Returns</summary>30 days, free</details></div>',
    target: '.faq',
    expected: { name: 'Returns', source: 'text' },
  },
  {
    title: 'svg <text> is visible text, other svg content is not',
    html: `<svg class="chart" width="100" height="20"><desc>chart description</desc>
      <rect width="10" height="10"></rect><text x="0" y="15">Q3 revenue</text></svg>`,
    target: 'svg',
    expected: { name: 'Q3 revenue', source: 'text' },
  },
  {
    title: 'empty icon-font button with no label: no name',
    html: '<div class="toolbar"><button class="btn-icon"><i class="icon-gear"></i></button></div>',
    target: 'i',
    expected: { name: '', source: 'text' },
  },
  {
    title: 'text input with nothing to name it: no name, and never its value',
    html: '<div class="row"><input type="text"></div>',
    target: 'input',
    setup: typeInto('input'),
    expected: { name: '', source: 'text' },
  },
  {
    title: 'textarea with nothing to name it: its text is not read',
    html: '<textarea>SECRET notes</textarea>',
    target: 'textarea',
    expected: { name: '', source: 'text' },
  },
  {
    title: 'select with nothing to name it: option texts are not read',
    html: '<select><option>SECRET choice</option><option>Other</option></select>',
    target: 'select',
    expected: { name: '', source: 'text' },
  },
  {
    title: 'contenteditable editor with aria-label: typed text is not read',
    html: `<div contenteditable="true" aria-label="Message" role="textbox">
      <p class="typed">SECRET typed text</p></div>`,
    target: '.typed',
    expected: { name: 'Message', source: 'aria_label' },
  },
  {
    title: 'a link typed into a contenteditable editor is not read',
    html: `<div contenteditable="true" aria-label="Comment"><p>See
      <a href="https://example.com/SECRET">SECRET link</a></p></div>`,
    target: 'a',
    expected: { name: 'Comment', source: 'aria_label' },
  },
  {
    title: 'contenteditable with nothing to name it: no name',
    html: '<div contenteditable="true"><p class="typed">SECRET typed text</p></div>',
    target: '.typed',
    expected: { name: '', source: 'text' },
  },
  {
    title: 'a div card (no link): its visible text',
    html: `<div class="card"><h3>Premium plan</h3><p>€9 per month</p>
      <span class="sr" style="display:none">internal-id-42</span></div>`,
    target: '.card',
    expected: { name: 'Premium plan €9 per month', source: 'text' },
  },

  // ── Shadow DOM ──────────────────────────────────────────────────────────────────────────
  {
    title: 'button inside an open shadow root',
    html: `<x-buy><template shadowrootmode="open"><button part="btn">Buy now</button>
      </template></x-buy>`,
    target: 'x-buy >>> button',
    expected: { name: 'Buy now', source: 'content' },
  },
  {
    title: 'slotted light-DOM text in a shadow button: the walk goes through the slot',
    html: `<x-button><template shadowrootmode="open"><button><slot></slot></button></template>
      <span class="light">Checkout</span></x-button>`,
    target: '.light',
    expected: { name: 'Checkout', source: 'content' },
  },
  {
    title: 'shadow text and slotted text are read as rendered',
    html: `<x-chip role="button"><template shadowrootmode="open"><span>Remove</span>
      <slot></slot><span hidden>internal</span></template>filter</x-chip>`,
    target: 'x-chip',
    expected: { name: 'Remove filter', source: 'content' },
  },
  {
    title: 'light children that no slot renders are not read',
    html: `<x-tab role="tab"><template shadowrootmode="open"><slot name="label"></slot>
      </template><span slot="label">Settings</span><span>unslotted</span></x-tab>`,
    target: 'x-tab',
    expected: { name: 'Settings', source: 'content' },
  },
  {
    title: 'slot fallback content is read when nothing is assigned',
    html: `<x-submit><template shadowrootmode="open"><button><slot>Submit</slot></button>
      </template></x-submit>`,
    target: 'x-submit >>> button',
    expected: { name: 'Submit', source: 'content' },
  },
  {
    title: 'label for an input in the same shadow root',
    html: `<x-input><template shadowrootmode="open"><label for="f">City</label>
      <input id="f"></template></x-input>`,
    target: 'x-input >>> input',
    setup: (container) => {
      const host = container.querySelector('x-input') as HTMLElement
      ;(host.shadowRoot?.querySelector('input') as HTMLInputElement).value = 'SECRET'
      return undefined
    },
    expected: { name: 'City', source: 'label' },
  },
  {
    title: 'nested shadow roots: a button two levels deep',
    html: `<x-app><template shadowrootmode="open"><x-toolbar><template shadowrootmode="open">
      <button><span class="t">Export</span></button></template></x-toolbar></template></x-app>`,
    target: 'x-app >>> x-toolbar >>> .t',
    expected: { name: 'Export', source: 'content' },
  },
  {
    title: 'shadow content inside a light-DOM link card',
    html: `<a href="/p/9"><x-price><template shadowrootmode="open"><b>€12</b></template></x-price>
      <span class="n">Socks</span></a>`,
    target: '.n',
    expected: { name: '€12 Socks', source: 'content' },
  },
]
