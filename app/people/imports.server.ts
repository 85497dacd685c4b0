/**
 * What an import's preview is: the rows shown, the judged file's summary, the upload it comes
 * from. The import itself (kept between preview and commit, judged in the import's worker thread,
 * committed with its invitations) is registration's: app/registration/imports.server.ts.
 */
import type { FieldIssue } from '../validation/field-errors'
import type { JudgedFile } from './import-judge'
import type { ImportCounts, ImportEncoding, RowVerdict } from './people-import'

export interface PreviewRow {
  line: number
  status: RowVerdict['status']
  familyName: string
  givenName: string
  latinName: string
  email: string
  organization: string
  /** the sessions cell as written ('' when the file has no such column) */
  sessions: string
  errors: { column: string; issue: FieldIssue }[]
  /** what a valid row's cells said that was left out, e.g. a session open to all */
  notes: { column: string; issue: FieldIssue }[]
  /** a duplicate of a person the importer may not change (ADR 0018): it can only be skipped */
  notTheirs: boolean
}

export interface ImportPreview extends Omit<JudgedFile, 'verdicts' | 'sessionsCells'> {
  importId: string
  filename: string
  counts: ImportCounts
  rows: PreviewRow[]
}

/** An uploaded file, as the HTTP layer spooled it to disk (app/http/upload.server.ts). */
export interface Upload {
  filename: string
  encoding: ImportEncoding
  path: string
}
