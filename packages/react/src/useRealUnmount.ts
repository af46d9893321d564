import { useEffect, useRef } from 'react'

/**
 * Calls `onUnmount` once the component has really unmounted. In development StrictMode tears
 * every effect down and sets it up again right away; that synchronous round trip is not an
 * unmount, so the check waits for a microtask, by which time the remount has happened.
 * `onUnmount` must read what it needs from refs: the callback of the first render is kept.
 */
export function useRealUnmount(onUnmount: () => void): void {
  const mounts = useRef(0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first callback is kept on purpose.
  useEffect(() => {
    const mount = ++mounts.current
    return () => {
      queueMicrotask(() => {
        if (mounts.current === mount) onUnmount()
      })
    }
  }, [])
}
