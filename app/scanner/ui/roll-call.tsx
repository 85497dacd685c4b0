import { useTranslation } from 'react-i18next'
import { formatTime } from '../../i18n/format'
import type { StoredRoster } from '../offline'
import type { RosterEntry } from '../wire'
import type { UiLanguage } from './shared'
/**
 * The roll call on a bus (or at any door): who has boarded and who is still missing, from the
 * roster on this phone, so it works with no network. Missing people first.
 */
export function RollCall({
  roster,
  timezone,
  lng,
}: {
  roster: StoredRoster | null
  timezone: string
  lng: UiLanguage
}) {
  const { t } = useTranslation()
  if (!roster) return <p className="muted">{t('checkin.scanner.loading')}</p>
  const entries = Object.values(roster.entries)
  const missing = entries.filter((e) => !e.checkedInAt)
  const boarded = entries
    .filter((e) => e.checkedInAt)
    .sort((a, b) => (a.checkedInAt ?? '').localeCompare(b.checkedInAt ?? ''))
  const person = (e: RosterEntry) => (
    <>
      <strong>{e.attendee.name}</strong>
      {e.attendee.name !== e.attendee.latinName ? ` ${e.attendee.latinName}` : null}
      {e.attendee.organization ? <span className="muted"> · {e.attendee.organization}</span> : null}
    </>
  )
  return (
    <div className="roll-call stack">
      <section aria-labelledby="missing-title">
        <h2 id="missing-title">{t('checkin.scanner.roll.missing', { count: missing.length })}</h2>
        {missing.length === 0 ? <p className="muted">{t('checkin.scanner.roll.allHere')}</p> : null}
        <ul className="scan-hits" data-roll="missing">
          {missing.map((e) => (
            <li key={e.registrationId} className="hit hit-refused">
              {person(e)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="boarded-title">
        <h2 id="boarded-title">{t('checkin.scanner.roll.boarded', { count: boarded.length })}</h2>
        <ul className="scan-hits" data-roll="boarded">
          {boarded.map((e) => (
            <li key={e.registrationId} className="hit hit-allowed">
              {person(e)}
              <span className="muted"> · {formatTime(e.checkedInAt ?? '', timezone, lng)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
