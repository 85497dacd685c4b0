import { useTranslation } from 'react-i18next'
import { data } from 'react-router'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { mailBatchPage } from '../registration/bulk-send-page.server'
import { MailBatchView } from '../ui/registration/bulk-send'
import type { Route } from './+types/event-mail-batch'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

// A confirmed bulk send and how far its mails have gone: queued, sent, failed, live.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await requireEventAccess(request, context, params.slug, 'event.view')
  const { db } = context.get(appContext)
  const page = await mailBatchPage(db, event, params.batchId, getLanguage(context))
  if (!page) throw data({ code: 'not_found' }, { status: 404 })
  return { ...page, pageTitle: getI18n(context).t('bulkSend.progress.title') }
}

export default function EventMailBatch({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation()
  return <MailBatchView d={loaderData} title={t('bulkSend.progress.title')} />
}
