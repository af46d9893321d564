const IGNORE_SELECTOR = '[data-actiontrail-ignore-mutations]'

/**
 * Watches the whole document for DOM mutations while it is switched on. It runs only while an
 * action is active, so idle pages pay nothing for it. Mutations inside an element marked
 * `data-actiontrail-ignore-mutations` (a clock, a live ticker) are left out.
 */
export function createMutationWatcher(onMutations: (count: number) => void) {
  let observer: MutationObserver | undefined
  return {
    start(): void {
      observer ??= new MutationObserver((records) => {
        // Marked elements are rare: one look for them in the document spares most batches a
        // look up from every record. A record whose node left the document may have left with
        // a marked ancestor, so those are still looked at one by one.
        const marked = document.querySelector(IGNORE_SELECTOR) !== null
        let count = 0
        let lastTarget: Node | undefined
        let lastIgnored = false
        for (const record of records) {
          const target = record.target
          if (target !== lastTarget) {
            lastTarget = target
            lastIgnored = (marked || !target.isConnected) && isIgnored(target)
          }
          if (!lastIgnored) count++
        }
        if (count > 0) onMutations(count)
      })
      observer.observe(document, {
        childList: true,
        subtree: true,
        attributes: true,
        characterData: true,
      })
    },
    stop(): void {
      observer?.disconnect()
    },
  }
}

function isIgnored(node: Node): boolean {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement
  return element?.closest(IGNORE_SELECTOR) != null
}
