import { describe, expect, it } from 'vitest'
import { passwordProblem } from '../../app/users/password-policy'

describe('a new password (NIST SP 800-63B)', () => {
  it('takes any long enough phrase, in any script, with no composition rules', () => {
    expect(passwordProblem('harbour lanterns at dusk')).toBeNull()
    expect(passwordProblem('黄海之滨的灯塔与白色海鸥')).toBeNull()
    expect(passwordProblem('すずしいかぜがふくよるに')).toBeNull()
  })
  it('counts characters as people see them, not UTF-16 units', () => {
    // 11 emoji are 22 UTF-16 units, still too short.
    expect(passwordProblem('🐉🐉🐉🐼🐼🐼🐟🐟🐟🌊🌊')).toBe('validation.passwordTooShort')
  })
  it('keeps the minimum of 12 characters and a maximum', () => {
    expect(passwordProblem('')).toBe('validation.required')
    expect(passwordProblem('short phrase')).toBeNull()
    expect(passwordProblem('short phras')).toBe('validation.passwordTooShort')
    expect(passwordProblem('x'.repeat(1025))).toBe('validation.tooLong')
  })
  it('refuses the common passwords attackers try first, whatever the case or width', () => {
    for (const common of ['password1234', 'qwerty123456', '1qaz2wsx3edc', 'PASSWORD1234', 'ｐａｓｓｗｏｒｄ１２３４']) {
      expect(passwordProblem(common), common).toBe('validation.passwordCommon')
    }
  })
  it('refuses one character repeated', () => {
    expect(passwordProblem('aaaaaaaaaaaaaa')).toBe('validation.passwordCommon')
    expect(passwordProblem('ああああああああああああ')).toBe('validation.passwordCommon')
  })
  it('refuses a password built from the account’s email, name or the service’s name', () => {
    const owner = { email: 'wang.fang@bureau.example.cn', name: 'Wang Fang' }
    expect(passwordProblem('wang.fang@bureau.example.cn', owner)).toBe('validation.passwordPersonal')
    expect(passwordProblem('wangfang2026!!', owner)).toBe('validation.passwordPersonal')
    expect(passwordProblem('Signet-2026-01', owner)).toBe('validation.passwordPersonal')
    // A word of their own inside a real phrase is fine.
    expect(passwordProblem('wang fang likes quiet harbours', owner)).toBeNull()
  })
})
