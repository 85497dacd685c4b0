import { requireUser } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n } from '../i18n/i18n.server'
import { findOutboxMessage } from '../mail/outbox.server'
import { inlineImages } from '../mail/render.server'
import { renderMail } from '../server/mails.server'
import type { Route } from './+types/outbox-message-html'

// The mail's HTML, rendered now, for the sandboxed frame on /outbox/:id. It is a stranger's
// markup as far as this site is concerned: no scripts, no requests, inline styles and data:
// images only (the ticket's cid: image is inlined), and only our own pages may frame it
// (app/server/app.ts relaxes X-Frame-Options to SAMEORIGIN for this path alone).
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUser(request, context)
  const { db, config } = context.get(appContext)
  const t = getI18n(context).t
  const found = await findOutboxMessage(db, user, params.id)
  const rendered = found ? await renderMail(db, config, found.message, { forDisplay: true }) : null
  if (!rendered?.ok) {
    return new Response(t('errors.not_found'), {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    })
  }
  return new Response(inlineImages(rendered.html, rendered.attachments), {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
      'Cache-Control': 'no-store',
    },
  })
}
