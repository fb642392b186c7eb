import type { FC } from 'hono/jsx'
import type { FieldErrors } from '../lib/errors.ts'
import { formatDateId, formatDateTimeWita } from '../lib/time.ts'
import { maskNik } from '../lib/mask.ts'
import { Alert, CsrfField, Field, FormErrors, Select } from '../web/layout.tsx'
import { PublicPage } from '../web/pages.tsx'
import { CitizenPage } from '../citizens/citizen.views.tsx'
import type { ResidentProfile } from '../residents/resident.service.ts'
import type { VillageLetterType } from './catalogue.service.ts'
import type { RequestDetail, TrackingView } from './request.service.ts'
import { STATE_LABEL, type RequestState } from './request-state.ts'
import type { LetterRequestRow } from './services.table.ts'
import { StateBadge, SubmittedValues, Timeline, TypeFields, hoursText } from './shared.views.tsx'
import { UploadInputs } from './staff.views.tsx'

export const OwnRequestsTable: FC<{ rows: LetterRequestRow[]; names: Record<string, string> }> = ({ rows, names }) =>
  rows.length === 0 ? <p class="muted">Belum ada permohonan surat.</p> : (
    <div class="table-wrap">
      <table>
        <thead><tr><th>Diajukan</th><th>Surat</th><th>Atas nama</th><th>Status</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{formatDateTimeWita(r.submitted_at)}</td>
              <td><a href={`/warga/surat/${r.id}`}>{names[r.type_code] ?? r.type_code}</a></td>
              <td>{r.subject_name}</td>
              <td><StateBadge state={r.state} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )

export const CitizenCataloguePage: FC<{ types: VillageLetterType[]; pledge: string; rows: LetterRequestRow[]; names: Record<string, string> }> = ({ types, pledge, rows, names }) => (
  <CitizenPage meta={{ title: 'Layanan surat' }}>
    <h1>Layanan surat</h1>
    <section class="card">
      <h2>Permohonan saya</h2>
      <OwnRequestsTable rows={rows} names={names} />
    </section>
    <h2>Ajukan surat</h2>
    <div class="grid">
      {types.map((t) => (
        <div class="card">
          <h3>{t.name}</h3>
          <p class="small">Perkiraan selesai {hoursText(t.slaHours)} · berlaku {t.validityDays} hari · {t.fee}</p>
          <details><summary>Persyaratan</summary><ul class="small">{t.requirements.map((q) => <li>{q}</li>)}</ul></details>
          {t.online ? <a class="btn" href={`/warga/surat/ajukan/${t.code}`}>Ajukan</a> : <p class="muted small">Hanya dapat diajukan di kantor desa.</p>}
        </div>
      ))}
    </div>
    <section class="card"><h2>Maklumat pelayanan</h2><p class="small">{pledge}</p></section>
  </CitizenPage>
)

export const CitizenRequestForm: FC<{ type: VillageLetterType; family: ResidentProfile[]; form: { subjectNik?: string; fields?: Record<string, unknown> }; errors?: FieldErrors; message?: string }> = ({ type, family, form, errors, message }) => (
  <CitizenPage meta={{ title: type.name }}>
    <p><a href="/warga/surat">← Layanan surat</a></p>
    <h1>{type.name}</h1>
    <div class="card">
      <p><strong>Sebelum mulai:</strong> surat ini biasanya selesai dalam {hoursText(type.slaHours)} (hari kerja Senin–Jumat, WITA) dan {type.fee.toLowerCase()}.</p>
      <p>Siapkan dokumen berikut (foto/pindaian JPEG, PNG atau PDF, maksimal 5 MB per berkas; dokumen yang tidak diunggah dibawa ke kantor desa):</p>
      <ul>{type.requirements.map((q) => <li>{q}</li>)}</ul>
      <p class="small muted">Data diri (nama, NIK, tempat/tanggal lahir, alamat, dan lain-lain) diambil dari data penduduk desa; Anda hanya mengisi yang belum tercatat.</p>
    </div>
    <FormErrors message={message} errors={errors} />
    <form method="post" action={`/warga/surat/ajukan/${type.code}`} enctype="multipart/form-data" class="card">
      <CsrfField />
      <Select name="subjectNik" label="Surat untuk" value={family.find((m) => m.id === form.subjectNik || m.nik === form.subjectNik)?.id ?? family[0]?.id} errors={errors} required
        options={family.map((m) => ({ value: m.id, label: `${m.name} (${m.familyRelationship}, NIK ${maskNik(m.nik)})` }))} hint="Diri sendiri atau anggota Kartu Keluarga Anda." />
      <TypeFields fields={type.fields} values={form.fields} errors={errors} />
      <UploadInputs type={type} errors={errors} />
      <button type="submit">Kirim permohonan</button>
    </form>
  </CitizenPage>
)

