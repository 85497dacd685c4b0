/**
 * What accounts mail: the link that sets an account's password, to a new member of the team
 * (account_invite) or to someone who forgot theirs (password_reset).
 */
import { createElement } from 'react'
import { z } from 'zod'
import { localizedField } from '../i18n/localized'
import { finishMail as finish, type KindRenderer, type MailRenderers, Unrenderable } from '../mail/render.server'
import { accountLinkToken } from './account-tokens.server'

const accountLinkData = z.object({
  tokenId: z.string().min(1),
  invitedBy: z.string().nullable().optional(),
  role: z.enum(['organizer', 'checkin', 'viewer']).nullable().optional(),
})

/** An account's set-password link (ADR 0020): dead once used, replaced or expired. */
const accountLinkMail: KindRenderer = async (db, config, message, { lng, t, data, options }) => {
  const parsed = accountLinkData.safeParse(data)
  if (!parsed.success) throw new Unrenderable('invalid_data')
  const link = await accountLinkToken(db, config.sessionSecret, parsed.data.tokenId, options.now ?? new Date())
  if (!link) throw new Unrenderable('revoked')
  const purpose = message.kind === 'account_invite' ? 'invite' : 'reset'
  const user = await db.selectFrom('users').select(['name']).where('id', '=', link.userId).executeTakeFirst()
  if (!user) throw new Unrenderable('missing')
  const inviter = parsed.data.invitedBy
    ? await db.selectFrom('users').select('name').where('id', '=', parsed.data.invitedBy).executeTakeFirst()
    : undefined
  const event = message.event_id
    ? await db.selectFrom('events').selectAll().where('id', '=', message.event_id).executeTakeFirst()
    : undefined
  const title = event ? localizedField(event, 'title', lng).text : t('app.name')
  const team = event && parsed.data.role ? { event: title, role: t(`team.roles.${parsed.data.role}.name`) } : null
  const url = options.forDisplay
    ? new URL('/password/…', config.appUrl).toString()
    : new URL(`/password/${link.token}`, config.appUrl).toString()
  const { default: AccountLinkMail } = await import('../../emails/account-link')
  const element = createElement(AccountLinkMail, {
    lng,
    recipient: { name: user.name, organization: '' },
    event: { title, dates: '', venue: '', address: '' },
    purpose,
    url,
    inviter: inviter?.name ?? t('email.account.operator'),
    team,
  })
  const subject =
    purpose === 'invite' && event
      ? t('email.account.invite.subjectTeam', { event: title })
      : t(`email.account.${purpose}.subject`)
  return finish(subject, element, [])
}

/** Accounts' mails, by kind. */
export const accountMails: MailRenderers = {
  account_invite: accountLinkMail,
  password_reset: accountLinkMail,
}
