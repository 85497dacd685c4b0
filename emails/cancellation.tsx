// Cancellation: of the whole registration (sessions: null), or of some sessions only.
import { mailTranslator } from '../app/mail/translate'
import { Action, Greeting, ItineraryView, MailLayout, Note, Paragraph, Title } from './_components/layout'
import { PREVIEW_APP_URL, previewEvent, previewRecipient } from './_components/preview-data'
import type { Itinerary, MailBaseProps } from './_components/types'

export interface CancellationMailProps extends MailBaseProps {
  /** the cancelled sessions; null when the whole registration was cancelled */
  sessions: Itinerary | null
  /** the delegate's page, when the invitation is still valid */
  portalUrl: string | null
}

export default function CancellationMail(props: CancellationMailProps) {
  const { lng, event, sessions } = props
  const t = mailTranslator(lng)
  const values = { event: event.title, dates: event.dates }
  return (
    <MailLayout lng={lng} event={event} preview={t('email.cancellation.preview', values)}>
      <Greeting lng={lng} recipient={props.recipient} />
      {sessions ? (
        <>
          <Title>{t('email.cancellation.sessionsHeading')}</Title>
          <Paragraph>{t('email.cancellation.sessionsBody', values)}</Paragraph>
          <ItineraryView lng={lng} itinerary={sessions} heading={null} />
        </>
      ) : (
        <>
          <Title>{t('email.cancellation.heading')}</Title>
          <Paragraph>{t('email.cancellation.body', values)}</Paragraph>
        </>
      )}
      <Note>{t('email.cancellation.contact')}</Note>
      {props.portalUrl ? <Action lng={lng} href={props.portalUrl} label={t('email.manage')} /> : null}
      {sessions ? null : <Paragraph>{t('email.cancellation.closing')}</Paragraph>}
    </MailLayout>
  )
}

CancellationMail.PreviewProps = {
  lng: 'en',
  recipient: previewRecipient.en,
  event: previewEvent.en,
  sessions: null,
  portalUrl: `${PREVIEW_APP_URL}/i/preview-token`,
} satisfies CancellationMailProps
