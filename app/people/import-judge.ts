/**
 * Reading an uploaded file and judging its rows, as one pure step that runs in the import's
 * worker thread (import-worker.ts): the parse and the verdicts of 50,000 rows cost about a second
 * of CPU, and a hostile file is refused there, so neither stalls the server's requests. The
 * caller passes what the rules need from the database (the directory's emails, the event's
 * sessions) and gets back every row's verdict; what needs the database beyond that (who may
 * change which person, ADR 0018) and the preview are the caller's (imports.server.ts).
 */
import type { FieldIssue } from '../validation/field-errors'
import { type ImportEncoding, parseImportFile, type RowVerdict, validateRows } from './people-import'
import type { SessionIndex } from './session-column'

export interface JudgeJob {
  bytes: Uint8Array
  filename: string
  encoding: ImportEncoding
  /** the directory's emails, lower-cased */
  existingEmails: ReadonlySet<string>
  /** set when the import also invites to an event: that event's sessions */
  sessions: SessionIndex | null
}

export interface JudgedFile {
  format: 'csv' | 'xlsx'
  encoding: 'utf-8' | 'gb18030' | null
  ignoredColumns: string[]
  /** the sessions column's header, when the file has one and the import invites to an event */
  sessionsColumn: string | null
  /** each column's header as the file writes it, for the messages */
  headers: Partial<Record<string, string>>
  /** every row's verdict by the file's own rules; the caller adds the directory's (ADR 0018) */
  verdicts: RowVerdict[]
  /** each row's sessions cell as written, by line, when the sessions column is read */
  sessionsCells: [number, string][] | null
}

export type JudgeResult = { ok: true; judged: JudgedFile } | { ok: false; error: FieldIssue }

export async function judgeFile(job: JudgeJob): Promise<JudgeResult> {
  const parsed = await parseImportFile(job.bytes, job.filename, job.encoding)
  if (!parsed.ok) return parsed
  const { sessionsColumn, rows } = parsed.file
  const inviting = job.sessions !== null
  const sessions = inviting && sessionsColumn !== null ? job.sessions : null
  return {
    ok: true,
    judged: {
      format: parsed.file.format,
      encoding: parsed.file.encoding,
      ignoredColumns: inviting ? parsed.file.ignored.filter((h) => h !== sessionsColumn) : parsed.file.ignored,
      sessionsColumn: inviting ? sessionsColumn : null,
      headers: parsed.file.headers,
      verdicts: validateRows(rows, job.existingEmails, sessions),
      sessionsCells: sessions ? rows.map((r) => [r.line, r.sessions ?? '']) : null,
    },
  }
}

/** A job for the worker thread: the file is read there, from the upload on disk or as stored. */
export interface WorkerJob extends Omit<JudgeJob, 'bytes'> {
  source: { path: string } | { base64: string }
}

/** The worker's answer: the judgement, or the error it failed with (a bug, not a refusal). */
export type WorkerReply = { result: JudgeResult } | { failed: string }
