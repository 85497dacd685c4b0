import { data } from 'react-router'
import { requireUser } from '../auth/auth.server'
import { can } from '../auth/permissions'
import { findEventForUser } from '../events/events.server'
import { getLanguage } from '../i18n/i18n.server'
import { appContext } from '../server/context'
import { Scanner } from '../ui/scanner'
import type { Route } from './+types/scan'

export const meta: Route.MetaFunction = () => [
  { title: 'Signet' },
  { name: 'robots', content: 'noindex' },
  { name: 'theme-color', content: '#1d2733' },
]

// Installable on a phone's home screen; the service worker (public/sw.js) reopens it offline.
export const links: Route.LinksFunction = () => [{ rel: 'manifest', href: '/scan.webmanifest' }]

export function headers() {
  return { 'Cache-Control': 'no-store' }
}

/**
 * The scanner. An enrolled phone brings its device token (kept in the browser, sent by the page
 * itself); a signed-in staff member opens `/scan?event=<slug>` and scans with their session.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const lng = getLanguage(context)
  const slug = new URL(request.url).searchParams.get('event')
  if (!slug) return { lng, staff: null }
  const user = await requireUser(request, context)
  const found = await findEventForUser(context.get(appContext).db, user, slug)
  if (!found || !can(user, found.role, 'checkin.scan')) throw data({ code: 'forbidden' }, { status: 403 })
  return { lng, staff: { name: user.name, eventSlug: slug } }
}

export default function Scan({ loaderData }: Route.ComponentProps) {
  return <Scanner staff={loaderData.staff} />
}
