import { calendarFeed, calendarResponse } from '../calendar/ics.server'
import { appContext } from '../http/context'
import { asTranslate } from '../i18n/i18n'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { optionalDelegate, programmeOf, requirePublishedEvent } from '../registration/delegate-page.server'
import { holdsPlace } from '../registration/rules'
import { listSessions } from '../sessions/sessions.server'
import type { Route } from './+types/delegate-calendar'

// The delegate's own sessions (confirmed seats, and the sessions open to them) as .ics.
export async function loader({ params, request, context }: Route.LoaderArgs) {
  const event = await requirePublishedEvent(context, params.slug)
  const lng = getLanguage(context)
  const t = getI18n(context).getFixedT(lng)
  const view = await optionalDelegate(request, context, event)
  const active = view?.registration && view.registration.status !== 'cancelled'
  if (!view || !active) return calendarResponse(null, t('errors.not_found'))
  const { db, config } = context.get(appContext)
  // The calendar holds what the delegate will attend: a confirmed seat, or a session open to them
  // (not a seat still waiting, nor a request of a registration still waiting for approval).
  const sessions = programmeOf(view, await listSessions(db, event.id))
    .filter((p) => holdsPlace(p.place))
    .map((p) => p.session)
  const body = calendarFeed(event, sessions, { lng, appUrl: config.appUrl, t: asTranslate(t) })
  return calendarResponse({ filename: `${event.slug}-my-programme.ics`, body }, t('errors.not_found'))
}
