// Changes confirmed: the updated programme, with the (unchanged) ticket and a fresh .ics file.
import { mailTranslator } from '../app/mail/translate'
import { Action, Greeting, ItineraryView, MailLayout, Note, Paragraph, TicketView, Title } from './_components/layout'
import { PREVIEW_APP_URL, previewEvent, previewRecipient, previewTicket } from './_components/preview-data'
import type { Itinerary, MailBaseProps, Ticket } from './_components/types'

export interface ChangesMailProps extends MailBaseProps {
  ticket: Ticket
  itinerary: Itinerary
  portalUrl: string
}

export default function ChangesMail(props: ChangesMailProps) {
  const { lng, event } = props
  const t = mailTranslator(lng)
  const waitlisted = props.itinerary.days.some((d) => d.sessions.some((s) => s.waitlisted))
  return (
    <MailLayout lng={lng} event={event} preview={t('email.changes.preview', { event: event.title })}>
      <Greeting lng={lng} recipient={props.recipient} />
      <Title>{t('email.changes.heading')}</Title>
      <Paragraph>{t('email.changes.body', { event: event.title })}</Paragraph>
      <ItineraryView lng={lng} itinerary={props.itinerary} />
      {waitlisted ? <Note>{t('email.confirmation.waitlistNote')}</Note> : null}
      <TicketView lng={lng} ticket={props.ticket} />
      <Note>{t('email.confirmation.calendar')}</Note>
      <Action lng={lng} href={props.portalUrl} label={t('email.manage')} />
      <Note>{t('email.personalLink')}</Note>
    </MailLayout>
  )
}

ChangesMail.PreviewProps = {
  lng: 'en',
  recipient: previewRecipient.en,
  event: previewEvent.en,
  ticket: previewTicket,
  itinerary: {
    timeZone: 'China Standard Time (GMT+8)',
    days: [
      {
        label: 'Tuesday 22 December 2026',
        sessions: [
          {
            id: 's1',
            time: '09:00–10:30',
            title: 'Opening Ceremony and Signing',
            place: 'Grand Hall, Yantai International Expo Center',
            meeting: '',
            waitlisted: false,
          },
        ],
      },
      {
        label: 'Wednesday 23 December 2026',
        sessions: [
          {
            id: 's3',
            time: '08:30–12:00',
            title: 'Site visit: Development Zone (by bus)',
            place: '',
            meeting: 'Meeting point: Hotel lobby, 08:15',
            waitlisted: false,
          },
        ],
      },
    ],
  },
  portalUrl: `${PREVIEW_APP_URL}/i/preview-token`,
} satisfies ChangesMailProps
