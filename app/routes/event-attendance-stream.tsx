import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import type { Route } from './+types/event-attendance-stream'

/**
 * Server-sent events for the attendance pages: one `checkin` event (with the session id) per
 * admission or undo at this event, and a comment every 25 s so proxies keep the line open.
 * `no-transform` keeps the compression middleware from buffering the stream.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await requireEventAccess(request, context, params.slug, 'event.view')
  const { live } = context.get(appContext)
  const encoder = new TextEncoder()
  let stop = () => {}
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text))
        } catch {
          stop()
        }
      }
      send('retry: 2000\n\n')
      const unsubscribe = live.subscribe(event.id, (change) => {
        send(`event: checkin\ndata: ${JSON.stringify({ sessionId: change.sessionId })}\n\n`)
      })
      const ping = setInterval(() => send(': ping\n\n'), 25_000)
      stop = () => {
        unsubscribe()
        clearInterval(ping)
        try {
          controller.close()
        } catch {
          // already closed
        }
      }
      request.signal.addEventListener('abort', () => stop(), { once: true })
    },
    cancel() {
      stop()
    },
  })
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      'X-Accel-Buffering': 'no',
    },
  })
}
