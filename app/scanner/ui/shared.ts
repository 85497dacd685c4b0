/** What the scanner's parts share: the API call, the verdict on screen, nonces, the signal. */
import type { Verdict } from '../wire'

/** A call to the device API (/api/v1), with an optional time limit. */
export type Api = (path: string, init?: RequestInit & { timeoutMs?: number }) => Promise<Response>

/** What covers the screen after a scan. */
export type Shown = { kind: 'verdict'; verdict: Verdict; local: boolean } | { kind: 'error'; message: string } | null

export type UiLanguage = 'zh' | 'en' | 'ja'

export function newNonce(): string {
  return crypto.randomUUID()
}

/** A short beep: high for welcome, low twice for a refusal. No sound file to download. */
export function signal(tone: 'ok' | 'warn' | 'error') {
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
