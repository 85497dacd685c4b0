import { index, layout, type RouteConfig, route } from '@react-router/dev/routes'

// The whole URL map.
export default [
  index('routes/home.tsx'),
  route('login', 'routes/login.tsx'),
  route('logout', 'routes/logout.tsx'),
  layout('routes/organizer.tsx', [route('events', 'routes/events.tsx'), route('events/:slug', 'routes/event.tsx')]),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
