import type { FC, PropsWithChildren } from 'hono/jsx'
import type { FieldErrors } from '../lib/errors.ts'
import { formatDateId, formatDateTimeWita } from '../lib/time.ts'
import type { Village } from '../tenancy/village.ts'
import { Alert, CsrfField, Field, FormErrors, Pager, Select, TextArea } from '../web/layout.tsx'
import { StaffPage } from '../web/pages.tsx'
import type { PortalAgendaRow, PortalOfficialRow, PortalPostRow } from './portal.table.ts'
import type { ProfileInput } from './portal.schema.ts'

const MD_HINT = 'Format Markdown: **tebal**, *miring*, daftar dengan "- ", judul dengan "## ". HTML tidak dijalankan.'

const PortalStaff: FC<PropsWithChildren<{ village: Village; title: string; saved?: boolean }>> = ({ village, title, saved, children }) => {
  const base = `/staf/desa/${village.code}/portal`

  return (
    <StaffPage meta={{ title: `${title} · ${village.name}` }} villageCode={village.code} villageName={village.name}>
      <nav class="actions small" aria-label="Bagian portal">
        <a href={base}>Profil</a>
        <a href={`${base}/perangkat`}>Perangkat desa</a>
        <a href={`${base}/berita`}>Berita dan pengumuman</a>
        <a href={`${base}/agenda`}>Agenda</a>
        <a href={`/desa/${village.code}`}>Lihat portal publik</a>
      </nav>
      <h1>{title}</h1>
      {saved ? <Alert kind="ok">Perubahan disimpan.</Alert> : null}
      {children}
    </StaffPage>
  )
}

export const ProfileEditPage: FC<{ village: Village; form: ProfileInput; errors?: FieldErrors; message?: string; saved?: boolean }> = ({ village, form, errors, message, saved }) => (
  <PortalStaff village={village} title="Profil desa" saved={saved}>
    <form method="post" action={`/staf/desa/${village.code}/portal`} class="card">
      <CsrfField />
      <FormErrors message={message} errors={errors} />
      <TextArea name="history" label="Sejarah" value={form.history} errors={errors} rows={8} hint={MD_HINT} />
      <TextArea name="geography" label="Geografi (luas, batas wilayah, dusun)" value={form.geography} errors={errors} rows={5} />
      <TextArea name="vision" label="Visi" value={form.vision} errors={errors} rows={3} />
      <TextArea name="mission" label="Misi" value={form.mission} errors={errors} rows={6} />
      <p class="small muted">Jam pelayanan, alamat dan kontak kantor diubah di <a href={`/staf/desa/${village.code}/pengaturan`}>Pengaturan</a>.</p>
      <button type="submit">Simpan profil</button>
    </form>
  </PortalStaff>
)

