// The open registration form was sent with this address, and the answer was "check your mail":
// 'known' (the address already had a person and a link for the event: nothing was changed, here
// is their own link) or 'pending' (a new registration awaits the organizers' approval). Either way
// the link is how the mailbox's owner goes on; whoever typed the address never sees it.
import { mailTranslator } from '../app/mail/translate'
import { Action, EventFacts, Greeting, MailLayout, Note, Paragraph, Title } from './_components/layout'
import { PREVIEW_APP_URL, previewEvent, previewRecipient } from './_components/preview-data'
import type { MailBaseProps } from './_components/types'

export type AccessLinkState = 'known' | 'pending'

export interface AccessLinkMailProps extends MailBaseProps {
  state: AccessLinkState
  /** the person's own link: `${APP_URL}/i/${token}` */
  portalUrl: string
}

export default function AccessLinkMail(props: AccessLinkMailProps) {
  const { lng, event, state } = props
  const t = mailTranslator(lng)
  return (
    <MailLayout lng={lng} event={event} preview={t(`email.accessLink.${state}.preview`, { event: event.title })}>
      <Greeting lng={lng} recipient={props.recipient} />
      <Title>{t(`email.accessLink.${state}.heading`)}</Title>
      <Paragraph>{t(`email.accessLink.${state}.body`, { event: event.title })}</Paragraph>
      <EventFacts lng={lng} event={event} />
      <Action lng={lng} href={props.portalUrl} label={t('email.accessLink.action')} />
      <Note>{t('email.accessLink.notYou')}</Note>
      <Note>{t('email.personalLink')}</Note>
    </MailLayout>
  )
}

AccessLinkMail.PreviewProps = {
  lng: 'en',
  recipient: previewRecipient.en,
  event: previewEvent.en,
  state: 'known',
  portalUrl: `${PREVIEW_APP_URL}/i/preview-token`,
} satisfies AccessLinkMailProps
