import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { enrollmentCodeOf } from '../enrollment'
import { wipeOffline } from '../offline'
import { type StoredDevice, saveDevice, wipeDevice } from '../storage'
import type { EnrollAnswer } from '../wire'
import { CameraScan } from './camera'

/**
 * A phone that lost its enrollment (its device revoked or replaced, or the browser's storage
 * cleared) says what to do without leaving the door (issue 16): ask an organizer for a new
 * enrollment QR, and scan it right here, with the camera or a hardware scanner, or paste its link.
 */
export function Reenroll({ revoked, onEnrolled }: { revoked: boolean; onEnrolled: (device: StoredDevice) => void }) {
  const { t } = useTranslation()
  const [state, setState] = useState<'ready' | 'busy' | 'invalid'>('ready')

  async function enroll(text: string) {
    const code = enrollmentCodeOf(text)
    if (!code) {
      setState('invalid')
      return
    }
    setState('busy')
    const response = await fetch('/api/v1/device/enroll', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
    }).catch(() => null)
    if (!response?.ok) {
      setState('invalid')
      return
    }
    const answer = (await response.json()) as EnrollAnswer
    // A new device: nothing of the old one stays (its queue was already wiped, or never was).
    wipeDevice()
    await wipeOffline().catch(() => {})
    const device = { token: answer.token, id: answer.device.id, name: answer.device.name }
    saveDevice(device)
    onEnrolled(device)
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    await enroll(String(new FormData(event.currentTarget).get('enrollment') ?? ''))
  }

  return (
    <section className="reenroll stack" aria-labelledby="reenroll-title" data-lost={revoked ? 'revoked' : 'none'}>
      <h1 id="reenroll-title">{t(revoked ? 'checkin.scanner.lost.revokedTitle' : 'checkin.scanner.lost.title')}</h1>
      {revoked ? (
        // Said out loud at once: the phone stopped in the middle of a scan.
        <p className="error-summary" role="alert">
          {t('checkin.scanner.lost.revokedBody')}
        </p>
      ) : (
        <p>{t('checkin.scanner.lost.body')}</p>
      )}
      <ol className="reenroll-steps">
        <li>{t('checkin.scanner.lost.ask')}</li>
        <li>{t('checkin.scanner.lost.scanHere')}</li>
        <li>{t('checkin.scanner.lost.afterwards')}</li>
      </ol>
      {state === 'invalid' ? (
        <p className="error-summary" role="alert">
          {t('checkin.enroll.invalid')}
        </p>
      ) : null}
      <CameraScan onCode={enroll} />
      <form onSubmit={submit} className="stack" autoComplete="off">
        <div className="field">
          <label htmlFor="enrollment">{t('checkin.scanner.lost.codeLabel')}</label>
          <input id="enrollment" name="enrollment" autoCapitalize="off" autoCorrect="off" spellCheck={false} />
        </div>
        <p>
          <button type="submit" className="button" disabled={state === 'busy'}>
            {t('checkin.enroll.submit')}
          </button>
        </p>
      </form>
      <p className="muted">{t('checkin.scanner.lost.staff')}</p>
    </section>
  )
}
