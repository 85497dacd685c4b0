// The frame and the building blocks shared by every Signet mail: one narrow column that reads on
// a phone, system fonts only, no external images or fonts, inline styles for mail clients.
import type { CSSProperties, ReactNode } from 'react'
import { Body, Button, Container, Head, Heading, Hr, Html, Img, Link, Preview, Section, Text } from 'react-email'
import type { Language } from '../../app/i18n/i18n'
import { mailTranslator } from '../../app/mail/translate'
import type { Itinerary, MailContact, MailEvent, MailRecipient, Ticket } from './types'

const INK = '#1d2733'
const MUTED = '#5b6776'
const LINE = '#d9dee5'
const ACCENT = '#b3261e'
const WASH = '#f4f6f9'

const FONTS: Record<Language, string> = {
  zh: "-apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', 'Segoe UI', sans-serif",
  ja: "-apple-system, 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Noto Sans CJK JP', 'Yu Gothic', Meiryo, 'Segoe UI', sans-serif",
  en: "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
}

const text: CSSProperties = { color: INK, fontSize: '15px', lineHeight: '1.65', margin: '0 0 14px' }
const muted: CSSProperties = { ...text, color: MUTED, fontSize: '13px', lineHeight: '1.55' }

export function MailLayout({
  lng,
  preview,
  event,
  account = false,
  children,
}: {
  lng: Language
  preview: string
  event: MailEvent
  /** a mail about the reader's Signet account, signed by Signet rather than an event's secretariat */
  account?: boolean
  children: ReactNode
}) {
  const t = mailTranslator(lng)
  return (
    <Html lang={lng} dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body lang={lng} style={{ backgroundColor: WASH, margin: 0, padding: '24px 8px', fontFamily: FONTS[lng] }}>
        <Container
          style={{
            maxWidth: '600px',
            width: '100%',
            backgroundColor: '#ffffff',
            border: `1px solid ${LINE}`,
            borderTop: `4px solid ${ACCENT}`,
            borderRadius: '10px',
          }}
        >
          <Section style={{ padding: '20px 28px 4px' }}>
            <Text style={{ ...muted, margin: 0, letterSpacing: '0.04em' }}>{event.title}</Text>
          </Section>
          <Section style={{ padding: '8px 28px 24px' }}>
            {children}
            <Text style={{ ...text, margin: '24px 0 0', whiteSpace: 'pre-line' }}>{t('email.signOff')}</Text>
            <Text style={{ ...text, margin: '4px 0 0' }}>
              {account ? t('email.account.signature') : t('email.signature', { event: event.title })}
            </Text>
          </Section>
        </Container>
        <Container style={{ maxWidth: '600px', width: '100%' }}>
          {contactLine(t, event.contact) ? (
            <Text style={{ ...muted, fontSize: '13px', margin: '12px 28px 0' }} data-contact="">
              {contactLine(t, event.contact)}
            </Text>
          ) : null}
          <Text style={{ ...muted, fontSize: '12px', margin: '12px 28px 0' }}>
            {account ? t('email.account.footer') : t('email.footer', { event: event.title })}
          </Text>
        </Container>
      </Body>
    </Html>
  )
}

export function Title({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" style={{ color: INK, fontSize: '22px', lineHeight: '1.35', margin: '8px 0 18px' }}>
      {children}
    </Heading>
  )
}

