/**
 * Email header injection (issue 7): whatever a subject carries (names and event titles end up in
 * subjects), line breaks, "Bcc:" lines and Unicode line separators stay inside the Subject: the
 * written message has exactly the headers we set, one recipient, and no Bcc or Cc.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { simpleParser } from 'mailparser'
import { afterAll, describe, expect, it } from 'vitest'
import { createMailTransport } from '../../app/mail/transport.server'

const dir = mkdtempSync(join(tmpdir(), 'signet-mail-headers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const transport = createMailTransport({ smtpUrl: null, mailDir: dir, mailFrom: 'Signet <no-reply@signet.invalid>' })

const EXPECTED_HEADERS = [
  'auto-submitted',
  'content-type',
  'date',
  'from',
  'message-id',
  'mime-version',
  'subject',
  'to',
]

const injected = fc
  .tuple(
    fc.string(),
    fc.constantFrom('\r\n', '\n', '\r', '\u2028', '\u2029', '\r\n\t', '\u0085'),
    fc.constantFrom(
      'Bcc: spy@evil.example',
      'Cc: spy@evil.example',
      'Subject: 偽物',
      'X-Injected: 1',
      'Content-Type: text/html',
      '',
    ),
    fc.string(),
  )
  .map(([a, br, header, b]) => `${a}${br}${header}${br}${b}`)

describe('mail headers', () => {
  it('keep every line break, Bcc and header-looking text of a subject inside the Subject (fast-check)', async () => {
    let n = 0
    await fc.assert(
      fc.asyncProperty(injected, async (subject) => {
        const id = `m${n++}`
        const { file } = await transport.send({
          id,
          messageId: `<${id}@signet.invalid>`,
          to: 'delegate@example.org',
          date: new Date('2030-05-01T00:00:00Z'),
          subject,
          html: '<p>x</p>',
          text: 'x',
          attachments: [],
        })
        const parsed = await simpleParser(readFileSync(join(dir, file ?? '')))
        const names = [...parsed.headers.keys()].sort()
        expect(names).toEqual(EXPECTED_HEADERS)
        expect(parsed.bcc).toBeUndefined()
        expect(parsed.cc).toBeUndefined()
        const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to]
        expect(to.flatMap((t) => t?.value ?? []).map((a) => a.address)).toEqual(['delegate@example.org'])
        // The subject arrives whole: its text, with line breaks folded to spaces at most.
        const flat = (s: string) =>
          s
            .replace(/[\r\n\t\u2028\u2029\u0085]+/g, ' ')
            .replace(/\s+/g, ' ')
            .trim()
        // A subject of nothing but blanks and line breaks still makes a Subject header.
        expect(flat(parsed.subject ?? '')).toBe(flat(subject) || 'Signet')
      }),
      // NEL alone (U+0085) once made a subject of nothing that lost its Subject header
      { numRuns: 60, examples: [['\r\n\r\n'], ['\u2028'], ['\u0085\u0085'], ['a\u0085\u0085b']] },
    )
  })
})
