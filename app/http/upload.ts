/**
 * Reading a request body with a size cap. A declared Content-Length over the cap is refused
 * before a byte is read; a body without one (chunked) is counted while it is read, and reading
 * stops as soon as it passes the cap.
 */

export type CappedForm = { ok: true; form: FormData } | { ok: false; reason: 'too_large' | 'bad_request' }

export function declaredTooLarge(headers: Headers, limit: number): boolean {
  const length = Number(headers.get('content-length'))
  return Number.isFinite(length) && length > limit
}

/** The body's bytes, or null when it is longer than `limit`. */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array()
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.length
    if (total > limit) {
      await reader.cancel().catch(() => undefined)
      return null
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}

/** The request's form (multipart or urlencoded), unless its body is over `limit` bytes. */
export async function readFormCapped(request: Request, limit: number): Promise<CappedForm> {
  if (declaredTooLarge(request.headers, limit)) return { ok: false, reason: 'too_large' }
  const bytes = await readCapped(request.body, limit)
  if (!bytes) return { ok: false, reason: 'too_large' }
  try {
    const contentType = request.headers.get('content-type') ?? ''
    return { ok: true, form: await new Response(bytes, { headers: { 'content-type': contentType } }).formData() }
  } catch {
    return { ok: false, reason: 'bad_request' }
  }
}
