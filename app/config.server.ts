/**
 * The environment, validated once at boot with Zod. A bad value stops the app with one line
 * naming the variable. Nothing else reads process.env.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { z } from 'zod'
import { type DatabaseTarget, DatabaseUrlError, parseDatabaseUrl } from '../db/connect'

export interface Config {
  production: boolean
  database: DatabaseTarget
  host: string
  port: number
  /** Public base URL used in every link we send; never derived from the Host header. */
  appUrl: URL
  sessionSecret: string
  seedDemo: boolean
  trustProxy: boolean
  /** smtp:// or smtps:// mail server; null: mail is written as .eml files under mailDir */
  smtpUrl: URL | null
  /** absolute directory for the .eml files of the file transport */
  mailDir: string
  mailFrom: string
}

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true')

const schema = z.object({
  NODE_ENV: z.string().optional(),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseDatabaseUrl(value)
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof DatabaseUrlError ? error.message : String(error) })
        return z.NEVER
      }
    }),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int('must be a whole number').min(1).max(65535).default(3000),
  APP_URL: z
    .url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL such as https://signet.example.org' })
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SEED_DEMO: flag.default(true),
  TRUST_PROXY: flag.default(false),
  SMTP_URL: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null
      const url = URL.canParse(value) ? new URL(value) : null
      if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
        // Never echo the value: it may hold a password.
        ctx.addIssue({
          code: 'custom',
          message: 'must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.org:587',
        })
        return z.NEVER
      }
      return url
    }),
  MAIL_DIR: z.string().min(1).default('data/mail'),
  MAIL_FROM: z.string().min(3).default('Signet <no-reply@signet.invalid>'),
})

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`)
  }
}

/**
 * Parses the environment. In production (NODE_ENV=production) SESSION_SECRET and APP_URL are
 * required; elsewhere a missing secret is generated once and kept in data/session-secret.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ConfigError(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'invalid')
  }
  const e = parsed.data
  const production = e.NODE_ENV === 'production'
  if (production && !e.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET', 'is required when NODE_ENV=production (at least 32 random characters)')
  }
  if (production && !e.APP_URL) {
    throw new ConfigError('APP_URL', 'is required when NODE_ENV=production (the public https:// address)')
  }
  return {
    production,
    database: e.DATABASE_URL,
    host: e.HOST,
    port: e.PORT,
    appUrl: new URL(e.APP_URL ?? `http://localhost:${e.PORT}`),
    sessionSecret: e.SESSION_SECRET ?? localSessionSecret(),
    seedDemo: e.SEED_DEMO,
    trustProxy: e.TRUST_PROXY,
    smtpUrl: e.SMTP_URL,
    mailDir: resolve(e.MAIL_DIR),
    mailFrom: e.MAIL_FROM,
  }
}

const LOCAL_SECRET_FILE = 'data/session-secret'

function localSessionSecret(): string {
  const file = resolve(LOCAL_SECRET_FILE)
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim()
    if (stored.length >= 32) return stored
  }
  const secret = randomBytes(32).toString('hex')
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  return secret
}
