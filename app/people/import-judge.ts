/**
 * Reading an uploaded file and judging its rows, as one pure step that runs in the import's
 * worker thread (import-worker.ts): the parse and the verdicts of 50,000 rows cost about a second
 * of CPU, and a hostile file is refused there, so neither stalls the server's requests. The
 * caller passes what the rules need from the database (the directory's emails, the event's
 * sessions) and gets back the preview, and the verdicts when it is about to commit them.
 */
import type { FieldIssue } from '../http/form'
import {
  countVerdicts,
  type ImportCounts,
  type ImportEncoding,
  parseImportFile,
  type RowVerdict,
  validateRows,
} from './people-import'
import type { SessionIndex } from './session-column'

/** Rows shown in a preview: every invalid one up to this many, then the first of the others. */
const SHOW_INVALID = 500
const SHOW_OTHERS = 100

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
}

export interface JudgeJob {
  bytes: Uint8Array
  filename: string
  encoding: ImportEncoding
  /** the directory's emails, lower-cased */
  existingEmails: ReadonlySet<string>
  /** set when the import also invites to an event: that event's sessions */
  sessions: SessionIndex | null
  /** return every row's verdict too (a commit needs them; a preview does not) */
  keepVerdicts: boolean
}

export interface JudgedFile {
  format: 'csv' | 'xlsx'
  encoding: 'utf-8' | 'gb18030' | null
  counts: ImportCounts
  ignoredColumns: string[]
  /** the sessions column's header, when the file has one and the import invites to an event */
  sessionsColumn: string | null
  rows: PreviewRow[]
  verdicts: RowVerdict[] | null
}

export type JudgeResult = { ok: true; judged: JudgedFile } | { ok: false; error: FieldIssue }

function previewRows(verdicts: readonly RowVerdict[], sessionsCells: ReadonlyMap<number, string>): PreviewRow[] {
  const invalid = verdicts.filter((v) => v.status === 'invalid').slice(0, SHOW_INVALID)
  const others = verdicts.filter((v) => v.status !== 'invalid').slice(0, SHOW_OTHERS)
  return [...invalid, ...others]
    .sort((a, b) => a.line - b.line)
    .map((v) => ({
      line: v.line,
      status: v.status,
      familyName: v.cells.family_name ?? '',
      givenName: v.cells.given_name ?? '',
      latinName: v.cells.latin_name ?? '',
      email: v.cells.email ?? '',
      organization: v.cells.organization ?? '',
      sessions: sessionsCells.get(v.line) ?? '',
      errors: v.status === 'invalid' ? Object.entries(v.errors).map(([column, issue]) => ({ column, issue })) : [],
    }))
}

export async function judgeFile(job: JudgeJob): Promise<JudgeResult> {
  const parsed = await parseImportFile(job.bytes, job.filename, job.encoding)
  if (!parsed.ok) return parsed
  const { sessionsColumn, rows } = parsed.file
  const inviting = job.sessions !== null
  const sessions = inviting && sessionsColumn !== null ? job.sessions : null
  const verdicts = validateRows(rows, job.existingEmails, sessions)
  return {
    ok: true,
    judged: {
      format: parsed.file.format,
      encoding: parsed.file.encoding,
      counts: countVerdicts(verdicts),
      ignoredColumns: inviting ? parsed.file.ignored.filter((h) => h !== sessionsColumn) : parsed.file.ignored,
      sessionsColumn: inviting ? sessionsColumn : null,
      rows: previewRows(verdicts, sessions ? new Map(rows.map((r) => [r.line, r.sessions ?? ''])) : new Map()),
      verdicts: job.keepVerdicts ? verdicts : null,
    },
  }
}

/** A job for the worker thread: the file is read there, from the upload on disk or as stored. */
export interface WorkerJob extends Omit<JudgeJob, 'bytes'> {
  source: { path: string } | { base64: string }
}

/** The worker's answer: the judgement, or the error it failed with (a bug, not a refusal). */
export type WorkerReply = { result: JudgeResult } | { failed: string }
