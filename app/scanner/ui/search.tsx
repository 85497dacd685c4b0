import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatTime } from '../../i18n/format'
import { type StoredRoster, searchRoster } from '../offline'
import type { SearchAnswer, SearchHit } from '../wire'
import type { Api, UiLanguage } from './shared'

/** How long the search waits for the server before looking in the phone's own roster. */
const ANSWER_WITHIN_MS = 3000

export function Search({
  api,
  sessionId,
  roster,
  timezone,
  lng,
  onAdmit,
}: {
  api: Api
  sessionId: string
  /** the phone's copy of who may come in, searched when the server cannot be reached */
  roster: StoredRoster | null
  timezone: string
  lng: UiLanguage
  onAdmit: (registrationId: string) => Promise<boolean>
}) {
  const { t } = useTranslation()
  const [hits, setHits] = useState<SearchHit[] | null>(null)
  /** the hits came from the phone's roster, not the server */
  const [local, setLocal] = useState(false)
  async function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const q = String(new FormData(event.currentTarget).get('q') ?? '').trim()
    if (!q) return
    const response = await api(
      `/checkin/search?sessionId=${encodeURIComponent(sessionId)}&q=${encodeURIComponent(q)}`,
      {
        timeoutMs: ANSWER_WITHIN_MS,
      },
    ).catch(() => null)
    if (!response || response.status >= 500) {
      // No answer: the roster holds only who may come in here, folded as the server folds.
      setLocal(true)
      setHits(searchRoster(roster, q).map((entry) => ({ ...entry, allowed: true })))
      return
    }
    if (response.ok) {
      setLocal(false)
      setHits(((await response.json()) as SearchAnswer).results)
    }
  }
  return (
    <div className="stack">
      <search>
        <form onSubmit={search} className="people-search">
          <div className="field">
            <label htmlFor="q">{t('checkin.scanner.searchLabel')}</label>
            <input id="q" name="q" type="search" autoComplete="off" />
          </div>
          <p>
            <button type="submit" className="button">
              {t('checkin.scanner.searchSubmit')}
            </button>
          </p>
        </form>
      </search>
      {hits && local ? (
        <p className="notice" role="status" data-searched="offline">
          {t('checkin.scanner.searchedOffline')}
        </p>
      ) : null}
      {hits && hits.length === 0 ? <p className="muted">{t('checkin.scanner.noResults')}</p> : null}
      {hits && hits.length > 0 ? (
        <ul className="scan-hits">
          {hits.map((h) => (
            <li key={h.registrationId} className={h.allowed ? 'hit hit-allowed' : 'hit hit-refused'}>
              <strong>{h.attendee.name}</strong>{' '}
              {h.attendee.name !== h.attendee.latinName ? h.attendee.latinName : null}
              <br />
              <span className="muted">{h.attendee.organization}</span>
              <br />
              {h.allowed ? t('checkin.scanner.mayEnter') : t('checkin.scanner.mayNotEnter')}
              {h.checkedInAt
                ? ` · ${t('checkin.scanner.checkedInAt', { at: formatTime(h.checkedInAt, timezone, lng) })}`
                : null}
              {h.allowed && !h.checkedInAt && !local ? (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button button-small"
                    onClick={async () => {
                      if (!(await onAdmit(h.registrationId))) return
                      setHits(
                        (list) =>
                          list?.map((x) =>
                            x.registrationId === h.registrationId ? { ...x, checkedInAt: new Date().toISOString() } : x,
                          ) ?? null,
                      )
                    }}
                  >
                    {t('checkin.scanner.admit', { name: h.attendee.name })}
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
