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
        let count = 0
        let lastTarget: Node | undefined
        let lastIgnored = false
        for (const record of records) {
          // Bursts usually hit one parent many times; check each distinct target once in a row.
          if (record.target !== lastTarget) {
            lastTarget = record.target
            lastIgnored = isIgnored(record.target)
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
