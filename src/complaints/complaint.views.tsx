import type { FC } from 'hono/jsx'
import type { FieldErrors } from '../lib/errors.ts'
import { formatDateTimeWita } from '../lib/time.ts'
import type { Village } from '../tenancy/village.ts'
import { Alert, CsrfField, Field, FormErrors, Pager, Select, TextArea } from '../web/layout.tsx'
import { PublicPage, StaffPage } from '../web/pages.tsx'
import { VillagePage, villageLabel } from '../portal/portal.views.tsx'
import { COMPLAINT_CATEGORIES, deadlineState, REPLY_DAYS, RESOLVE_DAYS, STATUS_LABEL, type ComplaintCategory } from './complaint.ts'
import type { InboxQuery } from './complaint.schema.ts'
import type { ComplaintRow } from './complaint.table.ts'
import { HONEYPOT_FIELD, type PublicComplaint, type TrackedComplaint } from './complaint.service.ts'

/** Tracking codes in groups of four, easier to read aloud and copy from paper (spaces are ignored when typed back). */
const groupCode = (code: string) => code.replace(/(.{4})(?=.)/g, '$1 ')

const CATEGORY_OPTIONS = [{ value: '', label: '— Pilih kategori —' }, ...Object.entries(COMPLAINT_CATEGORIES).map(([value, label]) => ({ value, label }))]

export interface ComplaintForm { category?: string; anonymous?: string; name?: string; contact?: string; body?: string }

export const ComplaintFormPage: FC<{ village: Village; form: ComplaintForm; published: PublicComplaint[]; errors?: FieldErrors; message?: string }> = ({ village, form, published, errors, message }) => (
  <VillagePage village={village} meta={{ title: `Pengaduan ${villageLabel(village)}`, description: `Sampaikan pengaduan atau aspirasi kepada ${villageLabel(village)} dan ikuti tanggapannya dengan kode pelacakan.`, path: `/desa/${village.code}/pengaduan` }}>
    <h1>Pengaduan dan aspirasi</h1>
    <p>
      Sampaikan keluhan, saran atau usulan kepada pemerintah desa, dengan nama atau tanpa nama. Anda akan menerima
      <strong> kode pelacakan</strong> untuk melihat tanggapan. Sesuai UU 25/2009, pengaduan ditanggapi paling lambat
      {' '}{REPLY_DAYS} hari dan diselesaikan paling lambat {RESOLVE_DAYS} hari.
    </p>
    <p><a href="/pengaduan/lacak">Sudah punya kode pelacakan? Lihat tanggapan</a></p>
    <form method="post" action={`/desa/${village.code}/pengaduan`} enctype="multipart/form-data" class="card" novalidate>
      <CsrfField />
      <FormErrors message={message} errors={errors} />
      <Select name="category" label="Kategori" value={form.category} options={CATEGORY_OPTIONS} errors={errors} required />
      <TextArea name="body" label="Uraian pengaduan atau aspirasi" value={form.body} errors={errors} rows={6} maxlength={5000} required hint="Jelaskan apa, di mana dan sejak kapan. Minimal 20 karakter." />
      <div class="field">
        <input type="checkbox" id="f-anonymous" name="anonymous" value="1" checked={form.anonymous === '1'} />
        <label for="f-anonymous" class="inline">Kirim tanpa nama (nama dan kontak tidak disimpan)</label>
      </div>
      <Field name="name" label="Nama" value={form.name} errors={errors} maxlength={120} autocomplete="name" />
      <Field name="contact" label="Surel atau nomor telepon (tidak wajib)" value={form.contact} errors={errors} maxlength={120} autocomplete="email" hint="Untuk memberi tahu Anda saat pengaduan ditanggapi. Tidak pernah ditampilkan kepada publik." />
      <div class="field">
        <label for="f-photo">Foto pendukung (tidak wajib)</label>
        <input type="file" id="f-photo" name="photo" accept="image/jpeg,image/png,image/webp" aria-describedby={errors?.photo ? 'f-photo-err' : 'f-photo-hint'} aria-invalid={errors?.photo ? 'true' : undefined} />
        <p class="hint" id="f-photo-hint">JPEG, PNG atau WebP, maksimal 8 MB. Lokasi GPS dalam foto dihapus.</p>
        {errors?.photo ? <p class="err" id="f-photo-err">{errors.photo}</p> : null}
      </div>
      <div class="hp" aria-hidden="true">
        <label for="f-hp">Jangan isi kolom ini</label>
        <input type="text" id="f-hp" name={HONEYPOT_FIELD} tabindex={-1} autocomplete="off" value="" />
      </div>
      <button type="submit">Kirim pengaduan</button>
    </form>
    <section>
      <h2>Pengaduan yang sudah ditanggapi</h2>
      {published.length === 0 ? <p class="muted">Belum ada pengaduan yang dipublikasikan.</p> : published.map((p) => (
        <article class="card">
          <p class="muted small">{p.category} · {p.status}{p.repliedAt ? ` · ditanggapi ${formatDateTimeWita(p.repliedAt)}` : ''}</p>
          <p>{p.text}</p>
          <p><strong>Tanggapan:</strong> {p.reply}</p>
        </article>
      ))}
    </section>
    <p class="muted small">Anda juga dapat menyampaikan pengaduan melalui kanal nasional <a href="https://www.lapor.go.id" rel="noopener">SP4N-LAPOR!</a>.</p>
  </VillagePage>
)

