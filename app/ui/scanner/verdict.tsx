import { useTranslation } from 'react-i18next'
import { formatTime } from '../../i18n/format'
import { noteValue } from './notes'
import type { Shown, UiLanguage } from './shared'
export function VerdictScreen({
  shown,
  timezone,
  lng,
  onClose,
}: {
  shown: NonNullable<Shown>
  timezone: string
  lng: UiLanguage
  onClose: () => void
}) {
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
  const tone = v.status === 'ok' ? 'ok' : v.reason === 'already_checked_in' ? 'warn' : 'error'
  const a = v.attendee
  return (
    <div className={`verdict verdict-${tone}`} role="alert" data-verdict={v.status} data-reason={v.reason ?? ''}>
      <p className="verdict-title">
        {tone === 'ok'
          ? t('checkin.scanner.verdict.ok')
          : tone === 'warn'
            ? t('checkin.scanner.verdict.already')
            : t('checkin.scanner.verdict.rejected')}
      </p>
      {v.reason && tone === 'error' ? <p className="verdict-reason">{t(`checkin.reasons.${v.reason}`)}</p> : null}
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
      {shown.local ? (
        <p className="verdict-local">
          {/* Only admissions wait to be sent; a refusal made offline stays on the phone (ADR 0012). */}
          {t(v.status === 'ok' ? 'checkin.scanner.decidedOffline' : 'checkin.scanner.decidedOfflineRefused')}
        </p>
      ) : null}
      <button type="button" className="button verdict-next" onClick={onClose}>
        {t('checkin.scanner.next')}
      </button>
    </div>
  )
}
