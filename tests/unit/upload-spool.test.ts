/**
 * The import's multipart upload (issue 14): the file part goes to disk as it arrives, never whole
 * in memory, under a cap on the body (declared or counted) and one on the file.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { spoolMultipart } from '../../app/http/upload.server'

/** A request whose body arrives in chunks of `size` bytes. */
async function chunked(form: FormData, size: number, headers: Record<string, string> = {}): Promise<Request> {
  const encoded = new Request('http://x/', { method: 'POST', body: form })
  const bytes = new Uint8Array(await encoded.arrayBuffer())
  let at = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close()
      controller.enqueue(bytes.slice(at, at + size))
      at += size
    },
  })
  return new Request('http://x/', {
    method: 'POST',
    body,
    duplex: 'half',
    headers: { 'content-type': encoded.headers.get('content-type') ?? '', ...headers },
  } as RequestInit)
}

const limits = { body: 1024 * 1024, file: 512 * 1024, fileField: 'file' }

describe('a multipart upload spooled to disk', () => {
  it('writes the file part to disk and keeps the fields, however the body is cut', async () => {
    for (const [size, length] of [
      [1, 3_000],
      [7, 20_000],
      [64 * 1024, 300_000],
    ] as const) {
      const content = new Uint8Array(length).map((_, i) => i % 251)
      const form = new FormData()
      form.set('intent', 'preview')
      form.set('file', new Blob([content]), '名单 "final".csv')
      form.set('encoding', 'gb18030')
      const result = await spoolMultipart(await chunked(form, size), limits)
      if (!result.ok) throw new Error(result.reason)
      const { fields, file, discard } = result.form
      expect(Object.fromEntries(fields)).toEqual({ intent: 'preview', encoding: 'gb18030' })
      expect(file?.name).toBe('名单 "final".csv')
      expect(file?.size).toBe(content.length)
      expect(new Uint8Array(readFileSync(file?.path ?? ''))).toEqual(content)
      await discard()
      expect(existsSync(file?.path ?? '')).toBe(false)
    }
  })

  it('refuses a declared length over the cap before reading, a longer body, and a file part over its cap', async () => {
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(600 * 1024)]), 'big.csv')
    const declared = await chunked(form, 1024, { 'content-length': String(2 * 1024 * 1024) })
    expect(await spoolMultipart(declared, limits)).toEqual({ ok: false, reason: 'too_large' })
    expect(declared.bodyUsed).toBe(false)
    expect(await spoolMultipart(await chunked(form, 64 * 1024), limits)).toEqual({
      ok: false,
      reason: 'file_too_large',
    })
    expect(await spoolMultipart(await chunked(form, 64 * 1024), { ...limits, body: 100 * 1024 })).toEqual({
      ok: false,
      reason: 'too_large',
    })
  })

  it('refuses a second file part, and a body cut before its closing boundary', async () => {
    const two = new FormData()
    two.append('file', new Blob(['a']), 'a.csv')
    two.append('other', new Blob(['b']), 'b.csv')
    expect(await spoolMultipart(await chunked(two, 1024), limits)).toEqual({ ok: false, reason: 'bad_request' })
    const cut = new Request('http://x/', {
      method: 'POST',
      body: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    })
    expect(await spoolMultipart(cut, limits)).toEqual({ ok: false, reason: 'bad_request' })
  })

  it('refuses a body the client cuts off midway as a bad request', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc'),
        )
        controller.error(new Error('aborted'))
      },
    })
    const request = new Request('http://x/', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    } as RequestInit)
    expect(await spoolMultipart(request, limits)).toEqual({ ok: false, reason: 'bad_request' })
  })

  it('reads a body to its end, within the cap, so that its answer (a refusal too) reaches the client', async () => {
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(600 * 1024)]), 'big.csv')
    form.set('encoding', 'auto')
    const encoded = new Request('http://x/', { method: 'POST', body: form })
    const bytes = new Uint8Array(await encoded.arrayBuffer())
    for (const [fileCap, expected] of [
      [limits.file, { ok: false, reason: 'file_too_large' }],
      [limits.file * 2, { ok: true }],
    ] as const) {
      // A cancelled request body closes the connection before the answer is written.
      let at = 0
      let cancelled = false
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= bytes.length) return controller.close()
          controller.enqueue(bytes.slice(at, at + 16 * 1024))
          at += 16 * 1024
        },
        cancel() {
          cancelled = true
        },
      })
      const request = new Request('http://x/', {
        method: 'POST',
        body,
        duplex: 'half',
        headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
      } as RequestInit)
      const result = await spoolMultipart(request, { ...limits, file: fileCap })
      expect(result).toMatchObject(expected)
      expect(cancelled).toBe(false)
      expect(at).toBeGreaterThanOrEqual(bytes.length)
      if (result.ok) await result.form.discard()
    }
  })
})
