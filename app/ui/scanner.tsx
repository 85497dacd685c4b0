/**
 * The door scanner, phone first and one-handed: pick the session, then scan. A hardware scanner
 * (USB or Bluetooth, typing the code and Enter) or the keyboard feeds the code field, which keeps
 * the focus; the verdict covers the screen at once, green, amber or red, with a sound and a
 * vibration, and the next scan replaces it. Talks only to the device API (/api/v1).
 */
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Attendee, ScannerSession, Verdict } from '../checkin/checkin.server'
import {
  decideLocally,
  dropScans,
  enqueueScan,
  hashTicketCode,
  loadRoster,
  loadSessions,
  markAdmitted,
  queuedScans,
  type RosterEntry,
  type StoredRoster,
  saveRoster,
  saveSessions,
  wipeOffline,
} from '../checkin/offline'
import {
  loadDevice,
  loadSessionChoice,
  type StoredDevice,
  saveSessionChoice,
  wipeDevice,
} from '../checkin/scanner-storage'
import { formatDateTime, formatTime } from '../i18n/format'
import { isLanguage } from '../i18n/languages'

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

interface SearchHit {
  registrationId: string
  attendee: Attendee
  checkedInAt: string | null
  allowed: boolean
}

function newNonce(): string {
  return crypto.randomUUID()
}

