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
  loadDevice,
  loadSessionChoice,
  type StoredDevice,
  saveSessionChoice,
  wipeDevice,
} from '../checkin/scanner-storage'
import { formatDateTime, formatTime } from '../i18n/format'
import { isLanguage } from '../i18n/i18n'

export interface ScannerProps {
  /** set when a signed-in staff member scans without a device */
  staff: { name: string; eventSlug: string } | null
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'no_device' }
  | { kind: 'revoked' }
  | { kind: 'failed' }
  | { kind: 'ready'; sessions: ScannerSession[]; deviceName: string | null }

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

  const api = useCallback(
    async (path: string, init: RequestInit = {}): Promise<Response> => {
      const headers = new Headers(init.headers)
      if (device) headers.set('Authorization', `Device ${device.token}`)
      if (init.body) headers.set('Content-Type', 'application/json')
      const response = await fetch(`/api/v1${path}`, { ...init, headers, credentials: 'same-origin' })
      if (response.status === 401 && device) {
        // Revoked or replaced: this phone forgets everything it kept.
        wipeDevice()
        setDevice(null)
        setPhase({ kind: 'revoked' })
      }
      return response
    },
    [device],
  )

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
    api(`/sessions${query}`)
      .then(async (response) => {
        if (cancelled || response.status === 401) return
        if (!response.ok) {
          setPhase({ kind: 'failed' })
          return
        }
        const answer = (await response.json()) as { device: { name: string } | null; sessions: ScannerSession[] }
        setPhase({ kind: 'ready', sessions: answer.sessions, deviceName: answer.device?.name ?? null })
        const remembered = loadSessionChoice()
        if (remembered && answer.sessions.some((s) => s.id === remembered)) setSessionId(remembered)
        else if (answer.sessions.length === 1) setSessionId(answer.sessions[0]?.id ?? null)
      })
      .catch(() => !cancelled && setPhase({ kind: 'failed' }))
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
        <span className={online ? 'net net-online' : 'net net-offline'} role="status" data-online={online}>
          {online ? t('checkin.scanner.online') : t('checkin.scanner.offline')}
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
              setDevice(null)
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

type Shown = { kind: 'verdict'; verdict: Verdict } | { kind: 'error'; message: string } | null

function Door({
  session,
  api,
  lng,
  onChangeSession,
}: {
  session: ScannerSession
  api: (path: string, init?: RequestInit) => Promise<Response>
  lng: 'zh' | 'en' | 'ja'
  onChangeSession: () => void
}) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  const [shown, setShown] = useState<Shown>(null)
  const [last, setLast] = useState<{ nonce: string; ok: boolean } | null>(null)
  const [undoNote, setUndoNote] = useState<string | null>(null)
  const [tab, setTab] = useState<'scan' | 'search'>('scan')
  const [count, setCount] = useState<{ checkedIn: number; expected: number } | null>(null)

  const refreshCount = useCallback(async () => {
    const response = await api(`/checkin/roster?sessionId=${encodeURIComponent(session.id)}`).catch(() => null)
    if (!response?.ok) return
    const roster = (await response.json()) as { entries: { checkedInAt: string | null }[] }
    setCount({
      expected: roster.entries.length,
      checkedIn: roster.entries.filter((e) => e.checkedInAt !== null).length,
    })
  }, [api, session.id])

  useEffect(() => {
    void refreshCount()
    const timer = setInterval(() => void refreshCount(), 20_000)
    return () => clearInterval(timer)
  }, [refreshCount])

  useEffect(() => {
    if (tab === 'scan') input.current?.focus()
  }, [tab])

  const redeemCode = useCallback(
    async (code: string) => {
      const nonce = newNonce()
      setUndoNote(null)
      const response = await api('/checkin/redeem', {
        method: 'POST',
        body: JSON.stringify({ code, sessionId: session.id, nonce }),
      }).catch(() => null)
      if (!response?.ok) {
        signal('error')
        setShown({ kind: 'error', message: t('checkin.scanner.failed') })
        return
      }
      const verdict = (await response.json()) as Verdict
      setShown({ kind: 'verdict', verdict })
      setLast({ nonce, ok: verdict.status === 'ok' })
      signal(verdict.status === 'ok' ? 'ok' : verdict.reason === 'already_checked_in' ? 'warn' : 'error')
      if (verdict.status === 'ok') setCount((c) => (c ? { ...c, checkedIn: c.checkedIn + 1 } : c))
    },
    [api, session.id, t],
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
      setCount((c) => (c ? { ...c, checkedIn: Math.max(0, c.checkedIn - 1) } : c))
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
        {(['scan', 'search'] as const).map((name) => (
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
      ) : (
        <Search api={api} sessionId={session.id} timezone={session.timezone} lng={lng} />
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
}: {
  api: (path: string, init?: RequestInit) => Promise<Response>
  sessionId: string
  timezone: string
  lng: 'zh' | 'en' | 'ja'
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
          const codes = await detector.detect(element).catch(() => [] as string[])
          const code = codes[0]
          const now = performance.now()
          if (code) {
            const fresh = code !== last.code || now - last.seenAt > SAME_CODE_GAP_MS
            last = { code, seenAt: now }
            if (fresh) {
              busy = true
              await handler.current(code).finally(() => {
                busy = false
              })
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
