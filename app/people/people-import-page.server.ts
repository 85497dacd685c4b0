/**
 * The import page's data and form (app/routes/people-import.tsx): the events this organizer may
 * also invite the imported people to, the one asked for in the query string; reading the form
 * (the preview's upload spooled to disk, the commit's few fields); and what the action answers.
 */
import type { Kysely } from 'kysely'
import type { Database, Language } from '../../db/schema'
import type { SessionUser } from '../auth/session.server'
import { listEditableEvents } from '../events/events.server'
import { readFormCapped } from '../http/upload'
import { spoolMultipart } from '../http/upload.server'
import { pickLocalized } from '../i18n/localized'
import type { FieldIssue } from '../validation/field-errors'
import { MAX_IMPORT_BYTES, type OnDuplicate } from './columns'
import type { ImportPreview } from './imports.server'

export type PeopleImportPage = Awaited<ReturnType<typeof peopleImportPage>>

/** What the action answers: a refusal, or the preview of an upload (with the commit's refusal, if any). */
export type ImportActionResult =
  | { error: FieldIssue; preview?: undefined; saved?: undefined; event: string }
  | { preview: ImportPreview; onDuplicate: OnDuplicate; event: string; error?: FieldIssue; saved?: undefined }
  /** the valid rows saved and the invalid ones left out: the kept upload now holds those (problems.xlsx) */
  | {
      saved: { created: number; updated: number; skipped: number; invited: number; invalidSkipped: number }
      importId: string
      event: string
      preview?: undefined
      error?: undefined
    }

/** Room for the form's other fields and the multipart framing around the file. */
const FORM_OVERHEAD = 64 * 1024
const MAX_MB = MAX_IMPORT_BYTES / 1024 / 1024
export const TOO_LARGE: FieldIssue = { key: 'people.errors.tooLarge', values: { max: MAX_MB } }

export async function peopleImportPage(
  db: Kysely<Database>,
  user: SessionUser,
  params: URLSearchParams,
  lng: Language,
) {
  const events = await listEditableEvents(db, user)
  const wanted = params.get('event') ?? ''
  return {
    // Events the import may also invite to: those this organizer may change.
    events: events.map((e) => ({ slug: e.slug, title: pickLocalized(e.title, lng) })),
    event: events.some((e) => e.slug === wanted) ? wanted : '',
  }
}

/** The preview's multipart upload is spooled to disk; the commit's form is a few small fields. */
export async function readImportForm(request: Request) {
  if (/^multipart\/form-data/i.test(request.headers.get('content-type') ?? '')) {
    return spoolMultipart(request, {
      body: MAX_IMPORT_BYTES + FORM_OVERHEAD,
      file: MAX_IMPORT_BYTES,
      fileField: 'file',
    })
  }
  const body = await readFormCapped(request, FORM_OVERHEAD)
  if (!body.ok) return body
  const fields = new Map<string, string>()
  for (const [name, value] of body.form) if (typeof value === 'string' && !fields.has(name)) fields.set(name, value)
  return { ok: true as const, form: { fields, file: null, discard: async () => undefined } }
}
