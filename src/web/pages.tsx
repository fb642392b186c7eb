import type { FC, PropsWithChildren } from 'hono/jsx'
import { useRequestContext } from 'hono/jsx-renderer'
import { ROLE_LABEL } from '../auth/role.ts'
import type { AppEnv } from './env.ts'
import { CsrfField, Document, TopBar, type PageMeta } from './layout.tsx'
import { scopeNav, villageNav } from './nav.ts'

/** The menu of every public page of a village. */
export const villageLinks = (code: string) => [
  { label: 'Beranda', href: `/desa/${code}` },
  { label: 'Profil', href: `/desa/${code}/profil` },
  { label: 'Berita', href: `/desa/${code}/berita` },
  { label: 'Agenda', href: `/desa/${code}/agenda` },
  { label: 'Layanan', href: `/desa/${code}/layanan` },
  { label: 'Statistik', href: `/desa/${code}/statistik` },
  { label: 'Pengaduan', href: `/desa/${code}/pengaduan` },
]

/** A public page of the regency or of one village. */
export const PublicPage: FC<PropsWithChildren<{ meta: PageMeta; village?: { code: string; name: string; kind: string }; nav?: { label: string; href: string }[] }>> = ({ meta, village, nav, children }) => {
  const c = useRequestContext<AppEnv>()
  const actor = c.get('actor')
  const links = nav ?? (village ? villageLinks(village.code) : [{ label: 'Beranda', href: '/' }])
  const account = actor?.kind === 'staff'
    ? [{ label: 'Area Staf', href: '/staf' }]
    : actor?.kind === 'citizen'
      ? [{ label: 'Layanan Mandiri', href: '/warga' }]
      : [{ label: 'Layanan Mandiri', href: '/warga/masuk' }, { label: 'Masuk Staf', href: '/staf/masuk' }]

  return (
    <Document meta={meta} header={
      <TopBar
        title={village ? `${village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${village.name}` : 'Balai Hulu Sungai Tengah'}
        subtitle={village ? 'Kabupaten Hulu Sungai Tengah' : 'Sistem Informasi dan Pelayanan Desa Terpadu'}
        home={village ? `/desa/${village.code}` : '/'}
        nav={[...links, ...account]}
        current={c.req.path}
      />
    }>
      {children}
    </Document>
  )
}

/** The bar under the top bar of a signed-in area: its own links, then the sign-out button. */
export const AccountBar: FC<PropsWithChildren<{ logout: string }>> = ({ logout, children }) => (
  <div class="no-print account-bar">
    {children}
    <form method="post" action={logout}>
      <CsrfField />
      <button class="secondary" type="submit">Keluar</button>
    </form>
  </div>
)

/** A page of the staff area, with the menu of what the signed-in role may reach. */
export const StaffPage: FC<PropsWithChildren<{ meta: PageMeta; villageCode?: string; villageName?: string }>> = ({ meta, villageCode, villageName, children }) => {
  const c = useRequestContext<AppEnv>()
  const actor = c.get('actor')
  const nav = villageCode ? villageNav(actor, villageCode) : scopeNav(actor)
  const who = actor?.kind === 'staff' ? `${actor.name} · ${ROLE_LABEL[actor.role]}` : ''

  return (
    <Document meta={{ ...meta, noindex: true }} header={
      <>
        <TopBar
          title={villageName ? `Staf · ${villageName}` : 'Balai · Area Staf'}
          subtitle={who}
          home="/staf"
          nav={nav}
          current={c.req.path}
        />
        {actor ? (
          <AccountBar logout="/staf/keluar">
            <a class="btn secondary" href="/staf/sandi">Ganti kata sandi</a>
          </AccountBar>
        ) : null}
      </>
    }>
      {children}
    </Document>
  )
}

/** The page for errors (404, 403, 500 …): the message, and for unexpected ones the request id. */
export const ErrorPage: FC<{ status: number; title: string; message: string; requestId?: string }> = (p) => (
  <PublicPage meta={{ title: p.title, noindex: true }}>
    <div class="card">
      <h1>{p.title}</h1>
      <p>{p.message}</p>
      {p.requestId ? <p class="muted small">Kode permintaan: <code>{p.requestId}</code>. Sebutkan kode ini saat melapor ke petugas.</p> : null}
      <p><a href="/">Kembali ke beranda</a></p>
    </div>
  </PublicPage>
)
