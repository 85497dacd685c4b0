// A Signet account's one-time link to set its password (ADR 0020): the invitation of a colleague
// (by an admin, or with a role on an event's team), or a reset someone asked for. The person sets
// the password themselves; nobody else ever types or sees it.
import { mailTranslator } from '../app/mail/translate'
import { Action, Greeting, MailLayout, Note, Paragraph, Title } from './_components/layout'
import { PREVIEW_APP_URL } from './_components/preview-data'
import type { MailBaseProps } from './_components/types'

export interface AccountLinkMailProps extends MailBaseProps {
  purpose: 'invite' | 'reset'
  /** `${APP_URL}/password/${token}` */
  url: string
  /** who invited (invite only) */
  inviter: string
  /** the event and the role the invitation carries, if any (already translated) */
  team: { event: string; role: string } | null
}

export default function AccountLinkMail(props: AccountLinkMailProps) {
  const { lng, purpose, team } = props
  const t = mailTranslator(lng)
  const k = `email.account.${purpose}`
  const body =
    purpose === 'invite'
      ? team
        ? t('email.account.invite.bodyTeam', { inviter: props.inviter, event: team.event, role: team.role })
        : t('email.account.invite.body', { inviter: props.inviter })
      : t('email.account.reset.body')
  return (
    <MailLayout lng={lng} event={props.event} account preview={t(`${k}.preview`)}>
      <Greeting lng={lng} recipient={props.recipient} />
      <Title>{t(`${k}.heading`)}</Title>
      <Paragraph>{body}</Paragraph>
      <Action lng={lng} href={props.url} label={t(`${k}.action`)} />
      <Note>{t(`${k}.expiry`)}</Note>
      <Note>{t(`${k}.notYou`)}</Note>
    </MailLayout>
  )
}

AccountLinkMail.PreviewProps = {
  lng: 'en',
  recipient: { name: 'Wang Fang', organization: '' },
  event: { title: 'Signet', dates: '', venue: '', address: '' },
  purpose: 'invite',
  url: `${PREVIEW_APP_URL}/password/preview-token`,
  inviter: 'Li Ming',
  team: { event: 'Yantai Japan Week 2026', role: 'Check-in staff' },
} satisfies AccountLinkMailProps
