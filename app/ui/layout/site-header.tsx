import { useTranslation } from 'react-i18next'
import { Form, Link } from 'react-router'
import type { SessionUser } from '../../auth/session.server'
import { LanguageSwitcher } from './language-switcher'

export function SiteHeader({ user }: { user: SessionUser | null }) {
  const { t } = useTranslation()
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Link to="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          印
        </span>
        {t('app.name')}
      </Link>
      {user ? (
        <nav aria-label={t('app.mainNavigation')} className="main-nav">
          <Link to="/events">{t('nav.events')}</Link>
          <Link to="/people">{t('people.nav')}</Link>
          <Link to="/projects">{t('projects.nav')}</Link>
          <Link to="/outbox">{t('email.outbox.nav')}</Link>
          {user.isAdmin ? <Link to="/admin/users">{t('accounts.nav')}</Link> : null}
          {user.isAdmin ? <Link to="/admin/audit">{t('audit.title')}</Link> : null}
        </nav>
      ) : null}
      <div className="header-end">
        <LanguageSwitcher />
        {user ? (
          <Form method="post" action="/logout" className="signout">
            <Link to="/account" className="muted user-name" title={user.email}>
              {t('nav.signedInAs', { name: user.name })}
            </Link>
            <button type="submit" className="button-link">
              {t('nav.signOut')}
            </button>
          </Form>
        ) : null}
      </div>
    </header>
  )
}
