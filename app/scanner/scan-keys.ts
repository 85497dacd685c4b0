/**
 * Telling a hardware scanner from a person at the keyboard (issue 16), pure: a USB or Bluetooth
 * scanner is a keyboard that types the whole code in a burst, a few milliseconds a key, and ends
 * with Enter; a person types tens of times slower. The scanner page listens to every keystroke
 * on the document and feeds it here with the event's own time stamp, so a scan is caught
 * wherever the focus is (the page title a thumb brushed, a button, the search box), and a person
 * typing into a field keeps the field.
 */

/** The longest pause between two keys of one scan (scanners: 1–30 ms; people: 80 ms and more). */
export const SCAN_KEY_GAP_MS = 50
/** The shortest burst taken as a scan: shorter ones are a person's quick keys, not a code. */
export const SCAN_MIN_LENGTH = 4

export interface KeyStroke {
  /** KeyboardEvent.key */
  key: string
  /** when it happened, in milliseconds (KeyboardEvent.timeStamp) */
  at: number
}

export interface ScanKeys {
  /** the characters of the burst so far */
  text: string
  /** when its last key came, or null before the first */
  lastAt: number | null
}

export const NO_KEYS: ScanKeys = { text: '', lastAt: null }

/** Keys a scanner sends around the characters (Shift for capitals) that neither add nor break. */
const PASSIVE = new Set(['Shift', 'CapsLock'])

/**
 * The next state after one keystroke, and the code when this keystroke (an Enter) ends a burst
 * that is a scan. A pause longer than SCAN_KEY_GAP_MS starts a new burst; any other key (Tab,
 * Backspace, arrows, a shortcut) ends it.
 */
export function feedKey(state: ScanKeys, stroke: KeyStroke): { state: ScanKeys; scan: string | null } {
  if (PASSIVE.has(stroke.key)) return { state, scan: null }
  const inTime = state.lastAt !== null && stroke.at - state.lastAt <= SCAN_KEY_GAP_MS
  if (stroke.key === 'Enter') {
    const scan = inTime && state.text.length >= SCAN_MIN_LENGTH ? state.text : null
    return { state: NO_KEYS, scan }
  }
  if (stroke.key.length !== 1) return { state: NO_KEYS, scan: null }
  return { state: { text: (inTime ? state.text : '') + stroke.key, lastAt: stroke.at }, scan: null }
}

/** Whether a whole sequence of keystrokes, the last one an Enter, is a scan (for tests and tools). */
export function scanOf(strokes: readonly KeyStroke[]): string | null {
  let state = NO_KEYS
  let scan: string | null = null
  for (const stroke of strokes) ({ state, scan } = feedKey(state, stroke))
  return scan
}
