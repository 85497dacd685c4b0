/**
 * The planning summary's sections (app/routes/event-registrations-summary.tsx): headsets per
 * session and language, diets and allergies for the event and each banquet, arrivals and
 * departures per day with their transport, and hotel rooms.
 */
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { RegistrationsSummaryPage } from '../../registration/registrations-summary-page.server'
import { DIETS, type DietSummary, HEADSET_LANGUAGES, type TravelDay } from '../../registration/summaries'
import { DataTable } from '../primitives/data-table'
import { LocalizedTextView } from '../primitives/localized-text'

function DietTable({ columns }: { columns: { key: string; label: ReactNode; diet: DietSummary }[] }) {
  const { t } = useTranslation()
  return (
    <DataTable
      className="summary-table"
      caption={t('invitations.summary.diet.caption')}
      head={
        <>
          <th scope="col">{t('invitations.summary.diet.diet')}</th>
          {columns.map((c) => (
            <th key={c.key} scope="col" className="number">
              {c.label}
            </th>
          ))}
        </>
      }
    >
      {DIETS.map((diet) => (
        <tr key={diet}>
          <th scope="row">{t(`invitations.diets.${diet}`)}</th>
          {columns.map((c) => (
            <td key={c.key} className="number" data-diet={`${c.key}:${diet}`}>
              {c.diet.counts[diet]}
            </td>
          ))}
        </tr>
      ))}
    </DataTable>
  )
}

function Allergies({ title, diet }: { title: ReactNode; diet: DietSummary }) {
  const { t } = useTranslation()
  return (
    <div className="allergies">
      <h3>{title}</h3>
      {diet.allergies.length === 0 ? (
        <p className="muted">{t('invitations.summary.diet.noAllergies')}</p>
      ) : (
        <ul>
          {diet.allergies.map((a) => (
            <li key={a.text}>{t('invitations.summary.countOf', { label: a.text, count: a.count })}</li>
          ))}
        </ul>
      )}
    </div>
  )
}

export function Travel({
  id,
  title,
  days,
}: {
  id: string
  title: string
  days: (TravelDay & { label: string | null })[]
}) {
  const { t } = useTranslation()
  return (
    <section className="card summary-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {days.length === 0 ? (
        <p className="muted">{t('invitations.summary.travel.none')}</p>
      ) : (
        <DataTable
          className="summary-table"
          caption={title}
          head={
            <>
              <th scope="col">{t('invitations.summary.travel.date')}</th>
              <th scope="col" className="number">
                {t('invitations.summary.travel.delegates')}
              </th>
              <th scope="col">{t('invitations.summary.travel.transport')}</th>
            </>
          }
        >
          {days.map((d) => (
            <tr key={d.date ?? 'none'}>
              <th scope="row">{d.label ?? t('invitations.summary.travel.noDate')}</th>
              <td className="number" data-travel={`${id}:${d.date ?? 'none'}`}>
                {d.total}
              </td>
              <td>
                <ul className="plain-list">
                  {d.transports.map((x) => (
                    <li key={x.transport}>
                      {t('invitations.summary.countOf', {
                        label: x.transport || t('invitations.summary.travel.noTransport'),
                        count: x.count,
                      })}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  )
}

/** Headsets per session and interpretation language. */
export function HeadsetsSection({ sessions }: { sessions: RegistrationsSummaryPage['sessions'] }) {
  const { t } = useTranslation()
  return (
    <section className="card summary-section" aria-labelledby="headsets-title">
      <h2 id="headsets-title">{t('invitations.summary.headsets.title')}</h2>
      <p className="muted">{t('invitations.summary.headsets.note')}</p>
      {sessions.length === 0 ? (
        <p className="muted">{t('invitations.registrations.seats.none')}</p>
      ) : (
        <DataTable
          className="summary-table"
          caption={t('invitations.summary.headsets.title')}
          head={
            <>
              <th scope="col">{t('invitations.registrations.seats.session')}</th>
              <th scope="col" className="number">
                {t('invitations.summary.headsets.attendees')}
              </th>
              {HEADSET_LANGUAGES.map((lng) => (
                <th key={lng} scope="col" className="number">
                  {t(`languages.${lng}`)}
                </th>
              ))}
              <th scope="col" className="number">
                {t('invitations.summary.headsets.total')}
              </th>
            </>
          }
        >
          {sessions.map((s) => (
            <tr key={s.sessionId}>
              <th scope="row">
                <LocalizedTextView value={s.title} />
                <span className="person-name-secondary">
                  {s.when}
                  {s.openToAll ? ` · ${t('invitations.summary.headsets.openToAll')}` : ''}
                </span>
              </th>
              <td className="number">{s.attendees}</td>
              {HEADSET_LANGUAGES.map((lng) => (
                <td key={lng} className="number" data-headsets={`${s.sessionId}:${lng}`}>
                  {s.headsets[lng]}
                </td>
              ))}
              <td className="number" data-headsets={`${s.sessionId}:total`}>
                {s.headsetsTotal}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  )
}

/** Diets counted for the event and each banquet, then their allergies. */
export function DietSection({ d }: { d: RegistrationsSummaryPage }) {
  const { t } = useTranslation()
  const banquets = d.sessions.filter((s) => s.diet !== null)
  return (
    <section className="card summary-section" aria-labelledby="diet-title">
      <h2 id="diet-title">{t('invitations.summary.diet.title')}</h2>
      <DietTable
        columns={[
          { key: 'event', label: t('invitations.summary.diet.event'), diet: d.diet },
          ...banquets.flatMap((s) =>
            s.diet ? [{ key: s.sessionId, label: <LocalizedTextView value={s.title} />, diet: s.diet }] : [],
          ),
        ]}
      />
      <Allergies title={t('invitations.summary.diet.allergiesEvent')} diet={d.diet} />
      {banquets.map((s) =>
        s.diet ? (
          <Allergies
            key={s.sessionId}
            title={
              <>
                {t('invitations.summary.diet.allergiesAt')} <LocalizedTextView value={s.title} />
              </>
            }
            diet={s.diet}
          />
        ) : null,
      )}
    </section>
  )
}

/** The hotel rooms asked for. */
export function HotelSection({ rooms }: { rooms: number }) {
  const { t } = useTranslation()
  return (
    <section className="card summary-section" aria-labelledby="hotel-title">
      <h2 id="hotel-title">{t('invitations.summary.hotel.title')}</h2>
      <p>
        {t('invitations.summary.hotel.rooms')}
        {t('app.labelSuffix')}
        <strong data-count="hotel">{rooms}</strong>
      </p>
      <p className="muted">{t('invitations.summary.hotel.note')}</p>
    </section>
  )
}
