import { useTranslation } from 'react-i18next'
import type { CheckinReason } from '../../../db/schema'
import { scanOpensAt } from '../../checkin/rules'
import { formatDateTime, formatTime, localDateOf } from '../../i18n/format'
import type { ScannerSession } from '../wire'
import { noteValue } from './notes'
import type { Shown, UiLanguage } from './shared'

/** Refusals that are amber: the person may well be right, only not here now (or already in). */
const AMBER: readonly (CheckinReason | null)[] = ['already_checked_in', 'not_open_yet', 'session_over']
/** Whether a refusal is amber (its sound too). */
export function isAmber(reason: CheckinReason | null): boolean {
  return AMBER.includes(reason)
}
const OUTSIDE_WINDOW: readonly (CheckinReason | null)[] = ['not_open_yet', 'session_over']

export function VerdictScreen({
  shown,
  session,
  opensMinutes,
  lng,
  onClose,
  onOverride,
}: {
  shown: NonNullable<Shown>
  session: ScannerSession
  /** the event's scan window setting, when the phone knows it (from the roster) */
  opensMinutes: number | null
  lng: UiLanguage
  onClose: () => void
  /** checks the same person in anyway, outside the session's time */
  onOverride: () => void
}) {
  const timezone = session.timezone
  const { t } = useTranslation()
  if (shown.kind === 'error') {
    return (
      <div className="verdict verdict-error" role="alert" onClick={onClose} onKeyDown={onClose}>
        <p className="verdict-title">{shown.message}</p>
        <button type="button" className="button" onClick={onClose}>
          {t('checkin.scanner.next')}
        </button>
      </div>
    )
  }
  const v = shown.verdict
  const tone = v.status === 'ok' ? 'ok' : AMBER.includes(v.reason) ? 'warn' : 'error'
  const outside = OUTSIDE_WINDOW.includes(v.reason)
  // "Not today" when the session is on another day in the event's zone, else "not now".
  const today = localDateOf(new Date(v.scannedAt), timezone) === localDateOf(new Date(session.startsAt), timezone)
  const a = v.attendee
  return (
    <div className={`verdict verdict-${tone}`} role="alert" data-verdict={v.status} data-reason={v.reason ?? ''}>
      <p className="verdict-title">
        {tone === 'ok'
          ? t('checkin.scanner.verdict.ok')
          : outside
            ? t(today ? 'checkin.scanner.verdict.notNow' : 'checkin.scanner.verdict.notToday')
            : tone === 'warn'
              ? t('checkin.scanner.verdict.already')
              : t('checkin.scanner.verdict.rejected')}
      </p>
      {v.reason && (tone === 'error' || outside) ? (
        <p className="verdict-reason">{t(`checkin.reasons.${v.reason}`)}</p>
      ) : null}
      {outside ? (
        <p className="verdict-window">
          {t('checkin.scanner.sessionTime', {
            when: `${formatDateTime(session.startsAt, timezone, lng)}–${formatTime(session.endsAt, timezone, lng)}`,
          })}
          {v.reason === 'not_open_yet' && opensMinutes !== null ? (
            <>
              <br />
              {t('checkin.scanner.doorsOpen', {
                at: formatDateTime(
                  scanOpensAt({ startsAt: session.startsAt, endsAt: session.endsAt, opensMinutes }),
                  timezone,
                  lng,
                ),
              })}
            </>
          ) : null}
        </p>
      ) : null}
      {a ? (
        <div className="verdict-person">
          <p className="verdict-name" lang={a.kana ? 'ja' : undefined}>
            {a.name}
            {a.vip ? <span className="verdict-vip">{t('checkin.scanner.vip')}</span> : null}
          </p>
          {a.name !== a.latinName ? <p className="verdict-latin">{a.latinName}</p> : null}
          <p>{[a.title, a.organization].filter(Boolean).join(' · ')}</p>
          {a.notes.length > 0 ? (
            <ul className="verdict-notes">
              {a.notes.map((n) => (
                <li key={n.kind}>{t(`checkin.scanner.notes.${n.kind}`, { value: noteValue(n, t) })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {v.firstCheckin && tone === 'warn' ? (
        <p>
          {t('checkin.scanner.firstCheckin', {
            at: formatTime(v.firstCheckin.at, timezone, lng),
            device: v.firstCheckin.device ?? '—',
          })}
        </p>
      ) : null}
      {v.conflict ? <p>{t('checkin.scanner.conflict')}</p> : null}
      {v.override ? <p>{t('checkin.scanner.overridden')}</p> : null}
      {shown.local ? (
        <p className="verdict-local">
          {/* Only admissions wait to be sent; a refusal made offline stays on the phone (ADR 0012). */}
          {t(v.status === 'ok' ? 'checkin.scanner.decidedOffline' : 'checkin.scanner.decidedOfflineRefused')}
        </p>
      ) : null}
      {outside ? (
        <button type="button" className="button button-secondary verdict-override" onClick={onOverride}>
          {t('checkin.scanner.override')}
        </button>
      ) : null}
      <button type="button" className="button verdict-next" onClick={onClose}>
        {t('checkin.scanner.next')}
      </button>
    </div>
  )
}
