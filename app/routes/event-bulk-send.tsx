import { useTranslation } from 'react-i18next'
import { data, redirect } from 'react-router'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { isLanguage } from '../i18n/languages'
import { bulkSendPage, readBulkMode } from '../registration/bulk-send-page.server'
import { confirmBulkSend, isBatchKey, queueSampleMail } from '../registration/mail-batches.server'
import { readInvitationQuery } from '../registration/registration-filter'
import type { Notice } from '../ui/primitives/notice'
import { BulkSendView } from '../ui/registration/bulk-send'
import type { Route } from './+types/event-bulk-send'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

// Before invitations or reminders go to many people (issue 19): how many, to whom, the mail in
// each language, a test to yourself, then one confirmation.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db } = context.get(appContext)
  const url = new URL(request.url)
  const mode = readBulkMode(url.searchParams.get('mode'))
  if (!mode) throw data({ code: 'not_found' }, { status: 404 })
  const page = await bulkSendPage(db, event, mode, url.searchParams, getLanguage(context))
  return { ...page, pageTitle: getI18n(context).t(`bulkSend.title.${mode}`) }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db, config, ip } = context.get(appContext)
  const url = new URL(request.url)
  const mode = readBulkMode(url.searchParams.get('mode'))
  if (!mode) throw data({ code: 'not_found' }, { status: 404 })
  const form = await request.formData()
  const intent = form.get('intent')
  if (intent === 'test') {
    const language = form.get('language')
    const queued = isLanguage(language)
      ? await queueSampleMail(
          db,
          event.id,
          { invitationId: String(form.get('invitation') ?? ''), mode, language },
          user.email,
        )
      : null
    if (!queued) {
      return data({ notice: { tone: 'error', messages: [{ key: 'bulkSend.errors.noSample' }] } as Notice }, 400)
    }
    return {
      notice: { tone: 'ok', messages: [{ key: 'bulkSend.testQueued', values: { email: user.email } }] } as Notice,
    }
  }
  if (intent === 'confirm') {
    const key = form.get('key')
    if (!isBatchKey(key)) {
      return data({ notice: { tone: 'error', messages: [{ key: 'bulkSend.errors.stale' }] } as Notice }, 400)
    }
    const result = await confirmBulkSend(
      db,
      config.sessionSecret,
      event.id,
      { key, mode, filter: readInvitationQuery(url.searchParams) },
      { userId: user.id, ip },
    )
    if (!result.batchId || result.queued === 0) {
      return data({ notice: { tone: 'error', messages: [{ key: 'bulkSend.errors.nothing' }] } as Notice }, 409)
    }
    throw redirect(`/events/${event.slug}/invitations/batches/${encodeURIComponent(result.batchId)}`)
  }
  throw data({ code: 'bad_request' }, { status: 400 })
}

export default function EventBulkSend({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  return <BulkSendView d={loaderData} notice={actionData?.notice} title={t(`bulkSend.title.${loaderData.mode}`)} />
}
