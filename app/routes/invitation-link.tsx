import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { data, redirect } from 'react-router'
import { check, hit } from '../auth/throttle.server'
import { appContext } from '../http/context'
import { noStoreHeaders } from '../http/headers'
import { languageCookie } from '../i18n/i18n.server'
import { startDelegateSession } from '../registration/delegate-session.server'
import { resolveInvitationToken } from '../registration/invitations.server'
import type { Route } from './+types/invitation-link'

export const meta: Route.MetaFunction = () => [{ title: 'Signet' }, { name: 'robots', content: 'noindex' }]

/** Unknown links tried per address and minute before every link answers 429 (guessing). */
const MISSES_PER_MINUTE = 20

// The personal link of an invitation. Opening it changes nothing (a mail scanner's prefetch, or
// a preview, must not open a delegate session): the page POSTs, by itself once its script runs,
// or with its button. The POST exchanges the token for a delegate session cookie and sends the
// browser on to a clean URL; the token never stays in the address bar or a Referer. Unknown,
// revoked and expired tokens get the same friendly page, and guessing is throttled per address.
export function loader() {
  return { opening: true as const }
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const { db, config, ip, now } = context.get(appContext)
  const key = `link-miss:ip:${ip ?? 'unknown'}`
  const limited = await check(db, key, MISSES_PER_MINUTE, 60_000, now())
  if (limited.limited) {
    return data(
      { reason: 'rate_limited' as const },
      { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } },
    )
  }
  const found = await resolveInvitationToken(db, params.token)
  if (!found) {
    await hit(db, key, MISSES_PER_MINUTE, 60_000, now())
    return data({ reason: 'invalid' as const }, { status: 404 })
  }
  const { invitation, event } = found
  const next = new URL(request.url).searchParams.get('next')
  const person = await db
    .selectFrom('people')
    .select('preferred_language')
    .where('id', '=', invitation.person_id)
    .executeTakeFirst()
  const page = next === 'decline' ? 'decline' : invitation.status === 'registered' ? 'me' : 'register'
  const headers = new Headers()
  headers.append('Set-Cookie', await startDelegateSession(db, config, invitation, event.slug))
  if (person) headers.append('Set-Cookie', await languageCookie.serialize(person.preferred_language))
  throw redirect(`/e/${event.slug}/${page}`, { status: 303, headers })
}

export const headers = noStoreHeaders

export default function InvitationLink({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const form = useRef<HTMLFormElement>(null)
  // Once scripts run, open the invitation at once; without them the button does it.
  useEffect(() => {
    if (!actionData) form.current?.requestSubmit()
  }, [actionData])
  if (!actionData)
    return (
      <section className="card narrow delegate-page">
        <h1>{t('registration.link.opening')}</h1>
        {/* A document POST (not a fetch): the answer sets the cookies and moves to a clean URL. */}
        <form method="post" ref={form}>
          <button type="submit" className="button">
            {t('registration.link.open')}
          </button>
        </form>
        <p className="muted">{t('registration.link.openHelp')}</p>
      </section>
    )
  return (
    <section className="card narrow delegate-page">
      <h1>{t('registration.link.title')}</h1>
      <p>
        {actionData.reason === 'rate_limited' ? t('registration.link.rateLimited') : t('registration.link.invalid')}
      </p>
      <p className="muted">{t('registration.link.help')}</p>
    </section>
  )
}
