import { useEffect, useRef } from 'react'
import { useRevalidator } from 'react-router'

/** Reloads the page's data every `ms` while `active` (and the tab is visible), one request at a time. */
export function useRevalidateWhile(active: boolean, ms = 2000): void {
  const revalidator = useRevalidator()
  const latest = useRef(revalidator)
  latest.current = revalidator
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && latest.current.state === 'idle') void latest.current.revalidate()
    }, ms)
    return () => clearInterval(timer)
  }, [active, ms])
}
