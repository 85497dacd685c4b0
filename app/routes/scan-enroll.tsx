import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { saveDevice, wipeDevice } from '../scanner/storage'
import type { EnrollAnswer } from '../scanner/wire'
import type { Route } from './+types/scan-enroll'

export const meta: Route.MetaFunction = () => [{ title: 'Signet' }, { name: 'robots', content: 'noindex' }]

export function headers() {
  return { 'Cache-Control': 'no-store' }
}

/**
 * A staff phone lands here from the enrollment QR. The one-time code is in the URL's fragment,
 * which never reaches the server in a request line or a log; the page posts it (a link that acts
 * opens a page that posts) and keeps the device token it gets back in this browser only.
 */
export default function ScanEnroll() {
  const { t } = useTranslation()
  const [code, setCode] = useState<string | null>(null)
  const [state, setState] = useState<'ready' | 'busy' | 'invalid'>('ready')

  useEffect(() => {
    const fragment = window.location.hash.replace(/^#/, '')
    setCode(fragment || '')
    // The code is used once: keep it out of the history and of anything the page shares.
    if (fragment) history.replaceState(null, '', window.location.pathname)
  }, [])

  async function enroll() {
    if (!code) return
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
    wipeDevice()
    saveDevice({ token: answer.token, id: answer.device.id, name: answer.device.name })
    // A full page load: the scanner is a bundle of its own, not a page of the app.
    window.location.replace('/scan')
  }

  return (
    <article className="scan-page stack">
      <h1>{t('checkin.enroll.title')}</h1>
      {code === null ? <p className="muted">{t('checkin.scanner.loading')}</p> : null}
      {code === '' ? <p className="warning">{t('checkin.enroll.missing')}</p> : null}
      {code ? (
        <>
          <p>{t('checkin.enroll.body')}</p>
          {state === 'invalid' ? (
            <p className="error-summary" role="alert">
              {t('checkin.enroll.invalid')}
            </p>
          ) : null}
          <p>
            <button type="button" className="button" onClick={enroll} disabled={state === 'busy'}>
              {t('checkin.enroll.submit')}
            </button>
          </p>
        </>
      ) : null}
    </article>
  )
}