/** A short beep: high for welcome, low twice for a refusal. No sound file to download. */
function signal(tone: 'ok' | 'warn' | 'error') {
  try {
    navigator.vibrate?.(tone === 'ok' ? 80 : [120, 80, 120])
    const audio = new AudioContext()
    const beep = (at: number, hz: number) => {
      const osc = audio.createOscillator()
      const gain = audio.createGain()
      osc.frequency.value = hz
      gain.gain.value = 0.15
      osc.connect(gain).connect(audio.destination)
      osc.start(audio.currentTime + at)
      osc.stop(audio.currentTime + at + 0.12)
    }
    if (tone === 'ok') beep(0, 880)
    else {
      beep(0, 330)
      beep(0.18, 330)
    }
    setTimeout(() => void audio.close(), 600)
  } catch {
    // No audio or vibration on this device: the colour says it all.
  }
}

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
        const answer = (await response.json()) as { sessions: ScannerSession[] }
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
      {phase.kind === 'no_device' ? <p className="warning">{t('checkin.scanner.noDevice')}</p> : null}
      {phase.kind === 'revoked' ? (
        <p className="error-summary" role="alert">
          {t('checkin.scanner.unauthorized')}
        </p>
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
        <p className="scan-forget">
          <button
            type="button"
            className="link-button"
            onClick={() => {
              wipeDevice()
              void wipeOffline()
              setDevice(null)
              setWaiting(0)
              setPhase({ kind: 'no_device' })
            }}
          >
            {t('checkin.scanner.forget')}
          </button>
        </p>
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
  lng: 'zh' | 'en' | 'ja'
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

type Shown = { kind: 'verdict'; verdict: Verdict; local: boolean } | { kind: 'error'; message: string } | null

type Api = (path: string, init?: RequestInit & { timeoutMs?: number }) => Promise<Response>

/** How long the door waits for the server before deciding from its own roster. */
const ANSWER_WITHIN_MS = 1500
const ROSTER_EVERY_MS = 30_000
const SYNC_EVERY_MS = 5_000

function Door({
  session,
  api,
  lng,
  online,
  onWaiting,
  onChangeSession,
}: {
  session: ScannerSession
  api: Api
  lng: 'zh' | 'en' | 'ja'
  online: boolean
  onWaiting: (count: number) => void
  onChangeSession: () => void
}) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  const [shown, setShown] = useState<Shown>(null)
  const [last, setLast] = useState<{ nonce: string; ok: boolean } | null>(null)
  const [undoNote, setUndoNote] = useState<string | null>(null)
  const [tab, setTab] = useState<'scan' | 'search' | 'roll'>('scan')
  const [roster, setRoster] = useState<StoredRoster | null>(null)
  const rosterRef = useRef<StoredRoster | null>(null)
  rosterRef.current = roster

  const count = roster
    ? {
        expected: Object.keys(roster.entries).length,
        checkedIn: Object.values(roster.entries).filter((e) => e.checkedInAt !== null).length,
      }
    : null

  // The roster: from this phone at once, then from the server in the background.
  const refreshRoster = useCallback(async () => {
    const stored = rosterRef.current ?? (await loadRoster(session.id).catch(() => null))
    if (stored && !rosterRef.current) setRoster(stored)
    const response = await api(`/checkin/roster?sessionId=${encodeURIComponent(session.id)}`, {
      timeoutMs: 10_000,
      headers: stored?.etag ? { 'If-None-Match': stored.etag } : {},
    }).catch(() => null)
    if (!response || response.status === 304 || !response.ok) return
    const answer = (await response.json()) as { entries: RosterEntry[] }
    const fresh: StoredRoster = {
      sessionId: session.id,
      etag: response.headers.get('ETag'),
      fetchedAt: new Date().toISOString(),
      entries: Object.fromEntries(answer.entries.map((e) => [e.ticketHash, e])),
    }
    // Admissions decided here and not uploaded yet stay admitted in the local copy.
    for (const scan of await queuedScans()) {
      if (scan.sessionId !== session.id) continue
      const hash = await hashTicketCode(scan.code)
      const entry = hash ? fresh.entries[hash] : undefined
      if (hash && entry && !entry.checkedInAt) fresh.entries[hash] = { ...entry, checkedInAt: scan.scannedAt }
    }
    await saveRoster(fresh).catch(() => {})
    setRoster(fresh)
  }, [api, session.id])

  useEffect(() => {
    void refreshRoster()
    const timer = setInterval(() => void refreshRoster(), ROSTER_EVERY_MS)
    return () => clearInterval(timer)
  }, [refreshRoster])

  // Uploads the admissions decided offline, oldest first, each with its own time.
  const syncing = useRef(false)
  const sync = useCallback(async () => {
    if (syncing.current) return
    syncing.current = true
    try {
      for (const scan of await queuedScans()) {
        const response = await api('/checkin/redeem', {
          method: 'POST',
          timeoutMs: 10_000,
          body: JSON.stringify({ ...scan, offline: true }),
        }).catch(() => null)
        if (!response || response.status >= 500 || response.status === 401) break
        // Recorded (200), or refused for good (400, 403, 404): either way it leaves the queue.
        onWaiting(await dropScans([scan.nonce]))
      }
    } finally {
      syncing.current = false
    }
  }, [api, onWaiting])

  useEffect(() => {
    void sync()
    const timer = setInterval(() => void sync(), SYNC_EVERY_MS)
    window.addEventListener('online', sync)
    return () => {
      clearInterval(timer)
      window.removeEventListener('online', sync)
    }
  }, [sync])

  useEffect(() => {
    if (online) void sync()
  }, [online, sync])

  useEffect(() => {
    if (tab === 'scan') input.current?.focus()
  }, [tab])

  const redeemCode = useCallback(
    async (code: string) => {
      const nonce = newNonce()
      setUndoNote(null)
      const response = await api('/checkin/redeem', {
        method: 'POST',
        timeoutMs: ANSWER_WITHIN_MS,
        body: JSON.stringify({ code, sessionId: session.id, nonce }),
      }).catch(() => null)
      const hash = await hashTicketCode(code)
      if (!response || response.status >= 500) {
        // No answer in time: the door decides from its roster and remembers the admission.
        const local = decideLocally(rosterRef.current, hash, nonce, new Date())
        setShown({ kind: 'verdict', verdict: local.verdict, local: true })
        setLast(null)
        signal(local.admitted ? 'ok' : local.verdict.reason === 'already_checked_in' ? 'warn' : 'error')
        if (local.admitted && hash) {
          onWaiting(await enqueueScan({ code, sessionId: session.id, nonce, scannedAt: local.verdict.scannedAt }))
          await markAdmitted(session.id, hash, local.verdict.scannedAt)
          setRoster(await loadRoster(session.id))
        }
        return
      }
      if (!response.ok) {
        signal('error')
        setShown({ kind: 'error', message: t('checkin.scanner.failed') })
        return
      }
      const verdict = (await response.json()) as Verdict
      setShown({ kind: 'verdict', verdict, local: false })
      setLast({ nonce, ok: verdict.status === 'ok' })
      signal(verdict.status === 'ok' ? 'ok' : verdict.reason === 'already_checked_in' ? 'warn' : 'error')
      if (verdict.status === 'ok' && hash) {
        await markAdmitted(session.id, hash, verdict.scannedAt)
        setRoster(await loadRoster(session.id))
      }
    },
    [api, session.id, t, onWaiting],
  )

  // Someone found by name: admitted as a scan of their ticket would be (needs the network).
  const admitFound = useCallback(
    async (registrationId: string) => {
      const nonce = newNonce()
      setUndoNote(null)
      const response = await api('/checkin/admit', {
        method: 'POST',
        timeoutMs: 10_000,
        body: JSON.stringify({ registrationId, sessionId: session.id, nonce }),
      }).catch(() => null)
      if (!response?.ok) {
        signal('error')
        setShown({ kind: 'error', message: t('checkin.scanner.failed') })
        return false
      }
      const verdict = (await response.json()) as Verdict
      setShown({ kind: 'verdict', verdict, local: false })
      setLast({ nonce, ok: verdict.status === 'ok' })
      signal(verdict.status === 'ok' ? 'ok' : verdict.reason === 'already_checked_in' ? 'warn' : 'error')
      if (verdict.status === 'ok') void refreshRoster()
      return verdict.status === 'ok'
    },
    [api, session.id, t, refreshRoster],
  )

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const field = input.current
    const code = field?.value.trim() ?? ''
    if (!field || code === '') return
    field.value = ''
    await redeemCode(code)
    field.focus()
  }

  async function undo() {
    if (!last?.ok) return
    const response = await api('/checkin/undo', { method: 'POST', body: JSON.stringify({ nonce: last.nonce }) })
    if (response.ok) {
      setUndoNote(t('checkin.scanner.undone'))
      setLast(null)
      setShown(null)
      void refreshRoster()
    } else {
      const answer = (await response.json().catch(() => ({}))) as { message?: string }
      setUndoNote(answer.message ?? t('checkin.scanner.failed'))
    }
    input.current?.focus()
  }

  return (
    <section className="door stack" aria-labelledby="door-title">
      <div className="door-head">
        <h1 id="door-title" className="door-title">
          {session.title[lng] || session.title.en}
        </h1>
        <button type="button" className="link-button" onClick={onChangeSession}>
          {t('checkin.scanner.changeSession')}
        </button>
      </div>
      {count ? (
        <p className="door-count" data-checked-in={count.checkedIn} data-expected={count.expected}>
          {t('checkin.scanner.count', count)}
        </p>
      ) : null}
      <div className="tabs" role="tablist">
        {(['scan', 'search', 'roll'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'tab tab-current' : 'tab'}
            onClick={() => setTab(name)}
          >
            {t(`checkin.scanner.tabs.${name}`)}
          </button>
        ))}
      </div>
      {tab === 'scan' ? <CameraScan onCode={redeemCode} /> : null}
      {tab === 'scan' ? (
        <form onSubmit={submit} className="stack" autoComplete="off">
          <div className="field">
            <label htmlFor="code">{t('checkin.scanner.codeLabel')}</label>
            <input
              ref={input}
              id="code"
              name="code"
              inputMode="text"
              autoCapitalize="characters"
              autoCorrect="off"
              spellCheck={false}
              enterKeyHint="go"
              aria-describedby="code-hint"
            />
            <span id="code-hint" className="muted">
              {t('checkin.scanner.codeHint')}
            </span>
          </div>
          <p>
            <button type="submit" className="button">
              {t('checkin.scanner.submit')}
            </button>{' '}
            {last?.ok ? (
              <button type="button" className="button button-secondary" onClick={undo}>
                {t('checkin.scanner.undo')}
              </button>
            ) : null}
          </p>
          {undoNote ? (
            <p className="notice" role="status">
              {undoNote}
            </p>
          ) : null}
        </form>
      ) : tab === 'search' ? (
        <Search api={api} sessionId={session.id} timezone={session.timezone} lng={lng} onAdmit={admitFound} />
      ) : (
        <RollCall roster={roster} timezone={session.timezone} lng={lng} />
      )}
      {shown ? (
        <VerdictScreen
          shown={shown}
          timezone={session.timezone}
          lng={lng}
          onClose={() => {
            setShown(null)
            input.current?.focus()
          }}
        />
      ) : null}
    </section>
  )
}