export function Paragraph({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return <Text style={{ ...text, ...style }}>{children}</Text>
}

export function Note({ children }: { children: ReactNode }) {
  return <Text style={muted}>{children}</Text>
}

/** 'Dear SATO Kenichi,' / '尊敬的佐藤健一：' / organization, then '佐藤 健一 様' in Japanese. */
export function Greeting({ lng, recipient }: { lng: Language; recipient: MailRecipient }) {
  const t = mailTranslator(lng)
  return (
    <Text style={text}>
      {lng === 'ja' && recipient.organization ? (
        <>
          {recipient.organization}
          <br />
        </>
      ) : null}
      {t('email.greeting', { name: recipient.name })}
    </Text>
  )
}

/** Dates, venue and address as a small two-column list. */
export function EventFacts({ lng, event }: { lng: Language; event: MailEvent }) {
  const t = mailTranslator(lng)
  const rows = [
    [t('email.facts.dates'), event.dates],
    [t('email.facts.venue'), event.venue],
    [t('email.facts.address'), event.address],
  ].filter(([, value]) => value)
  return (
    <Section style={{ backgroundColor: WASH, borderRadius: '8px', padding: '12px 16px', margin: '0 0 18px' }}>
      {rows.map(([label, value]) => (
        <Text key={label} style={{ ...text, margin: '2px 0' }}>
          <span style={{ color: MUTED }}>{label}</span>
          {t('app.labelSuffix')}
          {value}
        </Text>
      ))}
    </Section>
  )
}

/** The one call to action, with its address spelled out for clients that do not show buttons. */
export function Action({ lng, href, label }: { lng: Language; href: string; label: string }) {
  const t = mailTranslator(lng)
  return (
    <Section style={{ margin: '6px 0 18px' }}>
      <Button
        href={href}
        style={{
          backgroundColor: ACCENT,
          color: '#ffffff',
          fontSize: '16px',
          fontWeight: 700,
          borderRadius: '8px',
          padding: '12px 22px',
          textDecoration: 'none',
        }}
      >
        {label}
      </Button>
      <Text style={{ ...muted, margin: '12px 0 0' }} data-skip-in-text="true">
        {t('email.linkFallback')}
        <br />
        <Link href={href} style={{ color: '#1f4e8c', wordBreak: 'break-all' }}>
          {href}
        </Link>
      </Text>
    </Section>
  )
}

/** Sessions by day. `heading`: null for none, absent for "Your programme". */
export function ItineraryView({
  lng,
  itinerary,
  heading,
}: {
  lng: Language
  itinerary: Itinerary
  heading?: string | null
}) {
  const t = mailTranslator(lng)
  return (
    <Section style={{ margin: '6px 0 18px' }}>
      {heading === null ? null : (
        <Heading as="h2" style={{ color: INK, fontSize: '17px', margin: '0 0 8px' }}>
          {heading ?? t('email.itinerary.heading')}
        </Heading>
      )}
      {itinerary.days.length === 0 ? <Text style={muted}>{t('email.itinerary.empty')}</Text> : null}
      {itinerary.days.map((day) => (
        <Section key={day.label} style={{ margin: '0 0 10px' }}>
          <Text
            style={{
              ...text,
              fontWeight: 700,
              margin: '10px 0 6px',
              paddingBottom: '4px',
              borderBottom: `2px solid ${INK}`,
            }}
          >
            {day.label}
          </Text>
          {day.sessions.map((s) => (
            <Section
              key={s.id}
              style={{
                borderLeft: `3px solid ${s.waitlisted ? LINE : ACCENT}`,
                padding: '2px 0 2px 12px',
                margin: '8px 0',
              }}
            >
              <Text style={{ ...text, margin: 0, fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>
                {s.time}
                {s.waitlisted ? (
                  <span style={{ color: MUTED, fontWeight: 400 }}>
                    {' · '}
                    {t('email.itinerary.waitlisted')}
                  </span>
                ) : null}
              </Text>
              <Text style={{ ...text, margin: 0 }}>{s.title}</Text>
              {s.place ? (
                <Text style={{ ...muted, margin: 0 }}>{t('email.itinerary.place', { place: s.place })}</Text>
              ) : null}
              {s.meeting ? <Text style={{ ...muted, margin: 0 }}>{s.meeting}</Text> : null}
            </Section>
          ))}
        </Section>
      ))}
      {itinerary.days.length > 0 ? (
        <Text style={muted}>{t('email.itinerary.timeZone', { zone: itinerary.timeZone })}</Text>
      ) : null}
    </Section>
  )
}

/** The ticket: the QR code (an inline image) and its code in text, to read out or type. */
export function TicketView({ lng, ticket }: { lng: Language; ticket: Ticket }) {
  const t = mailTranslator(lng)
  return (
    <Section
      style={{
        border: `1px solid ${LINE}`,
        borderRadius: '8px',
        padding: '16px',
        margin: '6px 0 18px',
        textAlign: 'center',
      }}
    >
      <Heading as="h2" style={{ color: INK, fontSize: '17px', margin: '0 0 6px' }}>
        {t('email.ticket.heading')}
      </Heading>
      <Text style={{ ...text, textAlign: 'center' }}>{t('email.ticket.intro')}</Text>
      <Img
        src={ticket.qrSrc}
        alt={t('email.ticket.alt')}
        width="220"
        height="220"
        style={{ display: 'block', margin: '0 auto', width: '220px', maxWidth: '100%', height: 'auto' }}
      />
      <Text style={{ ...muted, textAlign: 'center', margin: '10px 0 0' }}>{t('email.ticket.code')}</Text>
      <Text
        style={{
          ...text,
          textAlign: 'center',
          margin: '2px 0 0',
          fontFamily: "ui-monospace, 'SF Mono', Menlo, Consolas, monospace",
          fontSize: '16px',
          letterSpacing: '0.08em',
        }}
      >
        {ticket.code}
      </Text>
    </Section>
  )
}

export function Divider() {
  return <Hr style={{ borderColor: LINE, margin: '20px 0' }} />
}

/** "Questions? Contact the organizer: 烟台市商务局 · Phone +86 … · Email … · WeChat …", or '' when the event gives none. */
export function contactLine(
  t: (key: string, values?: Record<string, string>) => string,
  contact?: MailContact,
): string {
  if (!contact) return ''
  const parts = [
    contact.name,
    contact.phone ? t('email.contact.phone', { phone: contact.phone }) : '',
    contact.email ? t('email.contact.email', { email: contact.email }) : '',
    contact.wechat ? t('email.contact.wechat', { wechat: contact.wechat }) : '',
  ].filter(Boolean)
  return parts.length > 0 ? t('email.contact.line', { contact: parts.join(' · ') }) : ''
}
