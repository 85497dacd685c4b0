/**
 * The shape of a ticket code, shared by the server and the scanner in the browser (which hashes
 * codes itself to decide offline). Codes use no look-alike characters (no 0/O, 1/I/L) and fit
 * QR alphanumeric mode. How they are derived is in secrets.server.ts.
 */
export const TICKET_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
/** 31^26 > 2^128 */
export const TICKET_LENGTH = 26

/** How a scanned or typed ticket code is compared: upper case, without spaces or dashes. */
export function normalizeTicketCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '')
}

/** The normalized code when the text can be a ticket code at all, else null. */
export function asTicketCode(raw: string): string | null {
  const code = normalizeTicketCode(raw.trim())
  if (code.length !== TICKET_LENGTH) return null
  for (const ch of code) if (!TICKET_ALPHABET.includes(ch)) return null
  return code
}
