import { useTranslation } from 'react-i18next'
import { data, Form, Link, useNavigation } from 'react-router'
import { appContext } from '../http/context'
import { Field } from '../ui/primitives/field'
import { requestPasswordReset } from '../users/password-links.server'
import type { FieldErrors } from '../validation/field-errors'
import type { Route } from './+types/forgot-password'

export const meta: Route.MetaFunction = () => [{ title: 'Signet' }]

export const headers: Route.HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After')
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

export function loader() {
  return null
}

type ActionData =
  | { state: 'sent'; email: string }
  | { state: 'invalid'; email: string; errors: FieldErrors }
  | { state: 'limited'; email: string; minutes: number }

/** The same answer for every address, with an account or without (ADR 0020). */
export async function action({ request, context }: Route.ActionArgs) {
  const { db, config, ip, now } = context.get(appContext)
  const form = await request.formData()
  const email = String(form.get('email') ?? '').slice(0, 254)
  const result = await requestPasswordReset(db, config.sessionSecret, { email, ip }, now())
  if (result.ok) return { state: 'sent', email: email.trim() } satisfies ActionData
  if (result.reason === 'invalid')
    return data<ActionData>({ state: 'invalid', email, errors: result.fields }, { status: 400 })
  return data<ActionData>(
    { state: 'limited', email, minutes: Math.ceil(result.retryAfterSeconds / 60) },
    { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } },
  )
}

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const busy = useNavigation().state === 'submitting'
  return (
    <section className="card narrow stack">
      <h1>{t('password.forgot.title')}</h1>
      {actionData?.state === 'sent' ? (
        <p className="notice" role="status">
          {t('password.forgot.sent', { email: actionData.email })}
        </p>
      ) : (
        <>
          <p className="muted">{t('password.forgot.intro')}</p>
          {actionData?.state === 'limited' ? (
            <p className="form-error" role="alert">
              {t('password.forgot.rateLimited', { minutes: actionData.minutes })}
            </p>
          ) : null}
          <Form method="post" noValidate className="stack">
            <Field
              name="email"
              label={t('password.forgot.email')}
              type="email"
              autoComplete="username"
              required
              maxLength={254}
              defaultValue={actionData?.email ?? ''}
              error={actionData?.state === 'invalid' ? actionData.errors.email : undefined}
            />
            <button type="submit" className="button" disabled={busy}>
              {t('password.forgot.submit')}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t('nav.signIn')}</Link>
      </p>
    </section>
  )
}
