/** A set of measurements summarised the way every figure of the report is: median and range. */
export interface Spread {
  median: number
  min: number
  max: number
  /** How many measurements. */
  runs: number
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return Number.NaN
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

export function spread(values: readonly number[]): Spread {
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    runs: values.length,
  }
}

/**
 * Runs `measure` for the baseline and for the tracker `pairs` times each, alternating which goes
 * first (ABBA), so a machine that gets busier or quieter during the run affects both alike.
 * Returns the measurements in pairs, baseline first.
 */
export async function interleaved<T>(
  pairs: number,
  measure: (withTracker: boolean) => Promise<T>,
): Promise<{ baseline: T; tracker: T }[]> {
  const results: { baseline: T; tracker: T }[] = []
  for (let i = 0; i < pairs; i++) {
    const trackerFirst = i % 2 === 1
    const first = await measure(trackerFirst)
    const second = await measure(!trackerFirst)
    results.push(
      trackerFirst ? { baseline: second, tracker: first } : { baseline: first, tracker: second },
    )
  }
  return results
}
