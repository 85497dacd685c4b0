import { useEffect, useRef, useState } from 'react'
import { useRevalidator } from 'react-router'

/**
 * Keeps an attendance page current: listens to the event's check-in stream (server-sent events)
 * and reloads the page's data when a door admits someone or takes a scan back, at most every
 * 250 ms. Returns whether the stream is connected (EventSource reconnects by itself).
 */
export function useLiveAttendance(streamUrl: string, sessionId?: string): boolean {
  const revalidator = useRevalidator()
  const latest = useRef(revalidator)
  latest.current = revalidator
  const [connected, setConnected] = useState(false)
  useEffect(() => {
    const source = new EventSource(streamUrl)
    let pending: ReturnType<typeof setTimeout> | null = null
    const refresh = () => {
      if (pending) return
      pending = setTimeout(() => {
        pending = null
        if (latest.current.state === 'idle') void latest.current.revalidate()
        else refresh()
      }, 250)
    }
    source.addEventListener('open', () => setConnected(true))
    source.addEventListener('error', () => setConnected(false))
    source.addEventListener('checkin', (message) => {
      if (!sessionId) return refresh()
      try {
        if ((JSON.parse((message as MessageEvent<string>).data) as { sessionId?: string }).sessionId === sessionId)
          refresh()
      } catch {
        refresh()
      }
    })
    return () => {
      if (pending) clearTimeout(pending)
      source.close()
    }
  }, [streamUrl, sessionId])
  return connected
}
