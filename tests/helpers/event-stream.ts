/**
 * A live attendance stream (server-sent events) read as a browser would, for the suites that
 * check what reaches an organizer's page: opened with the organizer's cookie and returned once
 * its first bytes (`retry:`) say it is open and subscribed, so nothing sent after that is missed.
 */
export interface EventStream {
  /** everything read so far */
  text: string
  /** Reads until the text so far includes `marker`; false when the stream ends first. */
  readUntil: (marker: string) => Promise<boolean>
  close: () => void
}

export async function openEventStream(url: string, cookieHeader: string): Promise<EventStream> {
  const controller = new AbortController()
  const response = await fetch(url, { headers: { Cookie: cookieHeader }, signal: controller.signal })
  const reader = response.body?.getReader()
  if (response.status !== 200 || !reader) throw new Error(`no event stream at ${url}: ${response.status}`)
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    throw new Error(`${url} answered ${response.headers.get('content-type')}, not an event stream`)
  }
  const decoder = new TextDecoder()
  const stream: EventStream = {
    text: '',
    async readUntil(marker) {
      while (!stream.text.includes(marker)) {
        const chunk = await reader.read()
        if (chunk.done) return false
        stream.text += decoder.decode(chunk.value)
      }
      return true
    },
    close: () => controller.abort(),
  }
  if (!(await stream.readUntil('retry:'))) throw new Error(`the stream at ${url} ended before it opened`)
  return stream
}
