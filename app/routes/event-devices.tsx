import QRCode from 'qrcode'
import { useTranslation } from 'react-i18next'
import { data, Form, Link } from 'react-router'
import { createDevice, listDevices, renameDevice, renewEnrollment, revokeDevice } from '../checkin/devices.server'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { formatDateTime } from '../i18n/format'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { localizedField } from '../i18n/localized'
import { listSessions } from '../sessions/sessions.server'
import { CopyField } from '../ui/primitives/copy-field'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { ActionNotice, type Notice, useFocusOnMount } from '../ui/primitives/notice'
import type { Route } from './+types/event-devices'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db } = context.get(appContext)
  const lng = getLanguage(context)
  const [devices, sessions] = await Promise.all([listDevices(db, event.id), listSessions(db, event.id)])
  const url = new URL(request.url)
  const confirmId = url.searchParams.get('confirm') === 'revoke' ? url.searchParams.get('device') : null
  const titleOf = new Map(sessions.map((s) => [s.id, localizedField(s, 'title', lng)]))
  const when = (iso: string | null) => (iso ? formatDateTime(iso, event.timezone, lng) : null)
  return {
    pageTitle: getI18n(context).t('checkin.devices.title'),
    slug: event.slug,
    eventTitle: localizedField(event, 'title', lng),
    sessions: sessions.map((s) => ({ id: s.id, title: localizedField(s, 'title', lng) })),
    devices: devices.map((d) => ({
      id: d.id,
      name: d.name,
      sessions: d.sessionIds.flatMap((id) => titleOf.get(id) ?? []),
      state: d.revokedAt ? ('revoked' as const) : d.enrolledAt ? ('enrolled' as const) : ('pending' as const),
      lastSeen: when(d.lastSeenAt),
    })),
    confirm: confirmId ? (devices.find((d) => d.id === confirmId && !d.revokedAt) ?? null) : null,
  }
}

/** The QR a staff phone scans once: the enrollment page, with the one-time code in the fragment (never sent in a request line). */
async function enrollment(appUrl: URL, code: string, expiresAt: string, timezone: string, lng: 'zh' | 'en' | 'ja') {
  const url = new URL('/scan/enroll', appUrl)
  url.hash = code
  const svg = await QRCode.toString(url.toString(), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return { url: url.toString(), svg, expiresAt: formatDateTime(expiresAt, timezone, lng) }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db, config, ip } = context.get(appContext)
  const lng = getLanguage(context)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const actor = { userId: user.id, ip }
  const deviceId = String(form.get('device_id') ?? '')
  const error = (key: string, values?: Record<string, string>, status = 400) =>
    data({ notice: { tone: 'error', messages: [{ key, values }] } as Notice, enrollment: null }, status)
  if (intent === 'create') {
    const sessionIds = form.getAll('sessions').filter((v): v is string => typeof v === 'string')
    const name = form.get('name')
    const result = await createDevice(db, event.id, { name, sessionIds }, actor)
    if (!result.ok) return error(`checkin.devices.errors.${result.reason}`)
    const shown = String(name).replace(/\s+/g, ' ').trim()
    return {
      notice: { tone: 'ok', messages: [{ key: 'checkin.devices.created', values: { name: shown } }] } as Notice,
      enrollment: {
        name: shown,
        ...(await enrollment(config.appUrl, result.enrollmentCode, result.enrollmentExpiresAt, event.timezone, lng)),
      },
    }
  }
  const devices = await listDevices(db, event.id)
  const device = devices.find((d) => d.id === deviceId)
  if (!device) return error('checkin.devices.notFound', undefined, 404)
  if (intent === 'rename') {
    const result = await renameDevice(db, event.id, device.id, form.get('name'), actor)
    if (!result.ok) {
      return result.reason === 'not_found'
        ? error('checkin.devices.notFound', undefined, 404)
        : error(`checkin.devices.errors.${result.reason}`)
    }
    const name = String(form.get('name')).replace(/\s+/g, ' ').trim()
    return {
      notice: { tone: 'ok', messages: [{ key: 'checkin.devices.renamed', values: { name } }] } as Notice,
      enrollment: null,
    }
  }
  if (intent === 'renew') {
    const result = await renewEnrollment(db, event.id, device.id, actor)
    if (!result.ok) return error('checkin.devices.notFound', undefined, 404)
    return {
      notice: { tone: 'ok', messages: [{ key: 'checkin.devices.newQrDone', values: { name: device.name } }] } as Notice,
      enrollment: {
        name: device.name,
        ...(await enrollment(config.appUrl, result.enrollmentCode, result.enrollmentExpiresAt, event.timezone, lng)),
      },
    }
  }
  if (intent === 'revoke') {
    await revokeDevice(db, event.id, device.id, actor)
    return {
      notice: { tone: 'ok', messages: [{ key: 'checkin.devices.revoked', values: { name: device.name } }] } as Notice,
      enrollment: null,
    }
  }
  throw data({ code: 'bad_request' }, { status: 400 })
}

export function headers() {
  // The enrollment QR is shown once: never from a cache.
  return { 'Cache-Control': 'no-store' }
}

