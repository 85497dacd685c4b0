import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../app/config.server'

const secret = 's'.repeat(40)

function errorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('configuration', () => {
  it('defaults to SQLite under data/, port 3000 and a localhost APP_URL', () => {
    const config = loadConfig({ SESSION_SECRET: secret })
    expect(config.database).toMatchObject({ dialect: 'sqlite' })
    expect(config.database.dialect === 'sqlite' && config.database.file.endsWith('data/signet.sqlite')).toBe(true)
    expect(config.port).toBe(3000)
    expect(config.appUrl.origin).toBe('http://localhost:3000')
    expect(config.seedDemo).toBe(true)
  })

  it('writes mail as files under data/mail unless SMTP_URL names a mail server', () => {
    const config = loadConfig({ SESSION_SECRET: secret })
    expect(config.smtpUrl).toBeNull()
    expect(config.mailDir.endsWith('data/mail')).toBe(true)
    expect(config.mailFrom).toBe('Signet <no-reply@signet.invalid>')
    const custom = loadConfig({ SESSION_SECRET: secret, MAIL_DIR: '/var/spool/signet' })
    expect(custom.mailDir).toBe('/var/spool/signet')
  })

  it('accepts smtp:// and smtps:// URLs with credentials', () => {
    const plain = loadConfig({ SESSION_SECRET: secret, SMTP_URL: 'smtp://user:p%40ss@mail.example.org:587' })
    expect(plain.smtpUrl?.hostname).toBe('mail.example.org')
    expect(plain.smtpUrl?.port).toBe('587')
    expect(plain.smtpUrl?.username).toBe('user')
    const tls = loadConfig({ SESSION_SECRET: secret, SMTP_URL: 'smtps://mail.example.org' })
    expect(tls.smtpUrl?.protocol).toBe('smtps:')
  })

  it('refuses an SMTP_URL of another scheme or without a host, without echoing its password', () => {
    for (const value of ['http://user:secret-pw@mail.example.org', 'mail.example.org:587', 'smtp://']) {
      const error = errorOf({ SESSION_SECRET: secret, SMTP_URL: value })
      expect(error.variable).toBe('SMTP_URL')
      expect(error.message).toMatch(/^SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/)
      expect(error.message).not.toContain('secret-pw')
    }
  })

  it('selects PostgreSQL for postgres:// URLs', () => {
    const config = loadConfig({ SESSION_SECRET: secret, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' })
    expect(config.database).toEqual({ dialect: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/x' })
  })

  it('refuses a DATABASE_URL of an unknown scheme, naming the variable', () => {
    const error = errorOf({ SESSION_SECRET: secret, DATABASE_URL: 'mysql://root@localhost/signet' })
    expect(error.variable).toBe('DATABASE_URL')
    expect(error.message).toMatch(/^DATABASE_URL: unsupported scheme "mysql:"/)
  })

  it('requires SESSION_SECRET and APP_URL in production', () => {
    expect(errorOf({ NODE_ENV: 'production', APP_URL: 'https://s.example.org' }).variable).toBe('SESSION_SECRET')
    expect(errorOf({ NODE_ENV: 'production', SESSION_SECRET: secret }).variable).toBe('APP_URL')
    expect(
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, APP_URL: 'https://s.example.org' }).production,
    ).toBe(true)
  })

  it('refuses a short secret, a bad port and a relative APP_URL', () => {
    expect(errorOf({ SESSION_SECRET: 'short' }).variable).toBe('SESSION_SECRET')
    expect(errorOf({ SESSION_SECRET: secret, PORT: 'eighty' }).variable).toBe('PORT')
    expect(errorOf({ SESSION_SECRET: secret, PORT: '70000' }).variable).toBe('PORT')
    expect(errorOf({ SESSION_SECRET: secret, APP_URL: 'signet.example.org' }).variable).toBe('APP_URL')
    expect(errorOf({ SESSION_SECRET: secret, SEED_DEMO: 'maybe' }).variable).toBe('SEED_DEMO')
  })
})
