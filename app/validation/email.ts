/** An address as it is compared and stored: no surrounding space, lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}
