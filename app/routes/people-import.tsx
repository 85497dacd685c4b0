import { useTranslation } from 'react-i18next'
import { data, Form, redirect } from 'react-router'
import { listEditableEvents } from '../events/events.server'
import { requireEventAccess, requireUser } from '../http/access.server'
import { appContext } from '../http/context'
import { readFormCapped } from '../http/upload'
import { spoolMultipart } from '../http/upload.server'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { type LocalizedText, pickLocalized } from '../i18n/localized'
import {
  COLUMN_ALIASES,
  IMPORT_COLUMNS,
  IMPORT_ENCODINGS,
  isImportEncoding,
  isOnDuplicate,
  MAX_IMPORT_BYTES,
  ON_DUPLICATE,
  type OnDuplicate,
  SESSIONS_ALIASES,
} from '../people/columns'
import { commitStagedImport, type ImportPreview, previewUpload } from '../people/imports.server'
import { canManagePeople } from '../people/people.server'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { PageHeader } from '../ui/primitives/page-header'
import type { FieldIssue } from '../validation/field-errors'
import type { Route } from './+types/people-import'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

/** Room for the form's other fields and the multipart framing around the file. */
const FORM_OVERHEAD = 64 * 1024
const MAX_MB = MAX_IMPORT_BYTES / 1024 / 1024
const TOO_LARGE: FieldIssue = { key: 'people.errors.tooLarge', values: { max: MAX_MB } }

type ActionResult =
  | { error: FieldIssue; preview?: undefined; event: string }
  | { preview: ImportPreview; onDuplicate: OnDuplicate; event: string; error?: FieldIssue }

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context)
  const { db } = context.get(appContext)
  if (!(await canManagePeople(db, user))) throw data({ code: 'forbidden' }, { status: 403 })
  const lng = getLanguage(context)
  const events = await listEditableEvents(db, user)
  const wanted = new URL(request.url).searchParams.get('event') ?? ''
  return {
    pageTitle: getI18n(context).t('people.import.title'),
    // Events the import may also invite to: those this organizer may change.
    events: events.map((e) => ({ slug: e.slug, title: pickLocalized(e.title, lng) })),
    event: events.some((e) => e.slug === wanted) ? wanted : '',
  }
}

