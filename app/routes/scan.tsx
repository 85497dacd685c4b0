import { requireEventAccess } from '../http/access.server'
import { getLanguage } from '../i18n/i18n.server'
import { resources } from '../i18n/resources'
import { scannerBundleUrl } from '../scanner/bundle.server'
import { Scanner } from '../scanner/ui'
import type { Route } from './+types/scan'

export const meta: Route.MetaFunction = () => [
  { title: 'Signet' },
  { name: 'robots', content: 'noindex' },
  { name: 'theme-color', content: '#1d2733' },
]

// Installable on a phone's home screen; the service worker (public/sw.js) reopens it offline.
// The scanner itself (its UI, offline store, API and bundle) is app/scanner/.
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
  let staff: { name: string; eventSlug: string } | null = null
  if (slug) {
    const { user } = await requireEventAccess(request, context, slug, 'checkin.scan')
    staff = { name: user.name, eventSlug: slug }
  }
  // Built: the page loads the standalone scanner bundle instead of the app (root.tsx), with the
  // messages it needs in one language.
  const bundle = scannerBundleUrl()
  const messages = resources[lng].translation
  return {
    lng,
    staff,
    standalone: bundle
      ? {
          src: bundle,
          data: JSON.stringify({
            lng,
            staff,
            messages: { checkin: messages.checkin },
          }),
        }
      : null,
  }
}

export default function Scan({ loaderData }: Route.ComponentProps) {
  const standalone = loaderData.standalone
  if (!standalone) return <Scanner staff={loaderData.staff} />
  return (
    <>
      <script
        type="application/json"
        id="scanner-data"
        // JSON for the bundle, with "<" escaped so no text can close the script element.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: see above
        dangerouslySetInnerHTML={{ __html: standalone.data.replace(/</g, '\\u003c') }}
      />
      <div id="scanner-root" className="scan-page">
        <p className="muted">…</p>
      </div>
    </>
  )
}
