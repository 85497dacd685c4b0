/**
 * The door scanner, phone first and one-handed: pick the session, then scan. A hardware scanner
 * (USB or Bluetooth, typing the code and Enter) or the keyboard feeds the code field, which keeps
 * the focus, and a scan's burst of keys is caught wherever else the focus went (door.tsx); the verdict covers the screen at once, green, amber or red, with a sound and a
 * vibration, and the next scan replaces it. Talks only to the device API (/api/v1).
 */

import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime, formatTime } from '../../i18n/format'
import { isLanguage } from '../../i18n/languages'
import { loadSessions, queuedScans, saveSessions, wipeOffline } from '../offline'
import { loadDevice, loadSessionChoice, type StoredDevice, saveSessionChoice, wipeDevice } from '../storage'
import type { ScannerSession, SessionsAnswer } from '../wire'
import { Door } from './door'
import { Reenroll } from './reenroll'
import type { UiLanguage } from './shared'
export interface ScannerProps {
  /** set when a signed-in staff member scans without a device */
  staff: { name: string; eventSlug: string } | null
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'no_device' }
  | { kind: 'revoked' }
  | { kind: 'failed' }
  | { kind: 'ready'; sessions: ScannerSession[] }

export function Scanner({ staff }: ScannerProps) {
  const { t, i18n } = useTranslation()
  const lng = isLanguage(i18n.language) ? i18n.language : 'en'
  const [device, setDevice] = useState<StoredDevice | null>(null)
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' })
  const [sessionId, setSessionId] = useState<string | null>(null)
  const [online, setOnline] = useState(true)
  const [waiting, setWaiting] = useState(0)

  const api = useCallback(
    async (path: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Response> => {
      const { timeoutMs, ...rest } = init
      const headers = new Headers(rest.headers)
      if (device) headers.set('Authorization', `Device ${device.token}`)
      if (rest.body) headers.set('Content-Type', 'application/json')
      let response: Response
      try {
        response = await fetch(`/api/v1${path}`, {
          ...rest,
          headers,
          credentials: 'same-origin',
          signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : rest.signal,
        })
      } catch (error) {
        setOnline(false)
        throw error
      }
      setOnline(response.status < 500)
      if (response.status === 401 && device) {
        // Revoked or replaced: this phone forgets everything it kept.
        wipeDevice()
        void wipeOffline()
        setDevice(null)
        setWaiting(0)
        setPhase({ kind: 'revoked' })
      }
      return response
    },
    [device],
  )

  useEffect(() => {
    void queuedScans().then((queue) => setWaiting(queue.length))
    if ('serviceWorker' in navigator) {
      // Lets the scanner reopen with no network (public/sw.js).
      void navigator.serviceWorker.register('/sw.js', { scope: '/scan' }).catch(() => {})
    }
  }, [])

  useEffect(() => {
    const update = () => setOnline(navigator.onLine)
    update()
    window.addEventListener('online', update)
    window.addEventListener('offline', update)
    return () => {
      window.removeEventListener('online', update)
      window.removeEventListener('offline', update)
    }
  }, [])

  useEffect(() => {
    if (staff) {
      setPhase({ kind: 'loading' })
      return
    }
    const stored = loadDevice()
    if (!stored) setPhase({ kind: 'no_device' })
    setDevice(stored)
  }, [staff])

  useEffect(() => {
    if (!staff && !device) return
    let cancelled = false
    const query = staff ? `?event=${encodeURIComponent(staff.eventSlug)}` : ''
    const show = (sessions: ScannerSession[]) => {
      setPhase({ kind: 'ready', sessions })
      const remembered = loadSessionChoice()
      if (remembered && sessions.some((s) => s.id === remembered)) setSessionId(remembered)
      else if (sessions.length === 1) setSessionId(sessions[0]?.id ?? null)
    }
    // Without a network, the sessions as last fetched.
    const fallback = async () => {
      const stored = await loadSessions().catch(() => null)
      if (cancelled) return
      if (stored) show(stored)
      else setPhase({ kind: 'failed' })
    }
    api(`/sessions${query}`, { timeoutMs: 3000 })
      .then(async (response) => {
        if (cancelled || response.status === 401) return
        if (!response.ok) return fallback()
        const answer = (await response.json()) as SessionsAnswer
        await saveSessions(answer.sessions).catch(() => {})
        show(answer.sessions)
      })
      .catch(() => fallback())
    return () => {
      cancelled = true
    }
  }, [api, device, staff])

  const choose = (id: string | null) => {
    saveSessionChoice(id)
    setSessionId(id)
  }

  const who = staff
    ? t('checkin.scanner.staff', { name: staff.name })
    : device
      ? t('checkin.scanner.device', { name: device.name })
      : null

  return (
    <article className="scan-page">
      <header className="scan-bar">
        <span
          className={online ? 'net net-online' : 'net net-offline'}
          role="status"
          data-online={online}
          data-waiting={waiting}
        >
          {online ? t('checkin.scanner.online') : t('checkin.scanner.offline')}
          {waiting > 0 ? ` · ${t('checkin.scanner.waiting', { count: waiting })}` : null}
        </span>
        {who ? <span className="muted">{who}</span> : null}
      </header>
      {phase.kind === 'loading' ? <p className="muted">{t('checkin.scanner.loading')}</p> : null}
      {phase.kind === 'no_device' || phase.kind === 'revoked' ? (
        <Reenroll
          revoked={phase.kind === 'revoked'}
          onEnrolled={(enrolled) => {
            setPhase({ kind: 'loading' })
            setSessionId(null)
            setDevice(enrolled)
          }}
        />
      ) : null}
      {phase.kind === 'failed' ? (
        <p className="error-summary" role="alert">
          {t('checkin.scanner.failed')}
        </p>
      ) : null}
      {phase.kind === 'ready' ? (
        sessionId && phase.sessions.some((s) => s.id === sessionId) ? (
          <Door
            key={sessionId}
            session={phase.sessions.find((s) => s.id === sessionId) as ScannerSession}
            api={api}
            lng={lng}
            online={online}
            onWaiting={setWaiting}
            onChangeSession={() => choose(null)}
          />
        ) : (
          <SessionPicker sessions={phase.sessions} lng={lng} onChoose={choose} />
        )
      ) : null}
      {device ? (
        <ForgetDevice
          waiting={waiting}
          onForget={async () => {
            // Tell the server first, so the devices page shows it; offline, the phone forgets anyway.
            await api('/device/leave', { method: 'POST', body: '{}', timeoutMs: 4000 }).catch(() => null)
            wipeDevice()
            void wipeOffline()
            setDevice(null)
            setWaiting(0)
            setPhase({ kind: 'no_device' })
          }}
        />
      ) : null}
    </article>
  )
}

function SessionPicker({
  sessions,
  lng,
  onChoose,
}: {
  sessions: ScannerSession[]
  lng: UiLanguage
  onChoose: (id: string) => void
}) {
  const { t } = useTranslation()
  if (sessions.length === 0) return <p className="warning">{t('checkin.scanner.noSessions')}</p>
  return (
    <section aria-labelledby="pick-title" className="stack">
      <h1 id="pick-title">{t('checkin.scanner.chooseSession')}</h1>
      <ul className="scan-sessions">
        {sessions.map((s) => (
          <li key={s.id}>
            <button type="button" className="scan-session" onClick={() => onChoose(s.id)}>
              <strong>{s.title[lng] || s.title.en || s.title.zh}</strong>
              <span className="muted">
                {formatDateTime(s.startsAt, s.timezone, lng)}–{formatTime(s.endsAt, s.timezone, lng)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** "Remove this device from this phone", asked once more: a tap by mistake must not take a door down. */
function ForgetDevice({ waiting, onForget }: { waiting: number; onForget: () => Promise<void> }) {
  const { t } = useTranslation()
  const [asking, setAsking] = useState(false)
  if (!asking) {
    return (
      <p className="scan-forget">
        <button type="button" className="link-button" onClick={() => setAsking(true)}>
          {t('checkin.scanner.forget')}
        </button>
      </p>
    )
  }
  return (
    <div className="scan-forget scan-forget-confirm" role="alertdialog" aria-labelledby="forget-question">
      <p id="forget-question">{t('checkin.scanner.forgetConfirm')}</p>
      {waiting > 0 ? <p className="verdict-local">{t('checkin.scanner.forgetWaiting', { count: waiting })}</p> : null}
      <p>
        <button type="button" className="button button-danger" onClick={() => void onForget()}>
          {t('checkin.scanner.forgetYes')}
        </button>{' '}
        <button type="button" className="button button-secondary" onClick={() => setAsking(false)}>
          {t('checkin.scanner.forgetNo')}
        </button>
      </p>
    </div>
  )
}
