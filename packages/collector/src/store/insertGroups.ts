/** What one `insert` call stored. */
export interface InsertCounts {
  inserted: number
  duplicates: number
}

interface Pending {
  rows: unknown[]
  resolve: (counts: InsertCounts) => void
  reject: (error: unknown) => void
}

/**
 * Gathers the batches handed over while a group is being stored into the next group, so many
 * concurrent small inserts become few large ones (what both engines want). `storeGroup` stores
 * a group and returns each batch's counts, in order; a group holds at most `maxRows` rows unless
 * a single batch is larger. `closed` says when new batches are refused; `idle` waits for what
 * was accepted.
 */
export function insertGroups<Row>(
  storeGroup: (batches: Row[][]) => Promise<InsertCounts[]>,
  closed: () => boolean,
  maxRows = Number.POSITIVE_INFINITY,
) {
  const queue: Pending[] = []
  let draining: Promise<void> | undefined

  const nextGroup = (): Pending[] => {
    const group: Pending[] = []
    let size = 0
    for (let next = queue[0]; next; next = queue[0]) {
      if (group.length > 0 && size + next.rows.length > maxRows) break
      group.push(next)
      size += next.rows.length
      queue.shift()
    }
    return group
  }

  const drain = async () => {
    // Let the batches handed over in the same tick join the first group.
    await Promise.resolve()
    while (queue.length > 0) {
      const group = nextGroup()
      try {
        const counts = await storeGroup(group.map((pending) => pending.rows as Row[]))
        group.forEach((pending, i) => {
          pending.resolve(counts[i] as InsertCounts)
        })
      } catch (error) {
        for (const pending of group) pending.reject(error)
      }
    }
    draining = undefined
  }

  return {
    insert(rows: Row[]): Promise<InsertCounts> {
      if (closed()) return Promise.reject(new Error('The store is closed.'))
      if (rows.length === 0) return Promise.resolve({ inserted: 0, duplicates: 0 })
      return new Promise((resolve, reject) => {
        queue.push({ rows, resolve, reject })
        draining ??= drain()
      })
    },
    idle: async () => {
      await draining
    },
  }
}
