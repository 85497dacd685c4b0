// An invitation, or (reminder: true) the reminder to an invitee who has not answered yet.
import { Link } from 'react-email'
import { mailTranslator } from '../app/mail/translate'
import { Action, EventFacts, Greeting, ItineraryView, MailLayout, Note, Paragraph, Title } from './_components/layout'
import { PREVIEW_APP_URL, previewEvent, previewItinerary, previewRecipient } from './_components/preview-data'
import type { Itinerary, MailBaseProps } from './_components/types'

export interface InvitationMailProps extends MailBaseProps {
  reminder: boolean
  /** `${APP_URL}/i/${token}` */
  inviteUrl: string
  /** `${APP_URL}/i/${token}?next=decline` */
  declineUrl: string
  /** the last day the link works, formatted */
  expires: string
  /** the sessions the invitation names; null when it covers every session open to the invitee */
  sessions: Itinerary | null
}

export default function InvitationMail(props: InvitationMailProps) {
  const { lng, event } = props
  const t = mailTranslator(lng)
  const kind = props.reminder ? 'reminder' : 'invitation'
  const values = { event: event.title, dates: event.dates, venue: event.venue || event.address }
  return (
    <MailLayout lng={lng} event={event} preview={t(`email.${kind}.preview`, values)}>
      <Greeting lng={lng} recipient={props.recipient} />
      <Title>{t(`email.${kind}.heading`)}</Title>
      <Paragraph>{t(`email.${kind}.body`, values)}</Paragraph>
      <EventFacts lng={lng} event={event} />
      {props.sessions && props.sessions.days.length > 0 ? (
        <ItineraryView lng={lng} itinerary={props.sessions} heading={t('email.invitation.sessions')} />
      ) : null}
      <Action lng={lng} href={props.inviteUrl} label={t('email.invitation.action')} />
      <Note>{t('email.invitation.actionHint')}</Note>
      <Paragraph>
        {t('email.invitation.decline')} <Link href={props.declineUrl}>{t('email.invitation.declineAction')}</Link>
      </Paragraph>
      <Note>{t('email.invitation.expires', { date: props.expires })}</Note>
      <Note>{t('email.personalLink')}</Note>
      <Paragraph>{t('email.invitation.closing')}</Paragraph>
    </MailLayout>
  )
}

InvitationMail.PreviewProps = {
  lng: 'ja',
  recipient: previewRecipient.ja,
  event: previewEvent.ja,
  reminder: false,
  inviteUrl: `${PREVIEW_APP_URL}/i/preview-token`,
  declineUrl: `${PREVIEW_APP_URL}/i/preview-token?next=decline`,
  expires: '2026年12月24日',
  sessions: previewItinerary,
} satisfies InvitationMailProps
