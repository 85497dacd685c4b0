/**
 * The longest text each person field takes, in characters: the import, the directory and the
 * delegates' registration form all hold to them. A module of its own so that the form, which runs
 * in delegates' browsers, does not pull in the spreadsheet readers of the import.
 */
export const PERSON_LIMITS = {
  organization: 200,
  family_name: 100,
  given_name: 100,
  latin_name: 200,
  kana: 200,
  title: 200,
  email: 254,
  phone: 40,
} as const
