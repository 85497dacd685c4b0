/**
 * Reading a multipart upload without holding it in memory: the file part goes to disk as it
 * arrives (a 50 MB import is never buffered whole), the few small fields into memory, all under
 * byte caps counted while reading.
 */
import { type FileHandle, mkdtemp, open, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { declaredTooLarge } from './upload'

export interface SpooledFile {
  /** the file's name as the browser sent it */
  name: string
  /** where its bytes are, in a directory of its own; remove it with `discard` */
  path: string
  size: number
}

export interface SpooledForm {
  fields: Map<string, string>
  /** the one file part, or null when the form had none (or an empty one) */
  file: SpooledFile | null
  /** removes the spooled file; safe to call more than once */
  discard: () => Promise<void>
}

export type SpooledResult =
  | { ok: true; form: SpooledForm }
  | { ok: false; reason: 'too_large' | 'file_too_large' | 'bad_request' }

export interface SpoolLimits {
  /** the whole body, framing included */
  body: number
  /** the file part */
  file: number
  /** the name of the file part; other file parts are refused */
  fileField: string
}

/** Form fields besides the file: at most this many, each at most this long. */
const MAX_FIELDS = 32
const MAX_FIELD_BYTES = 8 * 1024
const MAX_PART_HEADERS = 8 * 1024
const WRITE_BLOCK = 64 * 1024
const CRLF = Buffer.from('\r\n')
const HEADERS_END = Buffer.from('\r\n\r\n')

class Refused extends Error {
  constructor(readonly reason: 'too_large' | 'file_too_large' | 'bad_request') {
    super(reason)
  }
}

function boundaryOf(contentType: string): string | null {
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return null
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType)
  return match?.[1] ?? match?.[2] ?? null
}

/** A part's name and filename from its Content-Disposition (quoted strings as browsers write them). */
function disposition(headers: string): { name: string; filename: string | null } | null {
  const line = headers.split('\r\n').find((h) => /^content-disposition\s*:/i.test(h))
  if (!line || !/:\s*form-data\s*(;|$)/i.test(line)) return null
  const param = (key: string): string | null => {
    const match = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(line)
    if (match?.[1] !== undefined)
      return match[1].replace(/\\(.)/g, '$1').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n')
    const bare = new RegExp(`;\\s*${key}=([^;\\s]+)`, 'i').exec(line)
    return bare?.[1] ?? null
  }
  const name = param('name')
  if (name === null) return null
  const extended = /;\s*filename\*=utf-8''([^;\s]+)/i.exec(line)?.[1]
  let filename = param('filename')
  if (extended) {
    try {
      filename = decodeURIComponent(extended)
    } catch {
      // keep the plain filename
    }
  }
  return { name, filename }
}

/**
 * Reads a multipart form from the request as it arrives: small fields into memory, the one file
 * part straight to a file in a fresh temporary directory, so an upload is never held whole in
 * memory. A declared Content-Length over `limits.body` is refused before a byte is read; a body
 * (chunked or not) is counted while it is read and reading stops at the cap, as it does at a file
 * part over `limits.file`. The caller must call `discard` when done with the file.
 */
