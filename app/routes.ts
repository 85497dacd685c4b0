import { index, layout, type RouteConfig, route } from '@react-router/dev/routes'

// The whole URL map.
export default [
  index('routes/home.tsx'),
  route('login', 'routes/login.tsx'),
  route('logout', 'routes/logout.tsx'),
  route('forgot-password', 'routes/forgot-password.tsx'),
  route('password/:token', 'routes/password-link.tsx'),

  // Organizers (signed in)
  layout('routes/organizer.tsx', [
    route('events', 'routes/events.tsx'),
    route('events/new', 'routes/event-new.tsx'),
    route('events/:slug', 'routes/event.tsx'),
    route('events/:slug/edit', 'routes/event-edit.tsx'),
    route('events/:slug/sessions/new', 'routes/session-new.tsx'),
    route('events/:slug/sessions/:sessionId', 'routes/session.tsx'),
    route('events/:slug/sessions/:sessionId/edit', 'routes/session-edit.tsx'),
    route('people', 'routes/people.tsx'),
    route('people/import', 'routes/people-import.tsx'),
    route('people/import/template.xlsx', 'routes/people-import-template.tsx'),
    route('people/import/:importId/problems.xlsx', 'routes/people-import-problems.tsx'),
    route('people/export.csv', 'routes/people-export-csv.tsx'),
    route('people/export.xlsx', 'routes/people-export-xlsx.tsx'),
    // Invitations and registrations
    route('events/:slug/invitations', 'routes/event-invitations.tsx'),
    route('events/:slug/invitations/new', 'routes/event-invitations-new.tsx'),
    route('events/:slug/invitations/send', 'routes/event-bulk-send.tsx'),
    route('events/:slug/invitations/send/preview/:lng', 'routes/event-bulk-preview.tsx'),
    route('events/:slug/invitations/batches/:batchId', 'routes/event-mail-batch.tsx'),
    route('events/:slug/registrations', 'routes/event-registrations.tsx'),
    route('events/:slug/registrations/export.csv', 'routes/event-registrations-csv.tsx', { id: 'registrations-csv' }),
    route('events/:slug/registrations/export.xlsx', 'routes/event-registrations-csv.tsx', { id: 'registrations-xlsx' }),
    route('events/:slug/registrations/summary', 'routes/event-registrations-summary.tsx'),
    // Door check-in (ADR 0012)
    route('events/:slug/devices', 'routes/event-devices.tsx'),
    route('events/:slug/attendance', 'routes/event-attendance.tsx'),
    route('events/:slug/attendance/stream', 'routes/event-attendance-stream.tsx'),
    route('events/:slug/attendance/export.csv', 'routes/event-attendance-export.tsx', { id: 'attendance-csv' }),
    route('events/:slug/attendance/export.xlsx', 'routes/event-attendance-export.tsx', { id: 'attendance-xlsx' }),
    route('events/:slug/attendance/:sessionId', 'routes/event-attendance-session.tsx'),
    route('events/:slug/badges', 'routes/event-badges.tsx'),
    route('events/:slug/name-cards', 'routes/event-name-cards.tsx'),
    // Run of show: segments, signings, awards, the readiness board, print (issue 6, ADR 0014)
    route('events/:slug/sessions/:sessionId/run-of-show', 'routes/run-of-show.tsx'),
    route('events/:slug/sessions/:sessionId/run-of-show/print', 'routes/run-of-show-print.tsx'),
    route('events/:slug/sessions/:sessionId/readiness', 'routes/readiness.tsx'),
    route('events/:slug/sessions/:sessionId/segments/:segmentId', 'routes/segment.tsx'),
    // Signed projects across events: pipeline, totals, export
    route('projects', 'routes/projects.tsx'),
    route('projects/export.xlsx', 'routes/projects-export.tsx'),
    route('projects/:projectId', 'routes/project.tsx'),
    // Teams and access (issue 15, ADR 0020)
    route('events/:slug/team', 'routes/event-team.tsx'),
    route('admin/users', 'routes/admin-users.tsx'),
    route('account', 'routes/account.tsx'),
    // Mail
    route('outbox', 'routes/outbox.tsx'),
    route('outbox/:id', 'routes/outbox-message.tsx'),
    route('outbox/:id/html', 'routes/outbox-message-html.tsx'),
    // The audit log, admins only
    route('admin/audit', 'routes/admin-audit.tsx'),
    route('admin/audit/export.csv', 'routes/admin-audit-export.tsx'),
  ]),

  // Delegates (public, no sign-in; published events only)
  route('e/:slug', 'routes/public-event.tsx'),
  route('e/:slug/calendar.ics', 'routes/public-event-calendar.tsx'),
  route('e/:slug/sessions/:sessionId/calendar.ics', 'routes/public-session-calendar.tsx'),
  // Delegates' registration: the personal link, the form, the portal (ADR 0008)
  route('i/:token', 'routes/invitation-link.tsx'),
  route('e/:slug/register', 'routes/delegate-register.tsx'),
  route('e/:slug/me', 'routes/delegate-portal.tsx'),
  route('e/:slug/me/calendar.ics', 'routes/delegate-calendar.tsx'),
  route('e/:slug/decline', 'routes/delegate-decline.tsx'),

  // Door staff: enrollment of a phone, and the scanner (device token or a signed-in staff member)
  route('scan/enroll', 'routes/scan-enroll.tsx'),
  route('scan', 'routes/scan.tsx'),

  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