export const CitizenRequestPage: FC<{ d: RequestDetail; errors?: FieldErrors; message?: string; notice?: string }> = ({ d, errors, message, notice }) => {
  const r = d.request
  const state = r.state as RequestState
  const ready = d.letter?.pdf_file && (state === 'siap_diambil' || state === 'selesai')

  return (
    <CitizenPage meta={{ title: d.typeName }}>
      <p><a href="/warga/surat">← Layanan surat</a></p>
      <h1>{d.typeName}</h1>
      <p><StateBadge state={r.state} /> <span class="muted">Kode lacak <strong>{r.tracking_code}</strong> · diajukan {formatDateTimeWita(r.submitted_at)}</span></p>
      {notice ? <Alert kind="ok">{notice}</Alert> : null}
      <FormErrors message={message} errors={errors} />
      {state === 'perbaikan' ? <Alert kind="info">Perlu perbaikan: {r.state_note}</Alert> : null}
      {state === 'ditolak' ? <Alert kind="error">Ditolak: {r.state_note}</Alert> : null}
      {state === 'siap_diambil' ? <Alert kind="ok">Surat Anda sudah terbit. {d.letter?.signature_mode === 'hand' ? 'Silakan ambil surat bertanda tangan di kantor desa pada jam pelayanan.' : 'Surat bertanda tangan elektronik dapat diunduh.'}</Alert> : null}
      {state === 'disetujui' ? <Alert kind="info">Permohonan disetujui dan sedang menunggu tanda tangan elektronik.</Alert> : null}
      {ready && d.letter ? (
        <section class="card">
          <h2>Surat</h2>
          <p>Nomor {d.letter.number}, tanggal {formatDateId(d.letter.issued_date)}, berlaku sampai {formatDateId(d.letter.valid_until)}.</p>
          <a class="btn" href={`/warga/surat/${r.id}/surat.pdf`}>Unduh surat (PDF)</a>
        </section>
      ) : null}
      <section class="card"><h2>Isian</h2><p>Atas nama: {r.subject_name} ({maskNik(r.subject_nik)})</p>{d.type ? <SubmittedValues fields={d.type.fields} values={d.values} /> : null}</section>
      {state === 'perbaikan' && d.type ? (
        <form method="post" action={`/warga/surat/${r.id}/perbaiki`} class="card">
          <CsrfField />
          <h2>Perbaiki dan kirim ulang</h2>
          <TypeFields fields={d.type.fields} values={d.values} errors={errors} />
          <button type="submit">Kirim ulang</button>
        </form>
      ) : null}
      <section class="card">
        <h2>Dokumen</h2>
        {d.uploads.length ? <ul>{d.uploads.map((u) => <li>{u.requirement}: {u.original_name}</li>)}</ul> : <p class="muted">Belum ada dokumen yang diunggah; bawa dokumen asli ke kantor desa.</p>}
        {d.type && (state === 'diajukan' || state === 'diperiksa' || state === 'perbaikan') ? (
          <form method="post" action={`/warga/surat/${r.id}/berkas`} enctype="multipart/form-data">
            <CsrfField />
            <UploadInputs type={d.type} errors={errors} />
            <button type="submit" class="secondary">Unggah dokumen</button>
          </form>
        ) : null}
      </section>
      {state === 'diajukan' || state === 'diperiksa' || state === 'perbaikan' ? (
        <form method="post" action={`/warga/surat/${r.id}/batal`} class="card">
          <CsrfField />
          <p>Permohonan dapat dibatalkan selama belum disetujui.</p>
          <button type="submit" class="danger">Batalkan permohonan</button>
        </form>
      ) : null}
      <section class="card"><h2>Riwayat</h2><Timeline events={d.events} /></section>
    </CitizenPage>
  )
}

export const TrackingPage: FC<{ code?: string; result?: TrackingView | null }> = ({ code, result }) => (
  <PublicPage meta={{ title: 'Lacak permohonan surat', path: '/lacak', description: 'Lacak status permohonan surat dengan kode lacak.' }}>
    <h1>Lacak permohonan surat</h1>
    <form method="get" action="/lacak" class="card row-form">
      <Field name="kode" label="Kode lacak (10 huruf/angka)" value={code} maxlength={12} autocomplete="off" />
      <button type="submit">Lacak</button>
    </form>
    {result === null ? <Alert kind="error">Kode lacak tidak ditemukan. Periksa kembali kode pada bukti permohonan Anda.</Alert> : null}
    {result ? (
      <section class="card">
        <h2>{result.typeName}</h2>
        <p class="muted">{result.villageName}</p>
        <dl class="kv">
          <dt>Status</dt><dd><StateBadge state={result.state} /></dd>
          <dt>Diajukan</dt><dd>{formatDateTimeWita(result.submittedAt)}</dd>
          <dt>Perubahan terakhir</dt><dd>{formatDateTimeWita(result.updatedAt)}</dd>
          <dt>Perkiraan selesai</dt><dd>{formatDateTimeWita(result.dueAt)}</dd>
          {result.finishedAt ? <><dt>{STATE_LABEL[result.state as RequestState]}</dt><dd>{formatDateTimeWita(result.finishedAt)}</dd></> : null}
        </dl>
      </section>
    ) : null}
  </PublicPage>
)
