// The mail templates and react-email's renderer, in one module that render.server.ts imports
// lazily: react-email brings Tailwind, Prism and a Markdown parser with it (about 0.7 s to
// load), which the server should pay for with its first mail, not at every start.
export { render, toPlainText } from 'react-email'
export { default as CancellationMail } from '../../emails/cancellation'
export { default as ChangesMail } from '../../emails/changes'
export { default as ConfirmationMail } from '../../emails/confirmation'
export { default as EventReminderMail } from '../../emails/event-reminder'
export { default as InvitationMail } from '../../emails/invitation'
export { default as WaitlistMail } from '../../emails/waitlist'
