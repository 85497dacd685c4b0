import { describe, expect, it } from 'vitest'
import { generatePassword, hashPassword, verifyPassword } from '../../app/auth/password.server'
import { hashToken, newToken } from '../../app/auth/tokens.server'

describe('passwords', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery')
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(hash).not.toContain('correct horse')
    expect(await verifyPassword('correct horse battery', hash)).toBe(true)
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false)
  })
  it('salts every hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'))
  })
  it('rejects a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false)
  })
  it('generates passwords and tokens of at least 128 bits', () => {
    expect(Buffer.from(generatePassword(), 'base64url').length * 8).toBeGreaterThanOrEqual(128)
    const token = newToken()
    expect(Buffer.from(token, 'base64url').length * 8).toBe(256)
    expect(newToken()).not.toBe(token)
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/)
  })
})
