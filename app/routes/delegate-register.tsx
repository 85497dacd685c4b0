import { randomBytes } from 'node:crypto'
import { useTranslation } from 'react-i18next'
import { data, redirect } from 'react-router'
import { hit } from '../auth/throttle.server'
import { appContext } from '../http/context'
import { echoValues, formObject } from '../http/form'
import { noStoreHeaders } from '../http/headers'
import { getLanguage } from '../i18n/i18n.server'
import {
  eventHeading,
  optionalDelegate,
  publicSessionChoices,
  registrationFormValues,
  requirePublishedEvent,
  sessionChoicesView,
} from '../registration/delegate-page.server'
import { findDelegateInvitation } from '../registration/delegate-session.server'
import { registerPublic } from '../registration/public-registration.server'
import { parseRegistrationForm, REGISTRATION_ECHO } from '../registration/registration-form'
import { acceptsPublicRegistration } from '../registration/rules'
import { submitRegistration } from '../registration/submission.server'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { RegistrationForm } from '../ui/registration/registration-form'
import type { Route } from './+types/delegate-register'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData?.event.title.text ?? 'Signet' },
  { name: 'robots', content: 'noindex' },
]

/** Public registrations per address in 10 minutes. */
const PUBLIC_PER_WINDOW = 10
const PUBLIC_WINDOW_MS = 10 * 60_000

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const event = await requirePublishedEvent(context, params.slug)
  const lng = getLanguage(context)
  const view = await optionalDelegate(request, context, event)
  const submissionKey = randomBytes(18).toString('base64url')
  if (view) {
    return {
      mode: 'invited' as const,
      lng,
      event: eventHeading(event, lng),
      values: registrationFormValues(view, lng),
      sessions: await sessionChoicesView(context, view, lng),
      registered: view.registration !== null && view.registration.status !== 'cancelled',
      submissionKey,
    }
  }
  if (!acceptsPublicRegistration(event.registration_mode)) {
    return { mode: 'invitation_needed' as const, lng, event: eventHeading(event, lng) }
  }
  // After the open form: the same page whatever the address was (registerPublic).
  if (new URL(request.url).searchParams.get('sent') === '1') {
    return { mode: 'sent' as const, lng, event: eventHeading(event, lng) }
  }
  return {
    mode: 'public' as const,
    lng,
    event: eventHeading(event, lng),
    values: { language: lng, sessions: [] } as Record<string, string | string[]>,
    sessions: await publicSessionChoices(context, event, lng),
    registered: false,
    submissionKey,
  }
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const event = await requirePublishedEvent(context, params.slug)
  const { db, config, ip, now } = context.get(appContext)
  const lng = getLanguage(context)
  const raw = formObject(await request.formData(), ['sessions'])
  // A refused form comes back with what was typed, cut to each field's own length.
  const values = echoValues(raw, REGISTRATION_ECHO)
  // The action needs only whose registration this is; the full view is for the page.
  const invitationId = await findDelegateInvitation(db, config, request, event.id, event.slug)
  if (!invitationId) {
    if (!acceptsPublicRegistration(event.registration_mode)) throw data({ code: 'forbidden' }, { status: 403 })
    // Bots fill in the hidden field; people never see it.
    if (typeof raw.website === 'string' && raw.website !== '') {
      return data({ errors: { form: { key: 'registration.errors.rejected' } }, values }, { status: 400 })
    }
    const limited = await hit(db, `register:ip:${ip ?? 'unknown'}`, PUBLIC_PER_WINDOW, PUBLIC_WINDOW_MS, now())
    if (limited.limited) {
      return data(
        {
          errors: { form: { key: 'registration.errors.rateLimited', values: { seconds: limited.retryAfterSeconds } } },
          values,
        },
        { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } },
      )
    }
  }
  const parsed = parseRegistrationForm(raw)
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 })
  if (invitationId) {
    const result = await submitRegistration(db, config.sessionSecret, {
      invitationId,
      input: parsed.value,
      source: 'invitation',
      lng,
      ip,
    })
    if (!result.ok) return data({ errors: result.errors, values }, { status: 400 })
    throw redirect(`/e/${event.slug}/me?saved=${result.created ? 'registered' : 'changed'}`, { status: 303 })
  }
  // No delegate session: typing an address is no proof of reading its mail. The link comes by mail.
  const result = await registerPublic(db, config.sessionSecret, event, parsed.value, { lng, ip })
  if (!result.ok) return data({ errors: result.errors, values }, { status: 400 })
  throw redirect(`/e/${event.slug}/register?sent=1`, { status: 303 })
}

export const headers = noStoreHeaders

export default function DelegateRegister({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const d = loaderData
  return (
    <article className="delegate-page">
      <header className="public-hero compact">
        <p className="eyebrow">{t('registration.eyebrow')}</p>
        <h1>
          <LocalizedTextView value={d.event.title} />
        </h1>
        <p className="public-dates">
          {d.event.dates}
          {d.event.venue.text ? ` · ${d.event.venue.text}` : ''}
        </p>
      </header>
      {d.mode === 'invitation_needed' ? (
        <section className="card narrow">
          <h2>{t('registration.invitationNeeded.title')}</h2>
          <p>{t('registration.invitationNeeded.body')}</p>
          <p>
            <a href={`/e/${d.event.slug}`}>{t('registration.programmeLink')}</a>
          </p>
        </section>
      ) : d.mode === 'sent' ? (
        <section className="card narrow" aria-live="polite">
          <h2>{t('registration.sent.title')}</h2>
          <p>{t('registration.sent.body')}</p>
          <p className="muted">{t('registration.sent.help')}</p>
          <p>
            <a href={`/e/${d.event.slug}`}>{t('registration.programmeLink')}</a>
          </p>
        </section>
      ) : (
        <section className="registration">
          <h2>{d.registered ? t('registration.editTitle') : t('registration.title')}</h2>
          <p className="muted">
            {d.mode === 'public' && d.event.approval ? t('registration.approvalNote') : t('registration.intro')}
          </p>
          <RegistrationForm
            lng={d.lng}
            values={actionData?.values ?? d.values}
            errors={actionData?.errors}
            sessions={d.sessions}
            submissionKey={d.submissionKey}
            publicForm={d.mode === 'public'}
            submitLabel={d.registered ? t('registration.saveChanges') : t('registration.submit')}
          />
          {d.mode === 'invited' && !d.registered ? (
            <p className="decline-link">
              <a href={`/e/${d.event.slug}/decline`}>{t('registration.declineLink')}</a>
            </p>
          ) : null}
        </section>
      )}
    </article>
  )
}
