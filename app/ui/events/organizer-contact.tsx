import { useTranslation } from 'react-i18next'
import type { EventContactView } from '../../events/event-view'

/** Who to contact about the event, on the delegates' pages: name, phone and email as links, WeChat ID as text. */
export function OrganizerContact({
  contact,
  className = 'public-section',
}: {
  contact: EventContactView | null
  /** the page's section style: a plain section on the event page, a card in the portal */
  className?: string
}) {
  const { t } = useTranslation()
  if (!contact) return null
  return (
    <section className={`${className} organizer-contact`} aria-labelledby="organizer-contact">
      <h2 id="organizer-contact">{t('public.contact.title')}</h2>
      <dl className="contact-list">
        {contact.name ? (
          <div>
            <dt>{t('public.contact.name')}</dt>
            <dd>{contact.name}</dd>
          </div>
        ) : null}
        {contact.phone ? (
          <div>
            <dt>{t('public.contact.phone')}</dt>
            <dd>
              <a href={`tel:${contact.phone.replace(/[^+\d]/g, '')}`}>{contact.phone}</a>
            </dd>
          </div>
        ) : null}
        {contact.email ? (
          <div>
            <dt>{t('public.contact.email')}</dt>
            <dd>
              <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </dd>
          </div>
        ) : null}
        {contact.wechat ? (
          <div>
            <dt>{t('public.contact.wechat')}</dt>
            <dd>{contact.wechat}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  )
}
