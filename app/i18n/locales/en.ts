// The source of truth for message keys. zh.ts and ja.ts must have exactly the same keys:
// the compiler checks the shape and tests/unit/i18n.test.ts fails on any gap.
const en = {
  app: {
    name: 'Signet',
    tagline: 'Investment promotion events',
    skipToContent: 'Skip to content',
    language: 'Language',
    mainNavigation: 'Main navigation',
  },
  languages: { zh: '中文', en: 'English', ja: '日本語' },
  nav: { events: 'Events', signIn: 'Sign in', signOut: 'Sign out', signedInAs: 'Signed in as {{name}}' },
  login: {
    title: 'Sign in to Signet',
    intro: 'For organizers and staff of the investment promotion bureau.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    signedOut: 'You have been signed out.',
    sessionExpired: 'Your session has ended. Please sign in again.',
  },
  validation: {
    passwordTooShort: 'Use at least 12 characters.',
    required: 'This field is required.',
    email: 'Enter a valid email address, such as name@example.com.',
    tooLong: 'This is too long (at most {{max}} characters).',
  },
  auth: {
    invalid_credentials: 'The email or password is incorrect.',
    rate_limited: 'Too many sign-in attempts. Try again in {{seconds}} seconds.',
    disabled: 'This account has been disabled. Please contact an administrator.',
  },
  errors: {
    title: 'Something went wrong',
    cross_site: 'This request came from another site and was refused. Nothing was changed.',
    forbidden: 'You do not have access to this page.',
    not_found: 'This page does not exist.',
    server: 'An unexpected error occurred. Nothing you entered was lost; please try again.',
    backHome: 'Back to the start page',
  },
  events: {
    title: 'Events',
    empty: 'There are no events yet.',
    dates: 'Dates',
    timezone: 'Time zone',
    venue: 'Venue',
    status: 'Status',
    registration: 'Registration',
    languages: 'Languages offered',
    hosts: 'Hosts and organizers',
    titlesInAllLanguages: 'Title in every language',
    overview: 'Overview',
    statuses: { draft: 'Draft', published: 'Published', archived: 'Archived' },
    registrationModes: { invite_only: 'By invitation only', open: 'Open', approval: 'Open, with approval' },
    hostRoles: { host: 'Host', organizer: 'Organizer', co_organizer: 'Co-organizer' },
  },
}

export default en
