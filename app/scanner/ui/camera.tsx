import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

const CAMERA_KEY = 'signet.checkin.camera'
/** The same code seen again counts as a new scan only after it left the frame for this long. */
const SAME_CODE_GAP_MS = 1500

/**
 * The camera view: decodes QR codes from the back camera a few times a second and hands each
 * new code to the door. Remembers whether it was on. The decoder is loaded when the door opens,
 * so the first scan does not wait for it.
 */
export function CameraScan({ onCode }: { onCode: (code: string) => Promise<void> }) {
  const { t } = useTranslation()
  const video = useRef<HTMLVideoElement>(null)
  const [state, setState] = useState<'off' | 'starting' | 'on' | 'unavailable'>('off')
  const handler = useRef(onCode)
  handler.current = onCode

  useEffect(() => {
    // Warm up: fetch and compile the decoder while staff pick the session.
    void import('../camera').then((m) => m.qrDetector()).catch(() => {})
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
      const camera = await import('../camera')
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
