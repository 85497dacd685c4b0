import { describe, expect, it } from 'vitest'
import { isDatabaseUnavailable } from '../../db/connect'

const coded = (message: string, code: string) => Object.assign(new Error(message), { code })

describe('isDatabaseUnavailable: which errors become a 503', () => {
  it.each([
    ['a refused connection (PostgreSQL down)', coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset socket', coded('read ECONNRESET', 'ECONNRESET')],
    ['PostgreSQL shutting down (57P01)', coded('terminating connection due to administrator command', '57P01')],
    ['PostgreSQL starting up (57P03)', coded('the database system is starting up', '57P03')],
    ['a connection exception (class 08)', coded('connection failure', '08006')],
    ['the connection ended mid-query', new Error('Connection terminated unexpectedly')],
    ['the pool timing out', new Error('timeout exceeded when trying to connect')],
    ['a broken client reused', new Error('Client has encountered a connection error and is not queryable')],
    [
      'both addresses of localhost refused',
      new AggregateError([coded('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')]),
    ],
    ['the cause of a wrapping error', new Error('query failed', { cause: coded('read ECONNRESET', 'ECONNRESET') })],
  ])('%s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true)
  })

  it.each([
    ['a unique violation', coded('duplicate key value violates unique constraint "users_email_key"', '23505')],
    ['a syntax error', coded('syntax error at or near "selec"', '42601')],
    ['a serialization failure (retried by the domain, not an outage)', coded('could not serialize access', '40001')],
    ['an SQLite constraint', coded('UNIQUE constraint failed: users.email', 'SQLITE_CONSTRAINT_UNIQUE')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'ECONNREFUSED'],
  ])('not %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false)
  })
})
