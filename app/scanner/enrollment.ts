/**
 * The one-time code of an enrollment QR (app/checkin/devices.server.ts), as a phone reads it back in: the
 * QR holds the link `…/scan/enroll#<code>`, which a camera or a hardware scanner reads whole,
 * and staff may paste the link or type the code alone. Pure, shared with the scanner page.
 */
const CODE = /^[A-Za-z0-9_-]{16,64}$/

/** The code in a scanned or pasted text, or null when the text holds none. */
export function enrollmentCodeOf(text: string): string | null {
  const trimmed = text.trim()
  const hash = trimmed.lastIndexOf('#')
  const code = hash >= 0 ? trimmed.slice(hash + 1) : trimmed
  return CODE.test(code) ? code : null
}
