/**
 * Invitation tokens and ticket codes (ADR 0008). Neither is ever stored: each is derived with
 * HMAC-SHA256 from the server secret and a random 128-bit nonce kept in the row, and only its
 * SHA-256 is stored for lookup. A database dump alone therefore yields no working link or
 * ticket, while the outbox worker and the portal can still rebuild them to send or show.
 * Revoking clears the nonce and the hash; reissuing draws a new nonce, so the old value dies.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { normalizeTicketCode, TICKET_ALPHABET, TICKET_LENGTH } from './ticket-code'

/** A new random nonce (128 bits, base64url). */
export function newNonce(): string {
  return randomBytes(16).toString('base64url')
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function derive(secret: string, purpose: string, nonce: string): Buffer {
  const key = createHmac('sha256', secret).update(`signet:${purpose}:v1`).digest()
  return createHmac('sha256', key).update(nonce).digest()
}

/** The token in an invitation link: 256 bits, base64url (43 characters). */
export function invitationToken(secret: string, nonce: string): string {
  return derive(secret, 'invitation-token', nonce).toString('base64url')
}

/** The token in an account's set-password link (ADR 0020): 256 bits, base64url (43 characters). */
export function accountToken(secret: string, nonce: string): string {
  return derive(secret, 'account-token', nonce).toString('base64url')
}

export { normalizeTicketCode, TICKET_ALPHABET, TICKET_LENGTH }

export function ticketCode(secret: string, nonce: string): string {
  let n = BigInt(`0x${derive(secret, 'ticket-code', nonce).toString('hex')}`)
  const base = BigInt(TICKET_ALPHABET.length)
  let code = ''
  for (let i = 0; i < TICKET_LENGTH; i++) {
    code += TICKET_ALPHABET[Number(n % base)]
    n /= base
  }
  return code
}

export function ticketHash(code: string): string {
  return sha256Hex(normalizeTicketCode(code))
}

export function tokenHash(token: string): string {
  return sha256Hex(token)
}

/**
 * What is stored of a form's submission key: its SHA-256 with the submission it belongs to
 * (`invitation:<id>` for a delegate's form, `public:<event>:<email>` for the open form). The key
 * only lets a double submit find its first answer; replayed elsewhere it hashes to nothing.
 */
export function submissionKeyHash(scope: string, key: string): string {
  return sha256Hex(`signet:submission:v1:${scope}:${key}`)
}
