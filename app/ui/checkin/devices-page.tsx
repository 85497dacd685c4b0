/**
 * The devices page's sections (app/routes/event-devices.tsx): what an action did, the enrollment
 * QR shown once, confirming a revocation, the form for a new device and the table of devices with
 * renaming, a new QR and revoking.
 */
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Form, Link } from 'react-router'
import type { DeviceOutcome, DevicesPage, Enrollment } from '../../checkin/devices-page.server'
import { CopyField } from '../primitives/copy-field'
import { HiddenFields } from '../primitives/hidden-fields'
import { LocalizedTextView } from '../primitives/localized-text'
import { ActionNotice, type Notice, useFocusOnMount } from '../primitives/notice'

const DONE_KEYS = {
  created: 'checkin.devices.created',
  renamed: 'checkin.devices.renamed',
  newQr: 'checkin.devices.newQrDone',
  revoked: 'checkin.devices.revoked',
} as const

/** An action's outcome in words: what was done to which device, or why it was refused. */
function deviceNotice(outcome: DeviceOutcome | undefined): Notice | null {
  if (!outcome) return null
  if (outcome.ok) return { tone: 'ok', messages: [{ key: DONE_KEYS[outcome.done], values: { name: outcome.name } }] }
  const key = outcome.reason === 'not_found' ? 'checkin.devices.notFound' : `checkin.devices.errors.${outcome.reason}`
  return { tone: 'error', messages: [{ key }] }
}

/** The answer to the last action, announced and focused; `version` changes with every answer. */
export function DeviceOutcomeNotice({ outcome, version }: { outcome: DeviceOutcome | undefined; version: unknown }) {
  const notice = useMemo(() => deviceNotice(outcome), [outcome])
  return <ActionNotice notice={notice} version={version} />
}

/** The new device's enrollment QR and link, shown once. */
export function EnrollmentCard({ enrollment }: { enrollment: Enrollment }) {
  const { t } = useTranslation()
  return (
    <section className="card enrollment" aria-labelledby="enrollment-title">
      <h2 id="enrollment-title">{enrollment.name}</h2>
      <div
        className="enrollment-qr"
        role="img"
        aria-label={enrollment.name}
        // qrcode's SVG of our own enrollment URL: no user text in it.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: see above
        dangerouslySetInnerHTML={{ __html: enrollment.svg }}
      />
      <p className="muted">{t('checkin.devices.enrollExpires', { at: enrollment.expiresAt })}</p>
      <CopyField
        label={t('checkin.devices.enrollLink')}
        value={enrollment.url}
        copyLabel={t('invitations.actions.copy')}
        copyFor={t('checkin.devices.enrollLink')}
        copiedLabel={t('invitations.actions.copied')}
      />
    </section>
  )
}

/** A new device: its name and the sessions it may scan (none: all). */
export function NewDeviceForm({ d, page }: { d: DevicesPage; page: string }) {
  const { t } = useTranslation()
  return (
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
  )
}

/** The devices with their sessions, state and last contact; renaming, a new QR and revoking. */
export function DevicesTable({ d, page }: { d: DevicesPage; page: string }) {
  const { t } = useTranslation()
  if (d.devices.length === 0) return <p className="card muted">{t('checkin.devices.empty')}</p>
  return (
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
                      <HiddenFields fields={{ intent: 'rename', device_id: device.id }} />
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
                      <HiddenFields fields={{ intent: 'renew', device_id: device.id }} />
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
  )
}

/** Revoking a device, asked once more. */
export function ConfirmRevoke({ id, name, page }: { id: string; name: string; page: string }) {
  const { t } = useTranslation()
  const heading = useFocusOnMount<HTMLHeadingElement>()
  return (
    <section className="card danger" aria-labelledby="confirm-title">
      <h2 id="confirm-title" ref={heading} tabIndex={-1}>
        {t('checkin.devices.revokeFor', { name })}
      </h2>
      <p>{t('checkin.devices.revokeConfirm', { name })}</p>
      <Form method="post" action={page} className="form-actions">
        <HiddenFields fields={{ intent: 'revoke', device_id: id }} />
        <button type="submit" className="button button-danger">
          {t('checkin.devices.revokeYes')}
        </button>
        <Link to={page}>{t('checkin.devices.revokeNo')}</Link>
      </Form>
    </section>
  )
}
