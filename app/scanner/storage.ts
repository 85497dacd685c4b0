/**
 * What a scanner phone keeps in the browser: its device credential (from enrollment) and the
 * session it was last serving. Revocation wipes both (the API answers 401).
 */
export interface StoredDevice {
  token: string
  id: string
  name: string
}

const DEVICE_KEY = 'signet.checkin.device'
const SESSION_KEY = 'signet.checkin.session'

export function loadDevice(): StoredDevice | null {
  try {
    const raw = localStorage.getItem(DEVICE_KEY)
    if (!raw) return null
    const parsed = JSON.parse(raw) as Partial<StoredDevice>
    return typeof parsed.token === 'string' && typeof parsed.id === 'string' && typeof parsed.name === 'string'
      ? { token: parsed.token, id: parsed.id, name: parsed.name }
      : null
  } catch {
    return null
  }
}

export function saveDevice(device: StoredDevice): void {
  localStorage.setItem(DEVICE_KEY, JSON.stringify(device))
}

/** Forgets the device and everything it kept: after a revocation, or when staff hand the phone back. */
export function wipeDevice(): void {
  localStorage.removeItem(DEVICE_KEY)
  localStorage.removeItem(SESSION_KEY)
}

export function loadSessionChoice(): string | null {
  try {
    return localStorage.getItem(SESSION_KEY)
  } catch {
    return null
  }
}

export function saveSessionChoice(sessionId: string | null): void {
  if (sessionId) localStorage.setItem(SESSION_KEY, sessionId)
  else localStorage.removeItem(SESSION_KEY)
}
