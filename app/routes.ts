import { index, layout, type RouteConfig, route } from '@react-router/dev/routes'

// The whole URL map.
export default [
  index('routes/home.tsx'),
  route('login', 'routes/login.tsx'),
  route('logout', 'routes/logout.tsx'),

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
    route('people/export.csv', 'routes/people-export-csv.tsx'),
    route('people/export.xlsx', 'routes/people-export-xlsx.tsx'),
  ]),

  // Delegates (public, no sign-in; published events only)
  route('e/:slug', 'routes/public-event.tsx'),
  route('e/:slug/calendar.ics', 'routes/public-event-calendar.tsx'),
  route('e/:slug/sessions/:sessionId/calendar.ics', 'routes/public-session-calendar.tsx'),

  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
