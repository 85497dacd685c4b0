// The templates of registration's mails, in one module that mails.server.ts imports lazily, with
// the first mail rather than at every start (see app/mail/templates.server.ts).
export { default as AccessLinkMail } from '../../emails/access-link'
export { default as CancellationMail } from '../../emails/cancellation'
export { default as ChangesMail } from '../../emails/changes'
export { default as ConfirmationMail } from '../../emails/confirmation'
export { default as EventReminderMail } from '../../emails/event-reminder'
export { default as InvitationMail } from '../../emails/invitation'
export { default as WaitlistMail } from '../../emails/waitlist'