function VerdictScreen({
  shown,
  timezone,
  lng,
  onClose,
}: {
  shown: NonNullable<Shown>
  timezone: string
  lng: 'zh' | 'en' | 'ja'
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
                <li key={n.kind}>
                  {t(`checkin.scanner.notes.${n.kind}`, {
                    value: n.kind === 'diet' ? t(`registration.diets.${n.value}`) : n.value,
                  })}
                </li>
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
      {shown.local ? <p className="verdict-local">{t('checkin.scanner.decidedOffline')}</p> : null}
      <button type="button" className="button verdict-next" onClick={onClose}>
        {t('checkin.scanner.next')}
      </button>
    </div>
  )
}

function Search({
  api,
  sessionId,
  timezone,
  lng,
  onAdmit,
}: {
  api: (path: string, init?: RequestInit) => Promise<Response>
  sessionId: string
  timezone: string
  lng: 'zh' | 'en' | 'ja'
  onAdmit: (registrationId: string) => Promise<boolean>
}) {
  const { t } = useTranslation()
  const [hits, setHits] = useState<SearchHit[] | null>(null)
  async function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const q = String(new FormData(event.currentTarget).get('q') ?? '').trim()
    if (!q) return
    const response = await api(`/checkin/search?sessionId=${encodeURIComponent(sessionId)}&q=${encodeURIComponent(q)}`)
    if (response.ok) setHits(((await response.json()) as { results: SearchHit[] }).results)
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
              {h.allowed && !h.checkedInAt ? (
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

const CAMERA_KEY = 'signet.checkin.camera'
/** The same code seen again counts as a new scan only after it left the frame for this long. */
const SAME_CODE_GAP_MS = 1500

/**
 * The camera view: decodes QR codes from the back camera a few times a second and hands each
 * new code to the door. Remembers whether it was on. The decoder is loaded when the door opens,
 * so the first scan does not wait for it.
 */
function CameraScan({ onCode }: { onCode: (code: string) => Promise<void> }) {
  const { t } = useTranslation()
  const video = useRef<HTMLVideoElement>(null)
  const [state, setState] = useState<'off' | 'starting' | 'on' | 'unavailable'>('off')
  const handler = useRef(onCode)
  handler.current = onCode

  useEffect(() => {
    // Warm up: fetch and compile the decoder while staff pick the session.
    void import('../checkin/camera').then((m) => m.qrDetector()).catch(() => {})
    if (localStorage.getItem(CAMERA_KEY) === 'on') setState('starting')
  }, [])

  // The camera runs while wanted; going from 'starting' to 'on' must not restart it.
  const wanted = state === 'starting' || state === 'on'
  useEffect(() => {
    if (!wanted) return
    let stream: MediaStream | null = null
    let timer: ReturnType<typeof setTimeout> | null = null
    let stopped = false
    let last = { code: '', seenAt: 0 }
    let busy = false
    ;(async () => {
      const camera = await import('../checkin/camera')
      stream = await camera.openCamera()
      if (stopped) return
      const element = video.current
      if (!stream || !element) {
        setState('unavailable')
        return
      }
      element.srcObject = stream
      await element.play().catch(() => {})
      const detector = await camera.qrDetector()
      setState('on')
      const tick = async () => {
        if (stopped) return
        if (!busy && element.readyState >= 2) {
          const decodeStart = performance.now()
          const codes = await detector.detect(element).catch(() => [] as string[])
          const code = codes[0]
          const now = performance.now()
          if (code) {
            const fresh = code !== last.code || now - last.seenAt > SAME_CODE_GAP_MS
            last = { code, seenAt: now }
            if (fresh) {
              busy = true
              // Scan-to-verdict, for npm run bench: from decoding the frame to the verdict painted.
              performance.mark('signet:scan-start', { startTime: decodeStart })
              await handler.current(code).finally(() => {
                busy = false
              })
              requestAnimationFrame(() => performance.measure('signet:scan-to-verdict', 'signet:scan-start'))
            }
          }
        }
        timer = setTimeout(tick, 60)
      }
      void tick()
    })()
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
      for (const track of stream?.getTracks() ?? []) track.stop()
    }
  }, [wanted])

  const toggle = () => {
    const on = state === 'off' || state === 'unavailable'
    localStorage.setItem(CAMERA_KEY, on ? 'on' : 'off')
    setState(on ? 'starting' : 'off')
  }

  return (
    <div className="camera stack">
      {state === 'starting' || state === 'on' ? (
        <video ref={video} className="camera-view" muted playsInline aria-label={t('checkin.scanner.camera.label')} />
      ) : null}
      {state === 'starting' ? <p className="muted">{t('checkin.scanner.camera.starting')}</p> : null}
      {state === 'unavailable' ? <p className="warning">{t('checkin.scanner.camera.unavailable')}</p> : null}
      <p>
        <button type="button" className="button button-secondary" onClick={toggle} data-camera={state}>
          {state === 'off' || state === 'unavailable'
            ? t('checkin.scanner.camera.start')
            : t('checkin.scanner.camera.stop')}
        </button>
      </p>
    </div>
  )
}

/**
 * The roll call on a bus (or at any door): who has boarded and who is still missing, from the
 * roster on this phone, so it works with no network. Missing people first.
 */
function RollCall({
  roster,
  timezone,
  lng,
}: {
  roster: StoredRoster | null
  timezone: string
  lng: 'zh' | 'en' | 'ja'
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