export default function EventDevices({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const base = `/events/${d.slug}`
  const page = `${base}/devices`
  return (
    <section className="stack">
      <header>
        <p className="eyebrow">
          <Link to={base}>
            <LocalizedTextView value={d.eventTitle} />
          </Link>
        </p>
        <h1>{t('checkin.devices.title')}</h1>
        <p className="muted">{t('checkin.devices.intro')}</p>
      </header>
      <ActionNotice notice={actionData?.notice} version={actionData} />
      {actionData?.enrollment ? (
        <section className="card enrollment" aria-labelledby="enrollment-title">
          <h2 id="enrollment-title">{actionData.enrollment.name}</h2>
          <div
            className="enrollment-qr"
            role="img"
            aria-label={actionData.enrollment.name}
            // qrcode's SVG of our own enrollment URL: no user text in it.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: see above
            dangerouslySetInnerHTML={{ __html: actionData.enrollment.svg }}
          />
          <p className="muted">{t('checkin.devices.enrollExpires', { at: actionData.enrollment.expiresAt })}</p>
          <CopyField
            label={t('checkin.devices.enrollLink')}
            value={actionData.enrollment.url}
            copyLabel={t('invitations.actions.copy')}
            copyFor={t('checkin.devices.enrollLink')}
            copiedLabel={t('invitations.actions.copied')}
          />
        </section>
      ) : null}
      {d.confirm ? <ConfirmRevoke id={d.confirm.id} name={d.confirm.name} page={page} /> : null}

      <Form method="post" action={page} className="card stack">
        <h2>{t('checkin.devices.create')}</h2>
        <input type="hidden" name="intent" value="create" />
        <div className="field">
          <label htmlFor="device-name">{t('checkin.devices.name')}</label>
          <input id="device-name" name="name" required maxLength={80} aria-describedby="device-name-hint" />
          <span id="device-name-hint" className="muted">
            {t('checkin.devices.nameHint')}
          </span>
        </div>
        <fieldset>
          <legend>{t('checkin.devices.sessions')}</legend>
          <p className="muted">{t('checkin.devices.sessionsHint')}</p>
          {d.sessions.map((s) => (
            <label key={s.id} className="check">
              <input type="checkbox" name="sessions" value={s.id} /> <LocalizedTextView value={s.title} />
            </label>
          ))}
        </fieldset>
        <p>
          <button type="submit" className="button">
            {t('checkin.devices.submit')}
          </button>
        </p>
      </Form>

      {d.devices.length === 0 ? (
        <p className="card muted">{t('checkin.devices.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('checkin.devices.table.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('checkin.devices.table.name')}</th>
                <th scope="col">{t('checkin.devices.table.sessions')}</th>
                <th scope="col">{t('checkin.devices.table.state')}</th>
                <th scope="col">{t('checkin.devices.table.lastSeen')}</th>
                <th scope="col">{t('checkin.devices.table.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {d.devices.map((device) => (
                <tr key={device.id} data-device={device.id}>
                  <th scope="row">{device.name}</th>
                  <td>
                    {device.sessions.length === 0
                      ? t('checkin.devices.allSessions')
                      : device.sessions.map((title, n) => (
                          <span key={title.text}>
                            {n > 0 ? ' · ' : null}
                            <LocalizedTextView value={title} />
                          </span>
                        ))}
                  </td>
                  <td data-state={device.state}>{t(`checkin.devices.states.${device.state}`)}</td>
                  <td>{device.lastSeen ?? t('checkin.devices.never')}</td>
                  <td>
                    {device.state === 'revoked' ? null : (
                      <div className="row-actions">
                        <Form method="post" action={page} className="inline-form">
                          <input type="hidden" name="intent" value="rename" />
                          <input type="hidden" name="device_id" value={device.id} />
                          <input
                            className="inline-input"
                            name="name"
                            defaultValue={device.name}
                            required
                            maxLength={80}
                            aria-label={t('checkin.devices.renameLabel', { name: device.name })}
                          />
                          <button type="submit" className="button button-secondary">
                            {t('checkin.devices.save')}
                          </button>
                        </Form>
                        <Form method="post" action={page} className="inline-form">
                          <input type="hidden" name="intent" value="renew" />
                          <input type="hidden" name="device_id" value={device.id} />
                          <button type="submit" className="button button-secondary">
                            {t('checkin.devices.newQr')}
                          </button>
                        </Form>
                        <Link
                          to={`${page}?confirm=revoke&device=${encodeURIComponent(device.id)}`}
                          aria-label={t('checkin.devices.revokeFor', { name: device.name })}
                        >
                          {t('checkin.devices.revoke')}
                        </Link>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function ConfirmRevoke({ id, name, page }: { id: string; name: string; page: string }) {
  const { t } = useTranslation()
  const heading = useFocusOnMount<HTMLHeadingElement>()
  return (
    <section className="card danger" aria-labelledby="confirm-title">
      <h2 id="confirm-title" ref={heading} tabIndex={-1}>
        {t('checkin.devices.revokeFor', { name })}
      </h2>
      <p>{t('checkin.devices.revokeConfirm', { name })}</p>
      <Form method="post" action={page} className="form-actions">
        <input type="hidden" name="intent" value="revoke" />
        <input type="hidden" name="device_id" value={id} />
        <button type="submit" className="button button-danger">
          {t('checkin.devices.revokeYes')}
        </button>
        <Link to={page}>{t('checkin.devices.revokeNo')}</Link>
      </Form>
    </section>
  )
}
