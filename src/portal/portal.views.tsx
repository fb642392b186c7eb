import type { FC, PropsWithChildren } from 'hono/jsx'
import { raw } from 'hono/html'
import type { TreeDistrict } from '../tenancy/region.ts'
import type { Village } from '../tenancy/village.ts'
import { PublicPage } from '../web/pages.tsx'
import { Pager, type PageMeta } from '../web/layout.tsx'
import { formatDateId, formatDateTimeWita } from '../lib/time.ts'
import type { PortalAgendaRow, PortalOfficialRow, PortalPostRow, PostKind } from './portal.table.ts'
import type { ProfileInput } from './portal.schema.ts'
import { markdownExcerpt, renderMarkdown } from './markdown.ts'

export const villageLabel = (v: { kind: string; name: string }) => `${v.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${v.name}`

export const VillagePage: FC<PropsWithChildren<{ village: Village; meta: PageMeta }>> = ({ village, meta, children }) => (
  <PublicPage meta={meta} village={village}>
    {children}
  </PublicPage>
)

/** Figures of the regency front page; a figure whose source module is absent is left out, never invented. */
export interface RegencyFigures {
  residents?: number
  lettersThisMonth?: number
  medianHours?: number | null
}

const PACKAGES = [
  'Peningkatan kapasitas Pembakal dan perangkat desa',
  'Peningkatan kapasitas BPD',
  'Pembinaan BUMDes dan usaha masyarakat',
  'Penghijauan desa',
  'Sistem informasi dan pelayanan desa terpadu secara daring',
  'Pelayanan terpadu bernuansa islami',
  'Desa berkah Asmaul Husna',
]

const number = (n: number) => n.toLocaleString('id-ID')

export function formatHours(h: number): string {
  if (h < 1) return `${Math.max(1, Math.round(h * 60))} menit`
  if (h < 48) return `${number(Math.round(h * 10) / 10)} jam`

  return `${number(Math.round(h / 24))} hari`
}

/** A service's promised time, in working hours as the catalogue sets it (8 working hours = 1 working day). */
export function formatWorkingHours(h: number): string {
  if (h >= 8 && h % 8 === 0) return `${h / 8} hari kerja`

  return `${h} jam kerja`
}

