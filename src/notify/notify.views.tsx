import type { FC } from 'hono/jsx'
import { CsrfField } from '../web/layout.tsx'
import { formatDateTimeWita } from '../lib/time.ts'
import type { NotificationRow } from './notify.table.ts'

/** Only links inside Balai or to http(s) addresses become anchors; anything else stays text. */
function safeHref(link: string | null): string | null {
  if (!link) return null
  if (link.startsWith('/') && !link.startsWith('//')) return link

  return /^https?:\/\//i.test(link) ? link : null
}

/**
 * The resident's notifications, newest first, for the citizen home. Give `markReadAction` (a
 * POST address that calls markNotificationsRead) to show the "mark all read" button; the form
 * carries the CSRF token, so it must render inside a request with the CSRF middleware.
 */
export const NotificationList: FC<{ items: NotificationRow[]; markReadAction?: string; title?: string }> = ({ items, markReadAction, title }) => {
  const unread = items.filter((n) => !n.read_at).length

  return (
    <section class="card notices" aria-labelledby="pemberitahuan">
      <h2 id="pemberitahuan">
        {title ?? 'Pemberitahuan'} {unread > 0 ? <span class="badge info">{unread} baru</span> : null}
      </h2>
      {items.length === 0 ? (
        <p class="muted">Belum ada pemberitahuan.</p>
      ) : (
        <ul class="notice-list">
          {items.map((n) => {
            const href = safeHref(n.link)

            return (
              <li class={n.read_at ? 'notice' : 'notice unread'}>
                <p class="notice-head">
                  {n.read_at ? null : <span class="sr-only">Belum dibaca: </span>}
                  <b>{n.subject}</b>
                </p>
                <p class="notice-body">{n.body}</p>
                <p class="small muted">
                  <time datetime={n.created_at}>{formatDateTimeWita(n.created_at)}</time>
                  {href ? (
                    <>
                      {' · '}
                      <a href={href}>Lihat rincian</a>
                    </>
                  ) : null}
                </p>
              </li>
            )
          })}
        </ul>
      )}
      {markReadAction && unread > 0 ? (
        <form method="post" action={markReadAction} class="actions">
          <CsrfField />
          <button type="submit" class="secondary">Tandai semua sudah dibaca</button>
        </form>
      ) : null}
    </section>
  )
}
