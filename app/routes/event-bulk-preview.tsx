import { data } from 'react-router'
import { requireEventAccess } from '../http/access.server'
import { appContext } from '../http/context'
import { isLanguage } from '../i18n/languages'
import { inlineImages } from '../mail/render.server'
import { readBulkMode } from '../registration/bulk-send-page.server'
import { sampleInvitation } from '../registration/mail-batches.server'
import { renderMail } from '../server/mails.server'
import type { Route } from './+types/event-bulk-preview'

// The mail a bulk send would send in one language, as one of its recipients gets it but without
// their personal link, for the sandboxed frame of the bulk send page. Like the Outbox's frame: no
// scripts, no requests, and only our own pages may frame it (app/server/app.ts).
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event } = await requireEventAccess(request, context, params.slug, 'event.edit')
  const { db, config } = context.get(appContext)
  const url = new URL(request.url)
  const mode = readBulkMode(url.searchParams.get('mode'))
  const language = params.lng
  if (!mode || !isLanguage(language)) throw data({ code: 'not_found' }, { status: 404 })
  // The frame names the invitation it shows, so it still renders when the list has changed
  // since the page was drawn (the send was confirmed while the frame loaded).
  const sample = await sampleInvitation(db, event.id, url.searchParams.get('invitation') ?? '')
  const rendered = sample
    ? await renderMail(
        db,
        config,
        {
          kind: mode === 'remind' ? 'reminder' : 'invitation',
          event_id: event.id,
          invitation_id: sample.id,
          registration_id: null,
          language,
          data: JSON.stringify({ sample: true }),
        },
        { forDisplay: true },
      )
    : null
  if (!rendered?.ok) throw data({ code: 'not_found' }, { status: 404 })
  return new Response(inlineImages(rendered.html, rendered.attachments), {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
      'Cache-Control': 'no-store',
    },
  })
}
