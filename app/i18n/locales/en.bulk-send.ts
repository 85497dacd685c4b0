// Bulk sends that confirm (issue 19): who, the mail in each language, a test, one confirmation, progress.
const bulkSend = {
  title: { send: 'Send invitations', remind: 'Send reminders' },
  intro: {
    send: 'Check who gets the invitation and how it reads in each language, send yourself a test, then confirm once.',
    remind: 'Check who gets the reminder and how it reads in each language, send yourself a test, then confirm once.',
  },
  filter: {
    all: 'everyone invited to this event',
    q: 'the invitations matching “{{q}}”',
    status: 'the invitations with status “{{status}}”',
    both: 'the invitations matching “{{q}}” with status “{{status}}”',
  },
  who: {
    title: 'Who gets it',
    recipients: {
      send: 'Invitations to send: {{count}}.',
      remind: 'Reminders to send: {{count}}.',
    },
    filter: 'Chosen from {{filter}} ({{count}} listed).',
    noEmail: 'Without an email address, so nothing is sent to them: {{count}}. Add their addresses in the directory.',
    skipped: {
      send: 'Already sent or answered, and left alone: {{count}}.',
      remind: 'Not waiting for an answer (not sent yet, or answered), and left alone: {{count}}.',
    },
    language: '{{language}}: {{count}}',
  },
  preview: {
    title: 'The mail in {{language}} ({{count}})',
    note: 'As one of its recipients will get it; the buttons of this preview lead to the event’s page instead of a personal link.',
    frameTitle: 'Preview of the mail in {{language}}',
    test: 'Send a test to me',
  },
  testQueued: 'A test is on its way to {{email}}. It changes no invitation.',
  confirm: {
    title: 'Confirm',
    nobody: 'Nobody on this list gets this mail: nothing to send.',
    submit: {
      send: 'Send the invitations ({{count}})',
      remind: 'Send the reminders ({{count}})',
    },
    sending: 'Sending…',
    cancel: 'Back to the invitations',
  },
  progress: {
    title: 'Mails on their way',
    intro: {
      send: 'Invitations to {{filter}}, confirmed {{at}}.',
      remind: 'Reminders to {{filter}}, confirmed {{at}}.',
    },
    heading: '{{done}} of {{total}} done',
    pending: 'Queued',
    sent: 'Sent',
    failed: 'Failed',
    live: 'This page updates itself while mails are queued.',
    finished: 'Every mail of this send has been handled.',
    outbox: 'See each mail in the outbox',
  },
  errors: {
    noSample: 'This preview is out of date: reload the page and try again.',
    stale: 'This confirmation is out of date: reload the page and confirm again.',
    nothing: 'Nobody on this list gets this mail any more: nothing was sent.',
  },
}

export default bulkSend
