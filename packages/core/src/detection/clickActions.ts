import type { TrackedAction } from '../action'
import { privacyOf } from '../privacy'
import { listen } from './dom'
import { frustrate, mayBeDead } from './frustration'
import type { DetectionHost } from './host'
import { nameElement } from './naming'
import { selectorOf } from './selector'

/** Clicks further apart than this in time do not form a rage-click chain. */
const CHAIN_GAP_MS = 1000
/** Nor do clicks further apart than this on screen. */
const CHAIN_DISTANCE_PX = 100
const RAGE_CLICKS = 3

/** What a person clicks on, when the pointer lands on something inside it (an icon in a button). */
const INTERACTIVE =
  'a,button,input,select,textarea,label,summary,[role=button],[role=link],[role=menuitem],[role=tab],[role=checkbox],[role=radio],[role=switch],[role=option],[tabindex]'

export interface Click {
  /** The innermost element under the pointer, or the focused element for the keyboard. */
  element: Element
  /** Client coordinates of a pointer click; absent for keyboard activation. */
  point?: { x: number; y: number }
  /** Ctrl, Meta or Shift held: usually "open in a new tab or window". */
  modified: boolean
}

/** A click action and the clicks that joined it, until its rage-click window closes. */
interface Chain {
  action: TrackedAction
  target: Element
  /** Where the last click of the chain landed. */
  point: { x: number; y: number } | undefined
  /** The first click had a modifier: it opened a tab, and such clicks never chain. */
  modified: boolean
  /** The text selected when the chain started; a new selection breaks it. */
  selection: string
  clicks: number
  lastClick: number
  /** The page scrolled, the user typed or selected text after the first click. */
  disturbed: boolean
  settled: boolean
  emit: (() => void) | undefined
  timer: ReturnType<typeof setTimeout> | undefined
}

/**
 * Turns clicks into `click` actions: named, located, and flagged `rage` or `dead`. A click action
 * is emitted once its rage-click window (1 s after the last click) has closed, because later
 * clicks can still join it and scrolling or typing can still show it was not dead.
 */
export function createClickDetection(host: DetectionHost) {
  let chain: Chain | undefined
  /**
   * Scrolling, typing or selecting text disturbs the open chain. The listeners stay while one
   * chain follows another, as in a run of clicks, and go once the last one has settled.
   */
  let stopWatching: (() => void) | undefined

  const settle = (settling: Chain) => {
    if (settling.settled) return
    settling.settled = true
    clearTimeout(settling.timer)
    if (chain === settling) chain = undefined
    if (settling.emit) finish(settling)
  }

  /** The chain's window closed without another click, or the page goes away. */
  const close = (closing: Chain | undefined) => {
    if (closing) settle(closing)
    if (!chain) {
      stopWatching?.()
      stopWatching = undefined
    }
  }

  const finish = (done: Chain) => {
    const { action } = done
    if (done.clicks >= RAGE_CLICKS) frustrate(action, 'rage')
    const quiet = action.completeReason === 'completed' && !action.hadActivity
    if (quiet && !done.disturbed && action.element && mayBeDead(action.element))
      frustrate(action, 'dead')
    done.emit?.()
  }

  const joins = (open: Chain | undefined, target: Element, click: Click): open is Chain => {
    if (!open || open.settled || open.modified || click.modified) return false
    if (!click.point || !open.point) return false
    if (host.latest !== open.action || open.target !== target || open.disturbed) return false
    if (performance.now() - open.lastClick > CHAIN_GAP_MS) return false
    if (Math.hypot(click.point.x - open.point.x, click.point.y - open.point.y) > CHAIN_DISTANCE_PX)
      return false
    // A double or triple click that selected text is reading, not rage.
    return selectedText() === open.selection
  }

  return {
    click(click: Click): void {
      if (!host.detecting) return
      const { element } = click
      const privacy = privacyOf(element, host.options.defaultPrivacyLevel)
      if (privacy === 'hidden') return
      const target = element.closest(INTERACTIVE) ?? element
      if (joins(chain, target, click)) {
        chain.clicks++
        chain.lastClick = performance.now()
        chain.point = click.point
        schedule(chain)
        return
      }
      if (chain) settle(chain)

      const { name, source } = nameElement(element, {
        nameAttribute: host.options.actionNameAttribute,
        masked: privacy === 'mask',
      })
      const box = target.getBoundingClientRect()
      const action = host.start({
        type: 'click',
        name,
        nameSource: source,
        source: 'interaction',
        element,
        target: {
          tag: target.localName,
          selector: selectorOf(target, host.options.actionNameAttribute),
          ...(click.point && {
            position: {
              x: Math.round(click.point.x - box.left),
              y: Math.round(click.point.y - box.top),
            },
          }),
        },
      })
      const started: Chain = {
        action,
        target,
        point: click.point,
        modified: click.modified,
        selection: selectedText(),
        clicks: 1,
        lastClick: performance.now(),
        disturbed: false,
        settled: false,
        emit: undefined,
        timer: undefined,
      }
      stopWatching ??= watchDisturbance(() => {
        if (chain) chain.disturbed = true
      })
      action.deferEmit = (emit) => {
        started.emit = emit
        if (started.settled) finish(started)
      }
      chain = started
      schedule(started)
    },

    /** Emits the click action still waiting, now: the page is going away or the tracker stops. */
    flush(): void {
      close(chain)
    },
  }

  function schedule(open: Chain) {
    clearTimeout(open.timer)
    open.timer = setTimeout(() => close(open), CHAIN_GAP_MS)
  }
}

const selectedText = () => getSelection()?.toString() ?? ''

/**
 * Calls `onDisturbed` on the first scroll, text input or text selection; returns the function
 * that stops watching. Clicking into text collapses the selection, which is no selection.
 */
function watchDisturbance(onDisturbed: () => void): () => void {
  return listen({
    scroll: onDisturbed,
    input: onDisturbed,
    selectionchange: () => {
      if (getSelection()?.isCollapsed === false) onDisturbed()
    },
  })
}
