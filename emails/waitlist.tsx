// Waitlist: 'waitlisted' (these sessions are full; you are on the waitlist) or 'promoted' (a place
// opened and is now confirmed for you).
import { mailTranslator } from '../app/mail/translate'
import { Action, Greeting, ItineraryView, MailLayout, Note, Paragraph, Title } from './_components/layout'
import { PREVIEW_APP_URL, previewEvent, previewRecipient } from './_components/preview-data'
import type { Itinerary, MailBaseProps } from './_components/types'

export type WaitlistState = 'waitlisted' | 'promoted'

export interface WaitlistMailProps extends MailBaseProps {
  state: WaitlistState
  /** the sessions this mail is about */
  sessions: Itinerary
  portalUrl: string
}

export default function WaitlistMail(props: WaitlistMailProps) {
  const { lng, event, state } = props
  const t = mailTranslator(lng)
  return (
    <MailLayout lng={lng} event={event} preview={t(`email.waitlist.${state}.preview`, { event: event.title })}>
      <Greeting lng={lng} recipient={props.recipient} />
      <Title>{t(`email.waitlist.${state}.heading`)}</Title>
      <Paragraph>{t(`email.waitlist.${state}.body`, { event: event.title })}</Paragraph>
      <ItineraryView lng={lng} itinerary={props.sessions} heading={null} />
      {state === 'promoted' ? <Note>{t('email.waitlist.ticketSame')}</Note> : null}
      <Action lng={lng} href={props.portalUrl} label={t('email.manage')} />
      <Note>{t('email.personalLink')}</Note>
    </MailLayout>
  )
}

WaitlistMail.PreviewProps = {
  lng: 'zh',
  recipient: previewRecipient.zh,
  event: previewEvent.zh,
  state: 'promoted',
  sessions: {
    timeZone: '中国标准时间（GMT+8）',
    days: [
      {
        label: '2026年12月22日星期二',
        sessions: [
          {
            id: 's2',
            time: '14:00–16:30',
            title: '氢能产业论坛',
            place: '第二会议室',
            meeting: '',
            waitlisted: false,
          },
        ],
      },
    ],
  },
  portalUrl: `${PREVIEW_APP_URL}/i/preview-token`,
} satisfies WaitlistMailProps
