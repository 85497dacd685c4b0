/** Length limits of free text, shared by every form and import. */
export const LIMITS = {
  title: 200,
  description: 4000,
  short: 200,
  address: 300,
  slug: 60,
} as const
