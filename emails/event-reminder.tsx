// The day before the event: tomorrow's programme, where to meet, and the ticket to show.
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

export interface EventReminderMailProps extends MailBaseProps {
  /** tomorrow, formatted with its weekday */
  day: string
  /** tomorrow's sessions only */
  itinerary: Itinerary
  ticket: Ticket
  portalUrl: string
}

export default function EventReminderMail(props: EventReminderMailProps) {
  const { lng, event } = props
  const t = mailTranslator(lng)
  const values = { event: event.title, day: props.day }
  return (
    <MailLayout lng={lng} event={event} preview={t('email.eventReminder.preview', values)}>
      <Greeting lng={lng} recipient={props.recipient} />
      <Title>{t('email.eventReminder.heading')}</Title>
      <Paragraph>{t('email.eventReminder.body', values)}</Paragraph>
      <EventFacts lng={lng} event={event} />
      {props.itinerary.days.length > 0 ? <ItineraryView lng={lng} itinerary={props.itinerary} /> : null}
      <TicketView lng={lng} ticket={props.ticket} />
      <Action lng={lng} href={props.portalUrl} label={t('email.manage')} />
      {props.itinerary.days.length === 0 ? <Note>{t('email.eventReminder.noSessions')}</Note> : null}
      <Note>{t('email.personalLink')}</Note>
    </MailLayout>
  )
}

EventReminderMail.PreviewProps = {
  lng: 'ja',
  recipient: previewRecipient.ja,
  event: previewEvent.ja,
  day: '2026年12月22日火曜日',
  itinerary: { ...previewItinerary, days: previewItinerary.days.slice(0, 1) },
  ticket: previewTicket,
  portalUrl: `${PREVIEW_APP_URL}/i/preview-token`,
} satisfies EventReminderMailProps
