/**
 * What a new password must be (NIST SP 800-63B, 5.1.1.2): at least 12 characters, any characters
 * at all (no composition rules), and not one that attackers try first: a password from the list
 * of common passwords, one character repeated, or the account's own email or name, or the name of
 * this service. The list is the 43,940 passwords of 12 characters or more among the million most
 * common of OWASP SecLists (10-million-password-list-top-1000000, MIT licence), lower-cased;
 * the comparison ignores case and Unicode width (NFKC).
 */
import common from '../auth/common-passwords.json'

export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 1024

let commonSet: ReadonlySet<string> | undefined
function isCommon(normalized: string): boolean {
  commonSet ??= new Set(common as string[])
  return commonSet.has(normalized)
}

export type PasswordProblem =
  | 'validation.required'
  | 'validation.passwordTooShort'
  | 'validation.tooLong'
  | 'validation.passwordCommon'
  | 'validation.passwordPersonal'

/** The first thing wrong with a new password, as a message key, or null when it may be used. */
export function passwordProblem(
  password: string,
  owner: { email?: string; name?: string } = {},
): PasswordProblem | null {
  if (password.length === 0) return 'validation.required'
  // Counted in characters as people see them, not UTF-16 units.
  const length = [...password].length
  if (length < PASSWORD_MIN) return 'validation.passwordTooShort'
  if (length > PASSWORD_MAX) return 'validation.tooLong'
  const normalized = password.normalize('NFKC').toLowerCase()
  if (isCommon(normalized)) return 'validation.passwordCommon'
  if (new Set(normalized).size === 1) return 'validation.passwordCommon'
  const compact = normalized.replace(/[\s._\-@]+/g, '')
  const personal = [owner.email, owner.email?.split('@')[0], owner.name, 'signet']
    .map(
      (w) =>
        w
          ?.normalize('NFKC')
          .toLowerCase()
          .replace(/[\s._\-@]+/g, '') ?? '',
    )
    .filter((w) => w.length >= 4)
  // The password is (almost) nothing but one of these words, with digits or symbols around it.
  for (const word of personal) {
    if (compact.includes(word) && compact.replace(word, '').replace(/[^\p{L}]/gu, '').length < 4)
      return 'validation.passwordPersonal'
  }
  return null
}
