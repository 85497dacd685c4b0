import { useTranslation } from 'react-i18next'
import { data, redirect } from 'react-router'
import { requireEventAccess, requireOrganizer } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { isImportEncoding, isOnDuplicate, type OnDuplicate } from '../people/columns'
import {
  type ImportActionResult,
  peopleImportPage,
  readImportForm,
  TOO_LARGE,
} from '../people/people-import-page.server'
import { commitStagedImport, previewUpload } from '../registration/imports.server'
import { ImportColumns, Preview, SavedSkipping, UploadForm } from '../ui/people/people-import'
import { PageHeader } from '../ui/primitives/page-header'
import type { Route } from './+types/people-import'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireOrganizer(request, context)
  const { db } = context.get(appContext)
  const page = await peopleImportPage(db, user, new URL(request.url).searchParams, getLanguage(context))
  return { ...page, pageTitle: getI18n(context).t('people.import.title') }
}

export async function action({ request, context }: Route.ActionArgs) {
  // Who is asking comes first: no byte of the body is read before the user may import.
  const user = await requireOrganizer(request, context)
  const { db, ip } = context.get(appContext)
  const body = await readImportForm(request)
  if (!body.ok) {
    const error = body.reason === 'bad_request' ? { key: 'errors.bad_request' } : TOO_LARGE
    return data<ImportActionResult>({ error, event: '' }, { status: body.reason === 'bad_request' ? 400 : 413 })
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
      const importId = fields.get('import_id') ?? ''
      const skipInvalid = fields.get('skip_invalid') === '1'
      const result = await commitStagedImport(db, actor, importId, onDuplicate, invite, { skipInvalid })
      if (result.ok && result.invalidSkipped > 0) {
        const { created, updated, skipped, invited, invalidSkipped } = result
        return data<ImportActionResult>({
          saved: { created, updated, skipped, invited, invalidSkipped },
          importId,
          event,
        })
      }
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
        return data<ImportActionResult>(refused, { status: 400 })
      }
      return data<ImportActionResult>({ error: result.error, event }, { status: 400 })
    }

    if (!file) return data<ImportActionResult>({ error: { key: 'people.errors.noFile' }, event }, { status: 400 })
    const encodingValue = fields.get('encoding')
    const result = await previewUpload(
      db,
      actor,
      { filename: file.name, encoding: isImportEncoding(encodingValue) ? encodingValue : 'auto', path: file.path },
      { invite },
    )
    if (!result.ok) return data<ImportActionResult>({ error: result.error, event }, { status: 400 })
    return data<ImportActionResult>({ preview: result.preview, onDuplicate, event })
  } finally {
    await discard()
  }
}

export default function PeopleImport({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const result = actionData as ImportActionResult | undefined
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
      {result?.error && !result.preview ? (
        <p className="error-summary" role="alert">
          {t(result.error.key, result.error.values ?? {})}
        </p>
      ) : null}
      {result?.saved ? <SavedSkipping saved={result.saved} importId={result.importId} event={result.event} /> : null}
      {result?.preview ? (
        <Preview
          preview={result.preview}
          onDuplicate={result.onDuplicate}
          event={eventOf(result.event)}
          error={result.error}
        />
      ) : null}
      <UploadForm events={loaderData.events} chosenEvent={chosenEvent} result={result?.saved ? undefined : result} />
      <ImportColumns />
    </section>
  )
}
