import { useTranslation } from 'react-i18next'
import { data, Form, redirect, useNavigation } from 'react-router'
import { appContext } from '../http/context'
import { getLanguage } from '../i18n/i18n.server'
import { eventHeading, itinerary, optionalDelegate, requirePublishedEvent } from '../registration/delegate-page.server'
import { endDelegateSession } from '../registration/delegate-session.server'
import { cancelRegistration } from '../registration/registration.server'
import { OrganizerContact } from '../ui/events/organizer-contact'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import type { Route } from './+types/delegate-portal'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData?.event.title.text ?? 'Signet' },
  { name: 'robots', content: 'noindex' },
]

// The delegate's own page: itinerary, QR ticket, calendar, edit and cancel.
export async function loader({ params, request, context }: Route.LoaderArgs) {
  const event = await requirePublishedEvent(context, params.slug)
  const view = await optionalDelegate(request, context, event)
  if (!view) throw redirect(`/e/${event.slug}/register`)
  const lng = getLanguage(context)
  const url = new URL(request.url)
  const saved = url.searchParams.get('saved')
  return {
    event: { ...eventHeading(event, lng), timezone: event.timezone },
    me: await itinerary(context, view, lng),
    saved: saved === 'registered' || saved === 'changed' || saved === 'cancelled' ? saved : null,
    confirmCancel: url.searchParams.get('confirm') === 'cancel',
  }
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const event = await requirePublishedEvent(context, params.slug)
  const form = await request.formData()
  const intent = form.get('intent')
  const { db, config, ip } = context.get(appContext)
  if (intent === 'sign_out') {
    throw redirect(`/e/${event.slug}`, {
      status: 303,
      headers: { 'Set-Cookie': await endDelegateSession(db, config, request, event.slug) },
    })
  }
  const view = await optionalDelegate(request, context, event)
  if (!view) throw redirect(`/e/${event.slug}/register`, { status: 303 })
  if (intent !== 'cancel') throw data({ code: 'bad_request' }, { status: 400 })
  if (view.registration) {
    await cancelRegistration(db, event.id, view.registration.id, { userId: null, ip })
  }
  throw redirect(`/e/${event.slug}/me?saved=cancelled`, { status: 303 })
}

export function headers() {
  return { 'Cache-Control': 'no-store' }
}

export default function DelegatePortal({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  const { me } = d
  const active = me.status === 'confirmed' || me.status === 'pending'
  return (
    <article className="delegate-page portal">
      <header className="public-hero compact">
        <p className="eyebrow">{t('registration.portal.eyebrow')}</p>
        <h1>
          <LocalizedTextView value={d.event.title} />
        </h1>
        <p className="public-dates">
          {d.event.dates}
          {me.venue.text ? ` · ${me.venue.text}` : ''}
        </p>
        <p className="portal-name">
          <strong>{me.name}</strong>
          {me.otherName ? <span className="muted"> {me.otherName}</span> : null}
          {me.organization ? <span className="muted"> · {me.organization}</span> : null}
        </p>
      </header>

      {d.saved ? (
        <p className="notice" role="status">
          {t(`registration.portal.saved.${d.saved}`)}
        </p>
      ) : null}

      {me.status === 'pending' ? <p className="notice">{t('registration.portal.pending')}</p> : null}
      {me.status === null || me.status === 'cancelled' ? (
        <section className="card">
          <p>
            {me.status === 'cancelled' ? t('registration.portal.cancelled') : t('registration.portal.notRegistered')}
          </p>
          <p>
            <a className="button" href={`/e/${d.event.slug}/register`}>
              {t('registration.portal.registerAgain')}
            </a>
          </p>
        </section>
      ) : null}

      {me.ticket ? (
        <section className="card ticket" aria-labelledby="ticket-title">
          <h2 id="ticket-title">{t('registration.portal.ticket')}</h2>
          <div
            className="ticket-qr"
            role="img"
            aria-label={t('registration.portal.qrLabel')}
            // qrcode's SVG: generated on our server from the ticket code, no user text in it.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: see above
            dangerouslySetInnerHTML={{ __html: me.ticket.qrSvg ?? '' }}
          />
          <p className="ticket-code">
            <span className="muted">{t('registration.portal.code')}</span>{' '}
            <code data-testid="ticket-code">{me.ticket.code}</code>
          </p>
          <p className="muted">{t('registration.portal.ticketHint')}</p>
        </section>
      ) : null}

      {active ? (
        <section className="card" aria-labelledby="itinerary-title">
          <h2 id="itinerary-title">{t('registration.portal.itinerary')}</h2>
          <p className="tz-note">{t('registration.portal.timeZone', { timeZone: d.event.timezone })}</p>
          {me.rows.length === 0 ? <p className="muted">{t('registration.portal.noSessions')}</p> : null}
          <ol className="itinerary">
            {me.rows.map((row) => (
              <li key={row.id}>
                <p className="itinerary-when">
                  {row.day} {row.start}–{row.end}
                </p>
                <p className="itinerary-title">
                  <strong>
                    <LocalizedTextView value={row.title} />
                  </strong>{' '}
                  {row.seat === 'waitlisted' || row.seat === 'requested' ? (
                    <span className="badge warn">{t(`registration.seat.${row.seat}`)}</span>
                  ) : null}
                </p>
                {row.room.text ? <p className="muted">{row.room.text}</p> : null}
                {row.alsoAt.length > 0 ? (
                  <p className="session-clash">
                    {t('registration.portal.sameTime', { titles: row.alsoAt.join(t('app.listSeparator')) })}
                  </p>
                ) : null}
                {row.meetingPoint ? (
                  <p className="muted">
                    {t('registration.portal.meeting', { time: row.meetingTime ?? '', place: row.meetingPoint.text })}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
          <p className="portal-actions">
            <a className="button" href={`/e/${d.event.slug}/me/calendar.ics`}>
              {t('registration.portal.addToCalendar')}
            </a>
            <a className="button secondary" href={`/e/${d.event.slug}/register`}>
              {t('registration.portal.edit')}
            </a>
          </p>
        </section>
      ) : null}

      {active ? (
        <section className="card" aria-labelledby="cancel-title">
          <h2 id="cancel-title">{t('registration.portal.cancelTitle')}</h2>
          {d.confirmCancel ? (
            <Form method="post">
              <p>{t('registration.portal.cancelConfirm')}</p>
              <input type="hidden" name="intent" value="cancel" />
              <button type="submit" className="button danger" disabled={busy}>
                {t('registration.portal.cancelYes')}
              </button>{' '}
              <a href={`/e/${d.event.slug}/me`}>{t('registration.portal.cancelNo')}</a>
            </Form>
          ) : (
            <p>
              <a href={`/e/${d.event.slug}/me?confirm=cancel`}>{t('registration.portal.cancel')}</a>
            </p>
          )}
        </section>
      ) : null}

      <OrganizerContact contact={d.event.contact} className="card" />

      <Form method="post" className="portal-signout">
        <input type="hidden" name="intent" value="sign_out" />
        <button type="submit" className="button-link">
          {t('registration.portal.signOut')}
        </button>
      </Form>
    </article>
  )
}