export const OfficialsEditPage: FC<{ village: Village; officials: PortalOfficialRow[]; form?: Record<string, string>; errors?: FieldErrors; message?: string; saved?: boolean }> = ({ village, officials, form, errors, message, saved }) => {
  const base = `/staf/desa/${village.code}/portal/perangkat`

  return (
    <PortalStaff village={village} title="Perangkat desa" saved={saved}>
      <FormErrors message={message} errors={errors} />
      {officials.length === 0 ? <p class="muted">Belum ada perangkat desa.</p> : (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">Urutan</th><th scope="col">Nama</th><th scope="col">Jabatan</th><th scope="col">Tindakan</th></tr></thead>
            <tbody>
              {officials.map((o) => (
                <tr>
                  <td colspan={4}>
                    <form method="post" action={`${base}/${o.id}`} class="row-form">
                      <CsrfField />
                      <label class="sr-only" for={`o-${o.id}-sort`}>Urutan</label>
                      <input id={`o-${o.id}-sort`} name="sortOrder" value={String(o.sort_order)} inputmode="numeric" class="narrow" />
                      <label class="sr-only" for={`o-${o.id}-name`}>Nama</label>
                      <input id={`o-${o.id}-name`} name="name" value={o.name} maxlength={120} />
                      <label class="sr-only" for={`o-${o.id}-pos`}>Jabatan</label>
                      <input id={`o-${o.id}-pos`} name="position" value={o.position} maxlength={120} />
                      <button type="submit" class="secondary">Simpan</button>
                      <button type="submit" class="danger" formaction={`${base}/${o.id}/hapus`}>Hapus</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form method="post" action={base} class="card">
        <CsrfField />
        <h2>Tambah perangkat</h2>
        <Field name="name" label="Nama" value={form?.name} errors={errors} maxlength={120} required />
        <Field name="position" label="Jabatan" value={form?.position} errors={errors} maxlength={120} required hint="Misalnya Sekretaris Desa, Kaur Keuangan, Kasi Pelayanan, Kepala Dusun I." />
        <Field name="sortOrder" label="Urutan tampil" value={form?.sortOrder ?? String((officials.at(-1)?.sort_order ?? 0) + 10)} errors={errors} inputmode="numeric" />
        <button type="submit">Tambah</button>
      </form>
    </PortalStaff>
  )
}

export const PostsStaffPage: FC<{ village: Village; posts: PortalPostRow[]; page: number; hasNext: boolean; saved?: boolean }> = ({ village, posts, page, hasNext, saved }) => {
  const base = `/staf/desa/${village.code}/portal/berita`

  return (
    <PortalStaff village={village} title="Berita dan pengumuman" saved={saved}>
      <p><a class="btn" href={`${base}/baru`}>Tulis baru</a></p>
      {posts.length === 0 ? <p class="muted">Belum ada tulisan.</p> : (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">Judul</th><th scope="col">Jenis</th><th scope="col">Status</th><th scope="col">Diubah</th></tr></thead>
            <tbody>
              {posts.map((p) => (
                <tr>
                  <td><a href={`${base}/${p.id}`}>{p.title}</a></td>
                  <td>{p.kind === 'pengumuman' ? 'Pengumuman' : 'Berita'}</td>
                  <td>{p.status === 'published' ? <span class="badge ok">Terbit {p.published_at ? formatDateId(p.published_at) : ''}</span> : <span class="badge">Draf</span>}</td>
                  <td>{formatDateTimeWita(p.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page > 1 || hasNext ? <Pager page={page} hasNext={hasNext} href={(n) => `${base}?hal=${n}`} /> : null}
    </PortalStaff>
  )
}

export const PostFormPage: FC<{ village: Village; post?: PortalPostRow; form: { kind?: string; title?: string; body?: string }; errors?: FieldErrors; message?: string; saved?: boolean }> = ({ village, post, form, errors, message, saved }) => {
  const base = `/staf/desa/${village.code}/portal/berita`
  const action = post ? `${base}/${post.id}` : `${base}/baru`

  return (
    <PortalStaff village={village} title={post ? 'Ubah tulisan' : 'Tulis berita atau pengumuman'} saved={saved}>
      {post ? <p>Status: {post.status === 'published' ? <span class="badge ok">Terbit</span> : <span class="badge">Draf</span>}{post.status === 'published' ? <> · <a href={`/desa/${village.code}/berita/${post.id}`}>Lihat di portal</a></> : null}</p> : null}
      <form method="post" action={action} enctype="multipart/form-data" class="card">
        <CsrfField />
        <FormErrors message={message} errors={errors} />
        <Select name="kind" label="Jenis" value={form.kind ?? 'berita'} errors={errors} options={[{ value: 'berita', label: 'Berita' }, { value: 'pengumuman', label: 'Pengumuman' }]} />
        <Field name="title" label="Judul" value={form.title} errors={errors} maxlength={160} required />
        <TextArea name="body" label="Isi" value={form.body} errors={errors} rows={14} hint={MD_HINT} required />
        <div class="field">
          <label for="f-image">Gambar (tidak wajib)</label>
          <input type="file" id="f-image" name="image" accept="image/jpeg,image/png,image/webp" aria-describedby={errors?.image ? 'f-image-err' : 'f-image-hint'} aria-invalid={errors?.image ? 'true' : undefined} />
          <p class="hint" id="f-image-hint">JPEG, PNG atau WebP, maksimal 8 MB; diperkecil otomatis menjadi lebar paling besar 1200 piksel.</p>
          {errors?.image ? <p class="err" id="f-image-err">{errors.image}</p> : null}
          {post?.image_file ? (
            <p><input type="checkbox" id="f-removeImage" name="removeImage" value="1" /> <label for="f-removeImage" class="inline">Hapus gambar yang ada</label></p>
          ) : null}
        </div>
        <div class="actions">
          {post ? <button type="submit">Simpan</button> : (
            <>
              <button type="submit" name="publish" value="0" class="secondary">Simpan sebagai draf</button>
              <button type="submit" name="publish" value="1">Terbitkan</button>
            </>
          )}
        </div>
      </form>
      {post ? (
        <form method="post" action={`${base}/${post.id}/status`} class="actions">
          <CsrfField />
          {post.status === 'published'
            ? <button type="submit" name="publish" value="0" class="secondary">Tarik menjadi draf</button>
            : <button type="submit" name="publish" value="1">Terbitkan</button>}
          <button type="submit" class="danger" formaction={`${base}/${post.id}/hapus`}>Hapus tulisan</button>
        </form>
      ) : null}
    </PortalStaff>
  )
}

export const AgendaStaffPage: FC<{ village: Village; items: PortalAgendaRow[]; form?: Record<string, string>; errors?: FieldErrors; message?: string; saved?: boolean }> = ({ village, items, form, errors, message, saved }) => {
  const base = `/staf/desa/${village.code}/portal/agenda`

  return (
    <PortalStaff village={village} title="Agenda kegiatan" saved={saved}>
      {items.length === 0 ? <p class="muted">Belum ada agenda.</p> : (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">Tanggal</th><th scope="col">Kegiatan</th><th scope="col">Tempat</th><th scope="col">Tindakan</th></tr></thead>
            <tbody>
              {items.map((a) => (
                <tr>
                  <td>{formatDateId(a.event_date)}{a.event_time ? `, ${a.event_time} WITA` : ''}</td>
                  <td>{a.title}</td>
                  <td>{a.place || '—'}</td>
                  <td>
                    <form method="post" action={`${base}/${a.id}/hapus`}>
                      <CsrfField />
                      <button type="submit" class="danger">Hapus</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form method="post" action={base} class="card">
        <CsrfField />
        <h2>Tambah agenda</h2>
        <FormErrors message={message} errors={errors} />
        <Field name="title" label="Nama kegiatan" value={form?.title} errors={errors} maxlength={160} required />
        <Field name="eventDate" label="Tanggal" type="date" value={form?.eventDate} errors={errors} required />
        <Field name="eventTime" label="Jam (WITA, tidak wajib)" value={form?.eventTime} errors={errors} hint="Misalnya 09.00" maxlength={5} />
        <Field name="place" label="Tempat" value={form?.place} errors={errors} maxlength={160} />
        <TextArea name="description" label="Keterangan" value={form?.description} errors={errors} rows={3} maxlength={2000} />
        <button type="submit">Tambah agenda</button>
      </form>
    </PortalStaff>
  )
}
