import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  decideLocally,
  dropScans,
  enqueueScan,
  hashTicketCode,
  loadRoster,
  markAdmitted,
  markUndone,
  queuedScans,
  rosterCount,
  type StoredRoster,
  saveRoster,
  takeBack,
} from '../offline'
import { feedKey, NO_KEYS } from '../scan-keys'
import type { RosterAnswer, ScannerSession, Verdict } from '../wire'
import { CameraScan } from './camera'
import { RollCall } from './roll-call'
import { Search } from './search'
import { type Api, newNonce, type Shown, signal, type UiLanguage } from './shared'
import { isAmber, VerdictScreen } from './verdict'

/** How long the door waits for the server before deciding from its own roster. */
const ANSWER_WITHIN_MS = 1500
const ROSTER_EVERY_MS = 30_000
const SYNC_EVERY_MS = 5_000

export function Door({
  session,
  api,
  lng,
  online,
  onWaiting,
  onChangeSession,
}: {
  session: ScannerSession
  api: Api
  lng: UiLanguage
  online: boolean
  onWaiting: (count: number) => void
  onChangeSession: () => void
}) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  const [shown, setShown] = useState<Shown>(null)
  /** the last scan here, which the undo button takes back; `local`: decided on this phone */
  const [last, setLast] = useState<{ nonce: string; ok: boolean; hash: string | null; local: boolean } | null>(null)
  const [undoNote, setUndoNote] = useState<string | null>(null)
  /** what the verdict on screen was about, for "check in anyway" outside the session's time */
  const [again, setAgain] = useState<{ code: string } | { registrationId: string } | null>(null)
  const [tab, setTab] = useState<'scan' | 'search' | 'roll'>('scan')
  const [roster, setRoster] = useState<StoredRoster | null>(null)
  const rosterRef = useRef<StoredRoster | null>(null)
  rosterRef.current = roster
  /** Shows a roster, and lets the next refresh read its ETag before React renders it. */
  const keepRoster = useCallback((next: StoredRoster | null) => {
    rosterRef.current = next
    setRoster(next)
  }, [])

  const count = roster ? rosterCount(roster) : null

  // One at a time: an upload of a queued scan, or an undo deciding whether that scan was sent yet.
  const turn = useRef<Promise<unknown>>(Promise.resolve())
  const inTurn = useCallback(<T,>(work: () => Promise<T>): Promise<T> => {
    const run = turn.current.then(work)
    turn.current = run.catch(() => undefined)
    return run
  }, [])

  // The roster: from this phone at once, then from the server in the background.
  const refreshRoster = useCallback(async () => {
    const stored = rosterRef.current ?? (await loadRoster(session.id).catch(() => null))
    if (stored && !rosterRef.current) keepRoster(stored)
    const response = await api(`/checkin/roster?sessionId=${encodeURIComponent(session.id)}`, {
      timeoutMs: 10_000,
      headers: stored?.etag ? { 'If-None-Match': stored.etag } : {},
    }).catch(() => null)
    if (!response || response.status === 304 || !response.ok) return
    const answer = (await response.json()) as RosterAnswer
    const fresh: StoredRoster = {
      sessionId: session.id,
      etag: response.headers.get('ETag'),
      fetchedAt: new Date().toISOString(),
      session: answer.session,
      window: answer.window,
      entries: Object.fromEntries(answer.entries.map((e) => [e.ticketHash, e])),
      refused: Object.fromEntries(answer.refused.map((e) => [e.ticketHash, e])),
      revoked: answer.revoked,
    }
    // Admissions decided here and not uploaded yet stay admitted in the local copy.
    for (const scan of await queuedScans()) {
      if (scan.sessionId !== session.id) continue
      const hash = await hashTicketCode(scan.code)
      const entry = hash ? fresh.entries[hash] : undefined
      if (hash && entry && !entry.checkedInAt) fresh.entries[hash] = { ...entry, checkedInAt: scan.scannedAt }
    }
    await saveRoster(fresh).catch(() => {})
    keepRoster(fresh)
  }, [api, session.id, keepRoster])

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
        const sent = await inTurn(async () => {
          // Undone at the door in the meantime: nothing to send.
          if (!(await queuedScans()).some((s) => s.nonce === scan.nonce)) return true
          const response = await api('/checkin/redeem', {
            method: 'POST',
            timeoutMs: 10_000,
            body: JSON.stringify({ ...scan, offline: true }),
          }).catch(() => null)
          if (!response || response.status >= 500 || response.status === 401) return false
          // Recorded (200), or refused for good (400, 403, 404): either way it leaves the queue.
          onWaiting(await dropScans([scan.nonce]))
          return true
        })
        if (!sent) break
      }
    } finally {
      syncing.current = false
    }
  }, [api, onWaiting, inTurn])

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
    async (code: string, override = false) => {
      const nonce = newNonce()
      setUndoNote(null)
      setAgain({ code })
      const response = await api('/checkin/redeem', {
        method: 'POST',
        timeoutMs: ANSWER_WITHIN_MS,
        body: JSON.stringify({ code, sessionId: session.id, nonce, ...(override ? { override } : {}) }),
      }).catch(() => null)
      const hash = await hashTicketCode(code)
      if (!response || response.status >= 500) {
        // No answer in time: the door decides from its roster and remembers the admission.
        const local = decideLocally(rosterRef.current, hash, nonce, new Date(), override)
        setShown({ kind: 'verdict', verdict: local.verdict, local: true })
        setLast(local.admitted ? { nonce, ok: true, hash, local: true } : null)
        signal(local.admitted ? 'ok' : isAmber(local.verdict.reason) ? 'warn' : 'error')
        if (local.admitted && hash) {
          const scannedAt = local.verdict.scannedAt
          const marked = local.verdict.override ? { override: true } : {}
          onWaiting(await enqueueScan({ code, sessionId: session.id, nonce, scannedAt, ...marked }))
          await markAdmitted(session.id, hash, local.verdict.scannedAt)
          keepRoster(await loadRoster(session.id))
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
      setLast({ nonce, ok: verdict.status === 'ok', hash, local: false })
      signal(verdict.status === 'ok' ? 'ok' : isAmber(verdict.reason) ? 'warn' : 'error')
      if (verdict.status === 'ok' && hash) {
        await markAdmitted(session.id, hash, verdict.scannedAt)
        keepRoster(await loadRoster(session.id))
      }
    },
    [api, session.id, t, onWaiting, keepRoster],
  )

  // A hardware scanner's code is taken wherever the focus is (issue 16): a tap on the title, a
  // button or the search box must not lose a scan. The code field reads its own keys; elsewhere
  // every keystroke is fed to the pure feedKey with the event's own time stamp.
  const redeemLatest = useRef(redeemCode)
  redeemLatest.current = redeemCode
  useEffect(() => {
    let keys = NO_KEYS
    const onKey = (event: KeyboardEvent) => {
      if (event.target === input.current || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) {
        keys = NO_KEYS
        return
      }
      const fed = feedKey(keys, { key: event.key, at: event.timeStamp })
      keys = fed.state
      const scan = fed.scan
      if (scan === null) return
      // Its Enter must not press the focused button or submit the search.
      event.preventDefault()
      event.stopPropagation()
      const target = event.target
      if (
        (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) &&
        target.value.endsWith(scan)
      ) {
        // Typed into a field a person uses: the code comes back out of it.
        target.value = target.value.slice(0, -scan.length)
      }
      void redeemLatest.current(scan)
    }
    document.addEventListener('keydown', onKey, true)
    return () => document.removeEventListener('keydown', onKey, true)
  }, [])

  // Someone found by name: admitted as a scan of their ticket would be (needs the network).
  const admitFound = useCallback(
    async (registrationId: string, override = false) => {
      const nonce = newNonce()
      setUndoNote(null)
      setAgain({ registrationId })
      const response = await api('/checkin/admit', {
        method: 'POST',
        timeoutMs: 10_000,
        body: JSON.stringify({ registrationId, sessionId: session.id, nonce, ...(override ? { override } : {}) }),
      }).catch(() => null)
      if (!response?.ok) {
        signal('error')
        setShown({ kind: 'error', message: t('checkin.scanner.failed') })
        return false
      }
      const verdict = (await response.json()) as Verdict
      setShown({ kind: 'verdict', verdict, local: false })
      setLast({ nonce, ok: verdict.status === 'ok', hash: null, local: false })
      signal(verdict.status === 'ok' ? 'ok' : isAmber(verdict.reason) ? 'warn' : 'error')
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
    const taken = last
    const undone = async () => {
      // The door's count follows at once, whether or not the roster can be fetched now.
      if (taken.hash) await markUndone(session.id, taken.hash)
      keepRoster(await loadRoster(session.id))
      setUndoNote(t('checkin.scanner.undone'))
      setLast(null)
      setShown(null)
    }
    // Decided on this phone and not sent yet: it leaves the queue and is never sent.
    const local = taken.local
      ? await inTurn(async () => {
          const back = await takeBack(taken.nonce)
          if (back.taken) onWaiting(back.left)
          return back.taken
        })
      : false
    if (local) {
      await undone()
      input.current?.focus()
      return
    }
    const response = await api('/checkin/undo', { method: 'POST', body: JSON.stringify({ nonce: taken.nonce }) }).catch(
      () => null,
    )
    if (response?.ok) {
      await undone()
      void refreshRoster()
    } else {
      const answer = (await response?.json().catch(() => ({}))) as { message?: string } | undefined
      setUndoNote(answer?.message ?? t('checkin.scanner.failed'))
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
        <Search
          api={api}
          sessionId={session.id}
          roster={roster}
          timezone={session.timezone}
          lng={lng}
          onAdmit={admitFound}
        />
      ) : (
        <RollCall roster={roster} timezone={session.timezone} lng={lng} />
      )}
      {shown ? (
        <VerdictScreen
          shown={shown}
          session={session}
          opensMinutes={roster?.window.opensMinutes ?? null}
          lng={lng}
          onOverride={() => {
            // Staff decided: the same person, checked in anyway and recorded as an override.
            if (again && 'code' in again) void redeemCode(again.code, true)
            else if (again) void admitFound(again.registrationId, true)
          }}
          onClose={() => {
            setShown(null)
            input.current?.focus()
          }}
        />
      ) : null}
    </section>
  )
}