/** The preview's multipart upload is spooled to disk; the commit's form is a few small fields. */
async function readImportForm(request: Request) {
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

export async function action({ request, context }: Route.ActionArgs) {
  // Who is asking comes first: no byte of the body is read before the user may import.
  const user = await requireUser(request, context)
  const { db, ip } = context.get(appContext)
  if (!(await canManagePeople(db, user))) throw data({ code: 'forbidden' }, { status: 403 })
  const body = await readImportForm(request)
  if (!body.ok) {
    const error = body.reason === 'bad_request' ? { key: 'errors.bad_request' } : TOO_LARGE
    return data<ActionResult>({ error, event: '' }, { status: body.reason === 'bad_request' ? 400 : 413 })
  }
  const { fields, file, discard } = body.form
  try {
    const onDuplicateValue = fields.get('on_duplicate')
    const onDuplicate: OnDuplicate = isOnDuplicate(onDuplicateValue) ? onDuplicateValue : 'skip'
    const actor = { id: user.id, ip }
    // Inviting to an event needs the right to change that event (404/403 otherwise).
    const eventSlug = fields.get('event') ?? ''
    const invite = eventSlug ? (await requireEventAccess(request, context, eventSlug, 'event.edit')).event : null
    const event = invite?.slug ?? ''

    if (fields.get('intent') === 'commit') {
      const result = await commitStagedImport(db, actor, fields.get('import_id') ?? '', onDuplicate, invite)
      if (result.ok) {
        const counts = new URLSearchParams({
          imported: '1',
          created: String(result.created),
          updated: String(result.updated),
          skipped: String(result.skipped),
          organizations: String(result.organizationsCreated),
        })
        if (!invite) throw redirect(`/people?${counts}`)
        counts.set('invited', String(result.invited))
        counts.set('already', String(result.alreadyInvited))
        throw redirect(`/events/${invite.slug}/invitations?${counts}`)
      }
      if ('preview' in result) {
        const refused = {
          preview: result.preview,
          onDuplicate,
          event,
          ...(result.error ? { error: result.error } : {}),
        }
        return data<ActionResult>(refused, { status: 400 })
      }
      return data<ActionResult>({ error: result.error, event }, { status: 400 })
    }

    if (!file) return data<ActionResult>({ error: { key: 'people.errors.noFile' }, event }, { status: 400 })
    const encodingValue = fields.get('encoding')
    const result = await previewUpload(
      db,
      actor,
      { filename: file.name, encoding: isImportEncoding(encodingValue) ? encodingValue : 'auto', path: file.path },
      { invite },
    )
    if (!result.ok) return data<ActionResult>({ error: result.error, event }, { status: 400 })
    return data<ActionResult>({ preview: result.preview, onDuplicate, event })
  } finally {
    await discard()
  }
}

function OnDuplicateChoice({ value }: { value: OnDuplicate }) {
  const { t } = useTranslation()
  return (
    <fieldset className="checkbox-group">
      <legend>{t('people.import.onDuplicate')}</legend>
      {ON_DUPLICATE.map((choice) => (
        <label key={choice} className="checkbox">
          <input type="radio" name="on_duplicate" value={choice} defaultChecked={choice === value} />{' '}
          {t(`people.import.onDuplicates.${choice}`)}
        </label>
      ))}
    </fieldset>
  )
}

function Preview({
  preview,
  onDuplicate,
  event,
  error,
}: {
  preview: ImportPreview
  onDuplicate: OnDuplicate
  event: { slug: string; title: LocalizedText } | null
  error?: FieldIssue | undefined
}) {
  const { t } = useTranslation()
  const { counts } = preview
  return (
    <section className="card stack" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('people.import.previewTitle', { filename: preview.filename })}</h2>
      {event ? (
        <p className="notice">
          {t('invitations.import.invitingTo')} <LocalizedTextView value={event.title} />
          {preview.sessionsColumn !== null
            ? ` · ${t('invitations.import.sessionsRead', { column: preview.sessionsColumn })}`
            : ` · ${t('invitations.import.noSessionsColumn')}`}
        </p>
      ) : null}
      <p className="muted">
        {t('people.import.format', { format: preview.format.toUpperCase() })}
        {preview.encoding
          ? ` · ${t('people.import.encodingUsed', { encoding: preview.encoding.toUpperCase() })}`
          : null}
        {preview.ignoredColumns.length > 0
          ? ` · ${t('people.import.ignoredColumns', { columns: preview.ignoredColumns.join(t('app.listSeparator')) })}`
          : null}
      </p>
      <dl className="import-counts" aria-label={t('people.import.countsTitle')}>
        <div>
          <dt>{t('people.import.total')}</dt>
          <dd data-count="total">{counts.total}</dd>
        </div>
        <div>
          <dt>{t('people.import.statuses.valid')}</dt>
          <dd data-count="valid">{counts.valid}</dd>
        </div>
        <div>
          <dt>{t('people.import.statuses.duplicate')}</dt>
          <dd data-count="duplicate">{counts.duplicate}</dd>
        </div>
        <div>
          <dt>{t('people.import.statuses.invalid')}</dt>
          <dd data-count="invalid">{counts.invalid}</dd>
        </div>
      </dl>
      {error ? (
        <p className="error-summary" role="alert">
          {t(error.key, error.values ?? {})}
        </p>
      ) : null}
      {counts.invalid > 0 ? (
        <p className="error-summary" role="alert">
          {t('people.import.fixFirst', { count: counts.invalid })}
        </p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="commit" />
          <input type="hidden" name="import_id" value={preview.importId} />
          <input type="hidden" name="event" value={event?.slug ?? ''} />
          {counts.duplicate > 0 ? <OnDuplicateChoice value={onDuplicate} /> : null}
          {counts.duplicate === 0 ? <input type="hidden" name="on_duplicate" value={onDuplicate} /> : null}
          <p>
            <button type="submit" className="button">
              {t('people.import.commit')}
            </button>
          </p>
        </Form>
      )}
      <p className="muted">{t('people.import.shown', { shown: preview.rows.length, total: counts.total })}</p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('people.import.row')}</th>
              <th scope="col">{t('people.import.verdict')}</th>
              <th scope="col">{t('people.table.nativeName')}</th>
              <th scope="col">{t('people.table.latinName')}</th>
              <th scope="col">{t('people.table.email')}</th>
              <th scope="col">{t('people.table.organization')}</th>
              {preview.sessionsColumn !== null ? <th scope="col">{t('invitations.import.sessionsColumn')}</th> : null}
              <th scope="col">{t('people.import.problems')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.line} className={`verdict-${row.status}`}>
                <td>{row.line}</td>
                <td>
                  <span className={`badge verdict-badge-${row.status}`}>
                    {t(`people.import.statuses.${row.status}`)}
                  </span>
                </td>
                <td>{[row.familyName, row.givenName].filter(Boolean).join(' ')}</td>
                <td>{row.latinName}</td>
                <td>{row.email}</td>
                <td>{row.organization}</td>
                {preview.sessionsColumn !== null ? <td>{row.sessions}</td> : null}
                <td>
                  {row.notTheirs ? <p className="muted">{t('people.import.notTheirs')}</p> : null}
                  {row.errors.length > 0 ? (
                    <ul className="plain-list">
                      {row.errors.map(({ column, issue }) => (
                        <li key={column}>
                          {t('people.import.problem', { column, message: t(issue.key, issue.values ?? {}) })}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

export default function PeopleImport({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const result = actionData as ActionResult | undefined
  const chosenEvent = result ? result.event : loaderData.event
  const eventOf = (slug: string) => loaderData.events.find((e) => e.slug === slug) ?? null
  return (
    <section className="stack">
      <PageHeader
        back="/people"
        backLabel={t('people.title')}
        title={t('people.import.title')}
        intro={t('people.import.intro')}
      />
      {result && !result.preview ? (
        <p className="error-summary" role="alert">
          {t(result.error.key, result.error.values ?? {})}
        </p>
      ) : null}
      {result?.preview ? (
        <Preview
          preview={result.preview}
          onDuplicate={result.onDuplicate}
          event={eventOf(result.event)}
          error={result.error}
        />
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card stack">
        {result?.preview ? <h2>{t('people.import.uploadAgain')}</h2> : null}
        <input type="hidden" name="intent" value="preview" />
        <div className="field">
          <label htmlFor="file">{t('people.import.file')}</label>
          <input
            id="file"
            name="file"
            type="file"
            required
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="file-hint"
          />
          <span id="file-hint" className="muted">
            {t('people.import.fileHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor="encoding">{t('people.import.encoding')}</label>
          <select id="encoding" name="encoding" defaultValue="auto">
            {IMPORT_ENCODINGS.map((encoding) => (
              <option key={encoding} value={encoding}>
                {t(`people.import.encodings.${encoding}`)}
              </option>
            ))}
          </select>
        </div>
        {loaderData.events.length > 0 ? (
          <div className="field">
            <label htmlFor="event">{t('invitations.import.inviteTo')}</label>
            <select id="event" name="event" defaultValue={chosenEvent} aria-describedby="event-hint">
              <option value="">{t('invitations.import.noEvent')}</option>
              {loaderData.events.map((e) => (
                <option key={e.slug} value={e.slug}>
                  {e.title.text}
                </option>
              ))}
            </select>
            <span id="event-hint" className="muted">
              {t('invitations.import.inviteHint')}
            </span>
          </div>
        ) : null}
        <OnDuplicateChoice value={result?.preview ? result.onDuplicate : 'skip'} />
        <p>
          <button type="submit" className="button">
            {t('people.import.submit')}
          </button>
        </p>
      </Form>
      <section className="card stack" aria-labelledby="columns-title">
        <h2 id="columns-title">{t('people.import.columnsTitle')}</h2>
        <p>{t('people.import.columnsIntro')}</p>
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('people.import.column')}</th>
                <th scope="col">{t('people.import.headerNames')}</th>
                <th scope="col">{t('people.import.meaning')}</th>
              </tr>
            </thead>
            <tbody>
              {IMPORT_COLUMNS.map((column) => (
                <tr key={column}>
                  <th scope="row">
                    <code>{column}</code>
                  </th>
                  <td>{COLUMN_ALIASES[column].join(' · ')}</td>
                  <td>{t(`people.columns.${column}`)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">
                  <code>sessions</code>
                </th>
                <td>{SESSIONS_ALIASES.join(' · ')}</td>
                <td>{t('people.columns.sessions')}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>
    </section>
  )
}
