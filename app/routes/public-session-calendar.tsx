import { calendarResponse, publicCalendar } from '../calendar/ics.server'
import { appContext } from '../http/context'
import { asTranslate } from '../i18n/i18n'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import type { Route } from './+types/public-session-calendar'

// One session of a published event as an .ics file, in the reader's language.
export async function loader({ params, context }: Route.LoaderArgs) {
  const { db, config } = context.get(appContext)
  const lng = getLanguage(context)
  const t = getI18n(context).getFixedT(lng)
  const file = await publicCalendar(db, {
    slug: params.slug,
    sessionId: params.sessionId,
    lng,
    appUrl: config.appUrl,
    t: asTranslate(t),
  })
  return calendarResponse(file, t('errors.not_found'))
}