export const RegencyHome: FC<{ regencyName: string; districts: TreeDistrict[]; query: string; figures: RegencyFigures }> = ({ regencyName, districts, query, figures }) => {
  const villages = districts.flatMap((d) => d.villages)
  const live = villages.filter((v) => v.live)
  const q = query.trim().toLowerCase()
  const shown = q ? districts.map((d) => ({ ...d, villages: d.villages.filter((v) => v.name.toLowerCase().includes(q)) })).filter((d) => d.villages.length > 0) : districts
  const matches = shown.reduce((n, d) => n + d.villages.length, 0)

  return (
    <PublicPage meta={{ title: 'Balai', description: `Sapa Si Gadis — pelayanan desa terpadu ${regencyName}: ${live.length} desa/kelurahan sudah melayani secara daring.`, path: '/' }}>
      <h1>{regencyName}</h1>
      <p>
        <strong>Sapa Si Gadis</strong> (Satu Padu Sinergikan Gerakan Desa Kami Tersenyum): sistem informasi dan pelayanan desa
        terpadu. Ajukan surat keterangan tanpa datang ke kantor, ikuti prosesnya, unduh surat yang sudah ditandatangani, dan
        sampaikan pengaduan kepada desa Anda.
      </p>
      <div class="stats card">
        <div class="stat"><span class="muted">Kecamatan</span><b>{districts.length}</b></div>
        <div class="stat"><span class="muted">Desa/kelurahan</span><b>{villages.length}</b></div>
        <div class="stat"><span class="muted">Sudah aktif</span><b>{live.length}</b></div>
        {figures.residents !== undefined ? <div class="stat"><span class="muted">Penduduk terdaftar</span><b>{number(figures.residents)}</b></div> : null}
        {figures.lettersThisMonth !== undefined ? <div class="stat"><span class="muted">Surat terbit bulan ini</span><b>{number(figures.lettersThisMonth)}</b></div> : null}
        {figures.medianHours !== undefined ? <div class="stat"><span class="muted">Median waktu selesai</span><b>{figures.medianHours === null ? '—' : formatHours(figures.medianHours)}</b></div> : null}
      </div>
      <h2 id="cari">Cari desa</h2>
      <form method="get" action="/#cari" role="search" class="search">
        <label for="q">Nama desa atau kelurahan</label>
        <div class="actions">
          <input id="q" name="q" type="search" value={query} maxlength={60} autocomplete="off" />
          <button type="submit">Cari</button>
        </div>
      </form>
      {q ? <p role="status">{matches ? `${matches} desa/kelurahan cocok dengan "${query.trim()}".` : `Tidak ada desa/kelurahan bernama "${query.trim()}".`} <a href="/">Tampilkan semua</a></p> : null}
      <h2>Kecamatan dan desa</h2>
      <p class="muted small">Desa yang sudah aktif ditandai hijau; pilih untuk membuka portalnya.</p>
      {shown.map((d) => (
        <section class="district card">
          <h3>Kecamatan {d.name}</h3>
          <ul>
            {d.villages.map((v) => (
              <li class={v.live ? 'live' : undefined}>
                {v.live ? (
                  <a href={`/desa/${v.code}`}>{v.kind === 'kelurahan' ? 'Kel. ' : ''}{v.name} <span class="sr-only">(aktif)</span></a>
                ) : (
                  <span>{v.kind === 'kelurahan' ? 'Kel. ' : ''}{v.name}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h2 id="program">Tujuh paket program Sapa Si Gadis</h2>
      <div class="table-wrap card">
        <table aria-labelledby="program">
          <thead><tr><th scope="col">No.</th><th scope="col">Paket</th></tr></thead>
          <tbody>{PACKAGES.map((p, i) => <tr><td>{i + 1}</td><td>{p}</td></tr>)}</tbody>
        </table>
      </div>
    </PublicPage>
  )
}

const PostList: FC<{ village: Village; posts: PortalPostRow[]; empty: string }> = ({ village, posts, empty }) =>
  posts.length === 0 ? <p class="muted">{empty}</p> : (
    <ul class="posts">
      {posts.map((p) => (
        <li>
          <a href={`/desa/${village.code}/berita/${p.id}`}>{p.title}</a>
          <span class="muted small"> · {p.kind === 'pengumuman' ? 'Pengumuman' : 'Berita'}, {formatDateId(p.published_at ?? p.created_at)}</span>
          <p class="small">{markdownExcerpt(p.body)}</p>
        </li>
      ))}
    </ul>
  )

const AgendaList: FC<{ items: PortalAgendaRow[] }> = ({ items }) =>
  items.length === 0 ? <p class="muted">Belum ada agenda mendatang.</p> : (
    <ul class="posts">
      {items.map((a) => (
        <li>
          <strong>{a.title}</strong>
          <div class="small">{formatDateId(a.event_date)}{a.event_time ? `, pukul ${a.event_time} WITA` : ''}{a.place ? ` · ${a.place}` : ''}</div>
          {a.description ? <p class="small muted">{a.description}</p> : null}
        </li>
      ))}
    </ul>
  )

const Contact: FC<{ village: Village }> = ({ village }) => (
  <dl class="kv">
    <dt>{village.headTitle}</dt><dd>{village.headName || '—'}</dd>
    <dt>Alamat kantor</dt><dd>{village.address || '—'}</dd>
    <dt>Jam pelayanan</dt><dd>{village.officeHours || '—'}</dd>
    {village.phone ? <><dt>Telepon</dt><dd><a href={`tel:${village.phone.replace(/[^0-9+]/g, '')}`}>{village.phone}</a></dd></> : null}
    {village.email ? <><dt>Surel</dt><dd><a href={`mailto:${village.email}`}>{village.email}</a></dd></> : null}
  </dl>
)

export const VillageHome: FC<{ village: Village; announcements: PortalPostRow[]; news: PortalPostRow[]; agenda: PortalAgendaRow[] }> = ({ village, announcements, news, agenda }) => (
  <VillagePage village={village} meta={{ title: villageLabel(village), description: `Portal resmi ${villageLabel(village)}, Kecamatan ${village.districtName}: pengumuman, layanan surat, pengaduan dan data desa.`, path: `/desa/${village.code}` }}>
    <div class="card">
      {village.logoFile ? <img src={`/desa/${village.code}/logo.png`} alt={`Logo ${village.name}`} width="72" height="72" class="logo" /> : null}
      <h1>{villageLabel(village)}</h1>
      <p>Kecamatan {village.districtName}, Kabupaten Hulu Sungai Tengah</p>
      <Contact village={village} />
    </div>
    <nav class="quick" aria-label="Layanan utama">
      <a class="btn" href={`/desa/${village.code}/layanan`}>Layanan surat</a>
      <a class="btn" href={`/desa/${village.code}/pengaduan`}>Sampaikan pengaduan</a>
      <a class="btn secondary" href={`/desa/${village.code}/statistik`}>Statistik penduduk</a>
      <a class="btn secondary" href={`/desa/${village.code}/profil`}>Profil desa</a>
    </nav>
    <div class="cols">
      <section class="card">
        <h2>Pengumuman terbaru</h2>
        <PostList village={village} posts={announcements} empty="Belum ada pengumuman." />
        <p><a href={`/desa/${village.code}/berita?jenis=pengumuman`}>Semua pengumuman</a></p>
      </section>
      <section class="card">
        <h2>Berita desa</h2>
        <PostList village={village} posts={news} empty="Belum ada berita." />
        <p><a href={`/desa/${village.code}/berita?jenis=berita`}>Semua berita</a></p>
      </section>
      <section class="card">
        <h2>Agenda</h2>
        <AgendaList items={agenda} />
        <p><a href={`/desa/${village.code}/agenda`}>Semua agenda</a></p>
      </section>
    </div>
  </VillagePage>
)

const Prose: FC<{ md: string }> = ({ md }) => <div class="prose">{raw(renderMarkdown(md))}</div>

export const ProfilePage: FC<{ village: Village; profile: ProfileInput & { updatedAt: string | null }; officials: PortalOfficialRow[] }> = ({ village, profile, officials }) => {
  const sections: [string, string][] = [['Sejarah', profile.history], ['Geografi', profile.geography], ['Visi', profile.vision], ['Misi', profile.mission]]
  const filled = sections.filter(([, t]) => t.trim())

  return (
    <VillagePage village={village} meta={{ title: `Profil ${villageLabel(village)}`, description: markdownExcerpt(profile.history || profile.vision || `Profil, visi, misi dan perangkat ${villageLabel(village)}.`, 160), path: `/desa/${village.code}/profil` }}>
      <h1>Profil {villageLabel(village)}</h1>
      {filled.length === 0 ? <p class="muted">Profil desa belum diisi.</p> : filled.map(([h, t]) => (
        <section class="card">
          <h2>{h}</h2>
          <Prose md={t} />
        </section>
      ))}
      <section class="card">
        <h2>Perangkat desa</h2>
        {officials.length === 0 ? <p class="muted">Daftar perangkat desa belum diisi.</p> : (
          <dl class="kv">
            {officials.map((o) => <><dt>{o.position}</dt><dd>{o.name}</dd></>)}
          </dl>
        )}
      </section>
      <section class="card">
        <h2>Kantor dan kontak</h2>
        <Contact village={village} />
      </section>
      {profile.updatedAt ? <p class="muted small">Diperbarui {formatDateTimeWita(profile.updatedAt)}.</p> : null}
    </VillagePage>
  )
}

const KIND_TITLE: Record<PostKind, string> = { berita: 'Berita', pengumuman: 'Pengumuman' }

export const NewsIndex: FC<{ village: Village; kind?: PostKind; posts: PortalPostRow[]; page: number; hasNext: boolean }> = ({ village, kind, posts, page, hasNext }) => {
  const title = kind ? KIND_TITLE[kind] : 'Berita dan pengumuman'
  const base = `/desa/${village.code}/berita${kind ? `?jenis=${kind}&` : '?'}`

  return (
    <VillagePage village={village} meta={{ title: `${title} ${villageLabel(village)}`, description: `${title} resmi dari ${villageLabel(village)}.`, path: `/desa/${village.code}/berita${kind ? `?jenis=${kind}` : ''}` }}>
      <h1>{title}</h1>
      <p class="actions small">
        <a href={`/desa/${village.code}/berita`} aria-current={!kind ? 'page' : undefined}>Semua</a>
        <a href={`/desa/${village.code}/berita?jenis=pengumuman`} aria-current={kind === 'pengumuman' ? 'page' : undefined}>Pengumuman</a>
        <a href={`/desa/${village.code}/berita?jenis=berita`} aria-current={kind === 'berita' ? 'page' : undefined}>Berita</a>
      </p>
      <div class="card"><PostList village={village} posts={posts} empty="Belum ada tulisan." /></div>
      {page > 1 || hasNext ? <Pager page={page} hasNext={hasNext} href={(n) => `${base}hal=${n}`} /> : null}
    </VillagePage>
  )
}

export const PostPage: FC<{ village: Village; post: PortalPostRow }> = ({ village, post }) => (
  <VillagePage village={village} meta={{ title: post.title, description: markdownExcerpt(post.body, 160), path: `/desa/${village.code}/berita/${post.id}`, image: post.image_file ? `/desa/${village.code}/berita/${post.id}/gambar.jpg` : undefined, type: 'article' }}>
    <article class="card">
      <p class="muted small">{KIND_TITLE[post.kind]} · {formatDateTimeWita(post.published_at ?? post.created_at)}{post.author_name ? ` · ${post.author_name}` : ''}</p>
      <h1>{post.title}</h1>
      {post.image_file ? <img src={`/desa/${village.code}/berita/${post.id}/gambar.jpg`} alt="" width={post.image_width ?? undefined} height={post.image_height ?? undefined} loading="lazy" class="photo" /> : null}
      <Prose md={post.body} />
    </article>
    <p><a href={`/desa/${village.code}/berita`}>← Berita dan pengumuman lainnya</a></p>
  </VillagePage>
)

export const AgendaPage: FC<{ village: Village; items: PortalAgendaRow[] }> = ({ village, items }) => (
  <VillagePage village={village} meta={{ title: `Agenda ${villageLabel(village)}`, description: `Kegiatan mendatang di ${villageLabel(village)}.`, path: `/desa/${village.code}/agenda` }}>
    <h1>Agenda kegiatan</h1>
    <div class="card"><AgendaList items={items} /></div>
    <p class="muted small">Waktu dalam WITA.</p>
  </VillagePage>
)

/** A letter type as the service catalogue offers it (SERVICES' listVillageLetterTypes). */
export interface CatalogueEntry {
  code: string; name: string; online: boolean; requirements: string[]; slaHours: number; validityDays: number; fee: string
  fields?: { name: string; label: string; type: string; required: boolean }[]
}

export const ServicesPage: FC<{ village: Village; types: CatalogueEntry[]; pledge: string }> = ({ village, types, pledge }) => (
  <VillagePage village={village} meta={{ title: `Layanan surat ${villageLabel(village)}`, description: `Jenis surat, persyaratan, waktu penyelesaian dan biaya (gratis) di ${villageLabel(village)}.`, path: `/desa/${village.code}/layanan` }}>
    <h1>Layanan surat</h1>
    <p>Semua layanan surat <strong>tidak dipungut biaya</strong>. Surat yang dapat diajukan daring bisa dimohon dari rumah melalui <a href="/warga/masuk">layanan mandiri warga</a>. Pilih jenis surat untuk melihat persyaratannya.</p>
    {types.length === 0 ? <p class="muted card">Katalog layanan desa ini belum tersedia.</p> : types.map((t) => (
      // Closed by default so a phone shows the whole list first; opens without JavaScript.
      <details class="card service" id={`surat-${t.code}`}>
        <summary><h2>{t.name}</h2><span class="muted small">{formatWorkingHours(t.slaHours)} · {t.fee}</span></summary>
        <dl class="kv">
          <dt>Waktu penyelesaian</dt><dd>{formatWorkingHours(t.slaHours)}</dd>
          <dt>Biaya</dt><dd>{t.fee}</dd>
          <dt>Masa berlaku</dt><dd>{t.validityDays > 0 ? `${t.validityDays} hari` : 'Tidak dibatasi'}</dd>
          <dt>Pengajuan</dt><dd>{t.online ? 'Daring atau di kantor desa' : 'Di kantor desa'}</dd>
        </dl>
        <h3>Persyaratan</h3>
        {t.requirements.length ? <ul>{t.requirements.map((r) => <li>{r}</li>)}</ul> : <p class="muted">Tidak ada persyaratan tambahan.</p>}
        {t.online ? <p><a class="btn" href={`/warga/surat/ajukan/${t.code}`}>Ajukan daring<span class="sr-only">: {t.name}</span></a></p> : null}
      </details>
    ))}
    <section class="card">
      <h2>Maklumat pelayanan</h2>
      {pledge ? <Prose md={pledge} /> : <p class="muted">Maklumat pelayanan belum ditetapkan.</p>}
    </section>
    <section class="card">
      <h2>Jam pelayanan dan kontak</h2>
      <Contact village={village} />
    </section>
  </VillagePage>
)
