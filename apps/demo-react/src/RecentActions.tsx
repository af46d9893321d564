import { useTracker } from '@actiontrail/react'
import { type RecentActionLine, watchRecentActions } from '@actiontrail/shop-kit'
import { useEffect, useState } from 'react'

/** The last actions the tracker ended, newest first: shop-kit keeps the list, React shows it. */
export function RecentActions() {
  const tracker = useTracker()
  const [lines, setLines] = useState<RecentActionLine[]>([])
  useEffect(() => tracker && watchRecentActions(tracker, setLines), [tracker])
  return (
    // The panel's own updates must not count as activity of the actions it lists.
    <aside
      aria-label="Recent actions"
      data-actiontrail-ignore-mutations=""
      data-actiontrail-privacy="allow"
    >
      <h2>Recent actions</h2>
      <ol>
        {lines.map((line) => (
          <li key={line.id} data-type={line.type}>
            {line.text}
          </li>
        ))}
      </ol>
    </aside>
  )
}
