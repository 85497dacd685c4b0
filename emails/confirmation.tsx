// Registration confirmed: the ticket (inline QR code and its code), the programme, and an .ics
// attachment of the confirmed sessions (added by app/mail/render.server.ts).
import { mailTranslator } from '../app/mail/translate'
import {
  Action,
  EventFacts,
  Greeting,
  ItineraryView,
  MailLayout,
  Note,
  Paragraph,
  TicketView,
  Title,
} from './_components/layout'
import {
  PREVIEW_APP_URL,
  previewEvent,
  previewItinerary,
  previewRecipient,
  previewTicket,
} from './_components/preview-data'
import type { Itinerary, MailBaseProps, Ticket } from './_components/types'

export interface ConfirmationMailProps extends MailBaseProps {
  ticket: Ticket
  itinerary: Itinerary
  /** the delegate's page: `${APP_URL}/i/${token}` */
  portalUrl: string
}

export default function ConfirmationMail(props: ConfirmationMailProps) {
  const { lng, event } = props
  const t = mailTranslator(lng)
  const waitlisted = props.itinerary.days.some((d) => d.sessions.some((s) => s.waitlisted))
  return (
    <MailLayout lng={lng} event={event} preview={t('email.confirmation.preview', { event: event.title })}>
      <Greeting lng={lng} recipient={props.recipient} />
      <Title>{t('email.confirmation.heading')}</Title>
      <Paragraph>{t('email.confirmation.body', { event: event.title })}</Paragraph>
      <EventFacts lng={lng} event={event} />
      <TicketView lng={lng} ticket={props.ticket} />
      <ItineraryView lng={lng} itinerary={props.itinerary} />
      {waitlisted ? <Note>{t('email.confirmation.waitlistNote')}</Note> : null}
      <Note>{t('email.confirmation.calendar')}</Note>
      <Action lng={lng} href={props.portalUrl} label={t('email.manage')} />
      <Note>{t('email.personalLink')}</Note>
    </MailLayout>
  )
}

ConfirmationMail.PreviewProps = {
  lng: 'ja',
  recipient: previewRecipient.ja,
  event: previewEvent.ja,
  ticket: previewTicket,
  itinerary: previewItinerary,
  portalUrl: `${PREVIEW_APP_URL}/i/preview-token`,
} satisfies ConfirmationMailProps
