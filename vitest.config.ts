import { defineConfig } from 'vitest/config'

// unit: pure rules. sqlite / postgres: the same integration suites against a real SQLite file
// and, when TEST_DATABASE_URL is set, a fresh PostgreSQL database per test file.
// Integration suites run with the process in New York time, so nothing may depend on the
// server's zone: times are stored in UTC and shown in the event's.
// e2e: real Chromium against the real built server. `npm test` builds first.
const integration = ['tests/integration/**/*.test.ts']
// Load the production server build with Node itself, not through Vite's module runner, so that
// it shares react-router with @react-router/express exactly as it does in production.
const server = { deps: { external: [/\/build\/server\//] } }

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'sqlite',
          include: integration,
          env: { SIGNET_TEST_DIALECT: 'sqlite', TZ: 'America/New_York' },
          server,
          testTimeout: 20_000,
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              test: {
                name: 'postgres',
                include: integration,
                env: { SIGNET_TEST_DIALECT: 'postgres', TZ: 'America/New_York' },
                server,
                testTimeout: 20_000,
              },
            },
          ]
        : []),
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