const Deadline: FC<{ label: string; due: string; doneAt: string | null; now: number }> = ({ label, due, doneAt, now }) => {
  const s = deadlineState(due, doneAt, now)

  return (
    <>
      <dt>{label}</dt>
      <dd>{formatDateTimeWita(due)} <span class={`badge ${s.kind === 'met' ? 'ok' : s.kind === 'late' ? 'bad' : s.daysLeft <= 3 ? 'warn' : 'info'}`}>{s.label}</span></dd>
    </>
  )
}

export const TrackPage: FC<{ code: string; complaint?: TrackedComplaint; notFoundMessage?: string; fresh?: boolean; now: number }> = ({ code, complaint, notFoundMessage, fresh, now }) => (
  <PublicPage meta={{ title: 'Lacak pengaduan', description: 'Lihat status dan tanggapan pengaduan Anda dengan kode pelacakan.', path: '/pengaduan/lacak', noindex: Boolean(code) }}>
    <h1>Lacak pengaduan</h1>
    {fresh && complaint ? (
      <Alert kind="ok">
        Pengaduan Anda sudah kami terima. Simpan kode pelacakan ini: <strong class="code">{groupCode(complaint.trackingCode)}</strong>
      </Alert>
    ) : null}
    <form method="get" action="/pengaduan/lacak" class="card">
      <Field name="kode" label="Kode pelacakan" value={code} maxlength={40} autocomplete="off" errors={notFoundMessage ? { kode: notFoundMessage } : undefined} />
      <button type="submit">Lihat</button>
    </form>
    {complaint ? (
      <section class="card">
        <h2>Pengaduan kepada {complaint.villageName}</h2>
        <dl class="kv">
          <dt>Kode</dt><dd class="code">{groupCode(complaint.trackingCode)}</dd>
          <dt>Kategori</dt><dd>{complaint.category}</dd>
          <dt>Dikirim</dt><dd>{formatDateTimeWita(complaint.createdAt)}</dd>
          <dt>Status</dt><dd><span class={`badge ${complaint.status === 'selesai' ? 'ok' : complaint.status === 'diproses' ? 'info' : 'warn'}`}>{complaint.statusLabel}</span></dd>
          <Deadline label="Batas tanggapan" due={complaint.replyDue} doneAt={complaint.repliedAt} now={now} />
          <Deadline label="Batas penyelesaian" due={complaint.resolveDue} doneAt={complaint.resolvedAt} now={now} />
        </dl>
        <h3>Isi pengaduan</h3>
        <p class="pre">{complaint.body}</p>
        <h3>Tanggapan desa</h3>
        {complaint.reply ? (
          <>
            <p class="pre">{complaint.reply}</p>
            {complaint.repliedAt ? <p class="muted small">Ditanggapi {formatDateTimeWita(complaint.repliedAt)}</p> : null}
          </>
        ) : <p class="muted">Belum ada tanggapan. Pemerintah desa wajib menanggapi paling lambat {formatDateTimeWita(complaint.replyDue)}.</p>}
        <p><a href={`/desa/${complaint.villageCode}`}>Portal {complaint.villageName}</a></p>
      </section>
    ) : null}
  </PublicPage>
)

