/**
 * Hand-built XLSX files for the import's limits: a minimal workbook around a sheet's XML, zipped
 * by hand so a test can write what Excel never would (a cell at column XFD on every row, an entry
 * that inflates to hundreds of megabytes, a central directory that lies about sizes).
 */
import { crc32, deflateRawSync } from 'node:zlib'

export interface ZipEntry {
  name: string
  /** the entry's bytes, or chunks of them (a bomb is deflated chunk by chunk) */
  data: Uint8Array | (() => Iterable<Uint8Array>)
  /** the uncompressed size written in the headers (default: the real one) */
  declaredSize?: number
}

function deflateEntry(entry: ZipEntry): { compressed: Buffer; crc: number; size: number } {
  if (entry.data instanceof Uint8Array) {
    return { compressed: deflateRawSync(entry.data), crc: crc32(entry.data), size: entry.data.length }
  }
  // Chunks, so that a 300 MB entry never exists whole in the test's memory: each chunk is deflated
  // with a full flush, which keeps the stream one valid raw deflate stream.
  const parts: Buffer[] = []
  let crc = 0
  let size = 0
  const chunks = [...entry.data()]
  chunks.forEach((chunk, i) => {
    crc = crc32(chunk, crc)
    size += chunk.length
    const last = i === chunks.length - 1
    parts.push(deflateRawSync(chunk, { finishFlush: last ? 4 : 3 }))
  })
  return { compressed: Buffer.concat(parts), crc, size }
}

export function zip(entries: ZipEntry[]): Uint8Array<ArrayBuffer> {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const { compressed, crc, size } = deflateEntry(entry)
    const declared = entry.declaredSize ?? size
    const name = Buffer.from(entry.name, 'utf8')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc >>> 0, 14)
    local.writeUInt32LE(compressed.length, 18)
    local.writeUInt32LE(declared, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc >>> 0, 16)
    central.writeUInt32LE(compressed.length, 20)
    central.writeUInt32LE(declared, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, compressed)
    centrals.push(central, name)
    offset += local.length + name.length + compressed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  const bytes = Buffer.concat([...locals, directory, end])
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer)
}

const text = (s: string) => new TextEncoder().encode(s)

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="People" sheetId="1" r:id="rId1"/></sheets></workbook>`
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`

export const SHEET_START = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`

/** A cell with an inline string. */
export const cell = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`

/** A workbook of one sheet whose XML is `sheet` (or its chunks). */
export function workbook(sheet: string | (() => Iterable<Uint8Array>), declaredSize?: number): Uint8Array<ArrayBuffer> {
  return zip([
    { name: '[Content_Types].xml', data: text(CONTENT_TYPES) },
    { name: '_rels/.rels', data: text(RELS) },
    { name: 'xl/workbook.xml', data: text(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: text(WORKBOOK_RELS) },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: typeof sheet === 'string' ? text(sheet) : sheet,
      ...(declaredSize === undefined ? {} : { declaredSize }),
    },
  ])
}

/** A header row (latin_name, email) and `rows` people, each row also holding a cell at `extra` (e.g. XFD). */
export function peopleSheet(rows: number, options: { extra?: string; dimension?: string } = {}): string {
  const lines = [SHEET_START]
  if (options.dimension) lines.push(`<dimension ref="${options.dimension}"/>`)
  lines.push('<sheetData>', `<row r="1">${cell('A1', 'latin_name')}${cell('B1', 'email')}</row>`)
  for (let r = 2; r <= rows + 1; r++) {
    const extra = options.extra ? cell(`${options.extra}${r}`, 'x') : ''
    lines.push(`<row r="${r}">${cell(`A${r}`, `PERSON ${r}`)}${cell(`B${r}`, `p${r}@example.org`)}${extra}</row>`)
  }
  lines.push('</sheetData></worksheet>')
  return lines.join('')
}

/**
 * A deflate bomb: a valid sheet whose XML is padded with `megabytes` MB of spaces inside
 * <sheetData>, deflated to a few hundred kilobytes.
 */
export function bombSheet(megabytes: number): () => Iterable<Uint8Array> {
  return function* () {
    yield text(`${SHEET_START}<sheetData><row r="1">${cell('A1', 'latin_name')}${cell('B1', 'email')}</row>`)
    const pad = new Uint8Array(1024 * 1024).fill(0x20)
    for (let i = 0; i < megabytes; i++) yield pad
    yield text('</sheetData></worksheet>')
  }
}
