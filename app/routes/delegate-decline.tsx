import { useTranslation } from 'react-i18next'
import { Form, redirect, useNavigation } from 'react-router'
import { appContext } from '../http/context'
import { getLanguage } from '../i18n/i18n.server'
import { eventHeading, optionalDelegate, requirePublishedEvent } from '../registration/delegate-page.server'
import { declineInvitation } from '../registration/registration.server'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import type { Route } from './+types/delegate-decline'

export const meta: Route.MetaFunction = () => [{ title: 'Signet' }, { name: 'robots', content: 'noindex' }]

// Declining: the mail's link opens this page, and one button confirms.
export async function loader({ params, request, context }: Route.LoaderArgs) {
  const event = await requirePublishedEvent(context, params.slug)
  const view = await optionalDelegate(request, context, event)
  if (!view) throw redirect(`/e/${event.slug}/register`)
  return { event: eventHeading(event, getLanguage(context)), declined: view.invitation.status === 'declined' }
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const event = await requirePublishedEvent(context, params.slug)
  const view = await optionalDelegate(request, context, event)
  if (!view) throw redirect(`/e/${event.slug}/register`, { status: 303 })
  const { db, ip } = context.get(appContext)
  await declineInvitation(db, view.invitation.id, { userId: null, ip })
  throw redirect(`/e/${event.slug}/decline`, { status: 303 })
}

export function headers() {
  return { 'Cache-Control': 'no-store' }
}

export default function DelegateDecline({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  return (
    <section className="card narrow delegate-page">
      <h1>
        <LocalizedTextView value={d.event.title} />
      </h1>
      {d.declined ? (
        <>
          <p role="status">{t('registration.decline.done')}</p>
          <p>
            <a href={`/e/${d.event.slug}/register`}>{t('registration.decline.changeMind')}</a>
          </p>
        </>
      ) : (
        <Form method="post" className="stack">
          <p>{t('registration.decline.question')}</p>
          <button type="submit" className="button danger" disabled={busy}>
            {t('registration.decline.confirm')}
          </button>
          <a href={`/e/${d.event.slug}/register`}>{t('registration.decline.back')}</a>
        </Form>
      )}
    </section>
  )
}