const SORTS: { value: InboxQuery['sort']; label: string }[] = [
  { value: 'reply_due', label: 'Batas tanggapan terdekat' },
  { value: 'resolve_due', label: 'Batas penyelesaian terdekat' },
  { value: 'newest', label: 'Terbaru' },
]

export const InboxPage: FC<{ village: Village; rows: ComplaintRow[]; query: InboxQuery; hasNext: boolean; counts: { waiting: number; overdue: number }; now: number }> = ({ village, rows, query, hasNext, counts, now }) => {
  const base = `/staf/desa/${village.code}/pengaduan`
  const qs = (over: Partial<InboxQuery>) => {
    const q = { ...query, ...over }

    return `${base}?status=${q.status}&urut=${q.sort}&hal=${q.page}`
  }

  return (
    <StaffPage meta={{ title: `Pengaduan · ${village.name}` }} villageCode={village.code} villageName={village.name}>
      <h1>Pengaduan dan aspirasi</h1>
      <p>
        <span class="badge warn">{counts.waiting} menunggu</span> <span class={`badge ${counts.overdue ? 'bad' : 'ok'}`}>{counts.overdue} melewati batas waktu</span>
      </p>
      <form method="get" action={base} class="card actions">
        <div class="field">
          <label for="f-status">Status</label>
          <select id="f-status" name="status">
            <option value="" selected={query.status === ''}>Semua</option>
            {(['menunggu', 'diproses', 'selesai'] as const).map((s) => <option value={s} selected={query.status === s}>{STATUS_LABEL[s]}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-urut">Urutkan</label>
          <select id="f-urut" name="urut">
            {SORTS.map((s) => <option value={s.value} selected={query.sort === s.value}>{s.label}</option>)}
          </select>
        </div>
        <button type="submit">Tampilkan</button>
      </form>
      {rows.length === 0 ? <p class="muted">Tidak ada pengaduan.</p> : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">Diterima</th><th scope="col">Kategori</th><th scope="col">Status</th><th scope="col"><a href={qs({ sort: 'reply_due', page: 1 })}>Batas tanggapan</a></th><th scope="col"><a href={qs({ sort: 'resolve_due', page: 1 })}>Batas penyelesaian</a></th></tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const reply = deadlineState(r.reply_due, r.replied_at, now)
                const resolve = deadlineState(r.resolve_due, r.resolved_at, now)

                return (
                  <tr>
                    <td><a href={`${base}/${r.id}`}>{formatDateTimeWita(r.created_at)}</a></td>
                    <td>{COMPLAINT_CATEGORIES[r.category as ComplaintCategory] ?? r.category}{r.photo_file ? ' · foto' : ''}</td>
                    <td>{STATUS_LABEL[r.status]}</td>
                    <td><span class={`badge ${reply.kind === 'met' ? 'ok' : reply.kind === 'late' ? 'bad' : 'info'}`}>{reply.label}</span></td>
                    <td><span class={`badge ${resolve.kind === 'met' ? 'ok' : resolve.kind === 'late' ? 'bad' : 'info'}`}>{resolve.label}</span></td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {query.page > 1 || hasNext ? <Pager page={query.page} hasNext={hasNext} href={(page) => qs({ page })} /> : null}
    </StaffPage>
  )
}

export const ComplaintDetailPage: FC<{ village: Village; c: ComplaintRow; now: number; form?: { reply?: string; status?: string; publicText?: string }; errors?: FieldErrors; message?: string; saved?: boolean }> = ({ village, c, now, form, errors, message, saved }) => {
  const base = `/staf/desa/${village.code}/pengaduan/${c.id}`

  return (
    <StaffPage meta={{ title: `Pengaduan · ${village.name}` }} villageCode={village.code} villageName={village.name}>
      <p><a href={`/staf/desa/${village.code}/pengaduan`}>← Kotak pengaduan</a></p>
      <h1>Pengaduan {COMPLAINT_CATEGORIES[c.category as ComplaintCategory] ?? c.category}</h1>
      {saved ? <Alert kind="ok">Perubahan disimpan.</Alert> : null}
      <FormErrors message={message} errors={errors} />
      <div class="card">
        <dl class="kv">
          <dt>Diterima</dt><dd>{formatDateTimeWita(c.created_at)}</dd>
          <dt>Pengirim</dt><dd>{c.anonymous ? 'Tanpa nama' : c.complainant_name}{c.citizen_account_id ? ' (akun warga)' : ''}</dd>
          {c.contact ? <><dt>Kontak</dt><dd>{c.contact}</dd></> : null}
          <dt>Status</dt><dd>{STATUS_LABEL[c.status]}</dd>
          <Deadline label="Batas tanggapan" due={c.reply_due} doneAt={c.replied_at} now={now} />
          <Deadline label="Batas penyelesaian" due={c.resolve_due} doneAt={c.resolved_at} now={now} />
        </dl>
        <h2>Isi pengaduan</h2>
        <p class="pre">{c.body}</p>
        {c.photo_file ? <p><img src={`${base}/foto`} alt="Foto yang dilampirkan pengadu" class="photo" loading="lazy" /></p> : null}
      </div>
      {c.status !== 'selesai' ? (
        <form method="post" action={`${base}/tanggapan`} class="card">
          <CsrfField />
          <h2>{c.reply ? 'Perbarui tanggapan' : 'Tanggapi'}</h2>
          <TextArea name="reply" label="Tanggapan kepada pengadu" value={form?.reply ?? c.reply} errors={errors} rows={5} maxlength={5000} required />
          <Select name="status" label="Status setelah ditanggapi" value={form?.status ?? 'diproses'} errors={errors} options={[{ value: 'diproses', label: 'Diproses (tindak lanjut berjalan)' }, { value: 'selesai', label: 'Selesai' }]} />
          <button type="submit">Kirim tanggapan</button>
        </form>
      ) : (
        <div class="card"><h2>Tanggapan</h2><p class="pre">{c.reply}</p><p class="muted small">Oleh {c.replied_by}, {c.replied_at ? formatDateTimeWita(c.replied_at) : ''}</p></div>
      )}
      {c.reply ? (
        <form method="post" action={`${base}/publikasi`} class="card">
          <CsrfField />
          <h2>Publikasi di portal</h2>
          <p class="small">Tulis ulang pengaduan tanpa nama, alamat, nomor atau data pribadi lain. Yang tampil: kategori, teks ini dan tanggapan.</p>
          <TextArea name="publicText" label="Teks yang dipublikasikan" value={form?.publicText ?? (c.public_text || '')} errors={errors} rows={4} maxlength={5000} />
          <div class="actions">
            <button type="submit" name="publish" value="1">{c.published ? 'Perbarui publikasi' : 'Publikasikan'}</button>
            {c.published ? <button type="submit" name="publish" value="0" class="secondary">Tarik publikasi</button> : null}
          </div>
        </form>
      ) : null}
    </StaffPage>
  )
}
