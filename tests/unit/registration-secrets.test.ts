import { describe, expect, it } from 'vitest'
import {
  invitationToken,
  newNonce,
  normalizeTicketCode,
  TICKET_ALPHABET,
  TICKET_LENGTH,
  ticketCode,
  ticketHash,
} from '../../app/registration/secrets.server'

const SECRET = 'x'.repeat(40)

describe('derived tokens and ticket codes', () => {
  it('gives a 256-bit base64url token, the same for the same nonce and different for another secret', () => {
    const nonce = newNonce()
    const token = invitationToken(SECRET, nonce)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(invitationToken(SECRET, nonce)).toBe(token)
    expect(invitationToken(`${SECRET}y`, nonce)).not.toBe(token)
    expect(invitationToken(SECRET, newNonce())).not.toBe(token)
  })
  it('writes ticket codes of 26 characters without look-alikes, carrying more than 128 bits', () => {
    expect(TICKET_LENGTH * Math.log2(TICKET_ALPHABET.length)).toBeGreaterThan(128)
    for (const c of '01ILO') expect(TICKET_ALPHABET).not.toContain(c)
    const codes = new Set(Array.from({ length: 200 }, () => ticketCode(SECRET, newNonce())))
    expect(codes.size).toBe(200)
    for (const code of codes) expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{26}$/)
  })
  it('matches a typed code with spaces, dashes or lower case to the stored hash', () => {
    const code = ticketCode(SECRET, newNonce())
    const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4, 8)}-${code.slice(8)}`
    expect(normalizeTicketCode(typed)).toBe(code)
    expect(ticketHash(typed)).toBe(ticketHash(code))
  })
})