export async function spoolMultipart(request: Request, limits: SpoolLimits): Promise<SpooledResult> {
  if (declaredTooLarge(request.headers, limits.body)) return { ok: false, reason: 'too_large' }
  const boundary = boundaryOf(request.headers.get('content-type') ?? '')
  if (!boundary || !request.body) return { ok: false, reason: 'bad_request' }
  const opening = Buffer.from(`--${boundary}`)
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  const fields = new Map<string, string>()
  // Written by the part handlers below; one object so its fields keep their declared types.
  const spool: {
    dir: string | null
    file: SpooledFile | null
    handle: FileHandle | null
    /** file bytes not yet written: written in blocks, however small the body's chunks */
    held: Buffer[]
    heldBytes: number
  } = { dir: null, file: null, handle: null, held: [], heldBytes: 0 }
  const flush = async () => {
    if (spool.heldBytes === 0) return
    const block = Buffer.concat(spool.held)
    spool.held = []
    spool.heldBytes = 0
    await spool.handle?.write(block)
  }
  const discard = async () => {
    const { dir } = spool
    spool.dir = null
    if (dir) await rm(dir, { recursive: true, force: true })
  }

  type State = 'preamble' | 'after-boundary' | 'headers' | 'body' | 'done'
  let state: State = 'preamble'
  let pending: Buffer = Buffer.alloc(0)
  let total = 0
  let fieldCount = 0
  let part: { kind: 'field'; name: string; chunks: Buffer[]; size: number } | { kind: 'file'; size: number } | null =
    null

  const startPart = async (headers: string) => {
    const parsed = disposition(headers)
    if (!parsed) throw new Refused('bad_request')
    if (parsed.filename !== null) {
      if (parsed.name !== limits.fileField || spool.file) throw new Refused('bad_request')
      spool.dir = await mkdtemp(join(tmpdir(), 'signet-upload-'))
      const path = join(spool.dir, 'upload')
      spool.handle = await open(path, 'wx', 0o600)
      spool.file = { name: parsed.filename, path, size: 0 }
      part = { kind: 'file', size: 0 }
    } else {
      if (++fieldCount > MAX_FIELDS) throw new Refused('bad_request')
      part = { kind: 'field', name: parsed.name, chunks: [], size: 0 }
    }
  }
  const partData = async (data: Buffer) => {
    if (!part || data.length === 0) return
    part.size += data.length
    if (part.kind === 'field') {
      if (part.size > MAX_FIELD_BYTES) throw new Refused('bad_request')
      part.chunks.push(data)
    } else {
      if (part.size > limits.file) throw new Refused('file_too_large')
      // A copy: `data` is a view of the parser's pending bytes.
      spool.held.push(Buffer.from(data))
      spool.heldBytes += data.length
      if (spool.heldBytes >= WRITE_BLOCK) await flush()
    }
  }
  const endPart = async () => {
    if (!part) return
    if (part.kind === 'field') {
      if (!fields.has(part.name)) fields.set(part.name, Buffer.concat(part.chunks).toString('utf8'))
    } else if (spool.file && spool.handle) {
      await flush()
      await spool.handle.close()
      spool.handle = null
      spool.file.size = part.size
    }
    part = null
  }

  // Consumes as much of `pending` as the state allows; returns when it needs more bytes, true once
  // the closing boundary was read.
  const advance = async (): Promise<boolean> => {
    for (;;) {
      if (state === 'preamble') {
        const at = pending.indexOf(opening)
        if (at === -1) {
          pending = pending.subarray(Math.max(0, pending.length - opening.length))
          return false
        }
        pending = pending.subarray(at + opening.length)
        state = 'after-boundary'
      } else if (state === 'after-boundary') {
        if (pending.length < 2) return false
        if (pending[0] === 0x2d && pending[1] === 0x2d) {
          state = 'done'
          return true
        }
        // Transport padding (spaces, tabs) may follow a boundary before its line break.
        const lineEnd = pending.indexOf(CRLF)
        if (lineEnd === -1) {
          if (pending.length > 256) throw new Refused('bad_request')
          return false
        }
        pending = pending.subarray(lineEnd + 2)
        state = 'headers'
      } else if (state === 'headers') {
        const end = pending.indexOf(HEADERS_END)
        if (end === -1) {
          if (pending.length > MAX_PART_HEADERS) throw new Refused('bad_request')
          return false
        }
        await startPart(pending.toString('utf8', 0, end))
        pending = pending.subarray(end + 4)
        state = 'body'
      } else if (state === 'body') {
        const at = pending.indexOf(delimiter)
        if (at === -1) {
          // Keep what could be the start of a delimiter split across chunks.
          const keep = Math.min(pending.length, delimiter.length - 1)
          await partData(pending.subarray(0, pending.length - keep))
          pending = pending.subarray(pending.length - keep)
          return false
        }
        await partData(pending.subarray(0, at))
        await endPart()
        pending = pending.subarray(at + delimiter.length)
        state = 'after-boundary'
      } else {
        return true
      }
    }
  }

  const reader = request.body.getReader()
  let cutOff = false
  /** Reads and drops the rest of the body; false when it passes the cap. */
  const drain = async (): Promise<boolean> => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => {
        cutOff = true
        throw new Refused('bad_request')
      })
      if (done) return true
      total += value.length
      if (total > limits.body) return false
    }
  }
  try {
    let finished = false
    while (!finished) {
      // A body cut off by the client (a closed tab, a dropped connection) is a bad request, not a fault.
      const { done, value } = await reader.read().catch(() => {
        cutOff = true
        throw new Refused('bad_request')
      })
      if (done) break
      total += value.length
      if (total > limits.body) throw new Refused('too_large')
      pending = pending.length === 0 ? Buffer.from(value) : Buffer.concat([pending, value])
      finished = await advance()
    }
    // A body that ends before its closing boundary is refused.
    if (!finished) throw new Refused('bad_request')
    // What follows the closing boundary (usually a line break) is read to the end, not cancelled:
    // cancelling the request's body closes its connection before the answer can be sent.
    if (!(await drain())) throw new Refused('too_large')
  } catch (error) {
    // A refused body within the cap is read to its end (and dropped) so the refusal can be answered;
    // past the cap, or cut off by the client, reading stops and the connection closes.
    const answerable = error instanceof Refused && error.reason !== 'too_large' && !cutOff
    if (!answerable || !(await drain().catch(() => false))) await reader.cancel().catch(() => undefined)
    await spool.handle?.close().catch(() => undefined)
    spool.handle = null
    await discard()
    if (error instanceof Refused) return { ok: false, reason: error.reason }
    throw error
  }
  const { file } = spool
  if (file && file.size === 0) await discard()
  return { ok: true, form: { fields, file: file && file.size > 0 ? file : null, discard } }
}
