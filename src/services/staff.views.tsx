import type { FC } from 'hono/jsx'
import type { FieldErrors } from '../lib/errors.ts'
import { formatDateId, formatDateTimeWita } from '../lib/time.ts'
import { maskNik } from '../lib/mask.ts'
import { Alert, CsrfField, Field, FormErrors, Pager, Select, TextArea } from '../web/layout.tsx'
import { StaffPage } from '../web/pages.tsx'
import type { Village } from '../tenancy/village.ts'
import type { ResidentProfile } from '../residents/resident.service.ts'
import type { LetterTypeDef } from './catalogue.ts'
import type { VillageLetterType } from './catalogue.service.ts'
import type { RequestDetail } from './request.service.ts'
import { ACTION_LABEL, REQUEST_STATES, STATE_LABEL, allowedActions, type RequestState } from './request-state.ts'
import type { LetterRequestRow, LetterRow } from './services.table.ts'
import { MarkupPreview, SlaBadge, StateBadge, SubmittedValues, Timeline, TypeFields, hoursText } from './shared.views.tsx'
import type { SlaStatus } from './working-hours.ts'

const base = (v: Village) => `/staf/desa/${v.code}`

export interface QueueRow { r: LetterRequestRow; typeName: string; sla: SlaStatus | null }

export const QueuePage: FC<{ village: Village; rows: QueueRow[]; types: VillageLetterType[]; filters: { state: string; type: string; age: string }; page: number; hasNext: boolean; canCreate: boolean }> = (p) => {
  const qs = (page: number) => `${base(p.village)}/permohonan?${new URLSearchParams({ ...p.filters, page: String(page) })}`

  return (
    <StaffPage meta={{ title: `Permohonan surat ${p.village.name}` }} villageCode={p.village.code} villageName={p.village.name}>
      <h1>Antrean permohonan surat</h1>
      <div class="actions">
        {p.canCreate ? <a class="btn" href={`${base(p.village)}/permohonan/baru`}>Permohonan di loket</a> : null}
        <a class="btn secondary" href={`${base(p.village)}/agenda`}>Agenda surat keluar</a>
      </div>
      <form method="get" action={`${base(p.village)}/permohonan`} class="card row-form" aria-label="Saring antrean">
        <Select name="status" label="Status" value={p.filters.state} options={[{ value: '', label: 'Belum selesai' }, { value: 'semua', label: 'Semua status' }, ...REQUEST_STATES.map((s) => ({ value: s, label: STATE_LABEL[s] }))]} />
        <Select name="jenis" label="Jenis surat" value={p.filters.type} options={[{ value: '', label: 'Semua jenis' }, ...p.types.map((t) => ({ value: t.code, label: t.name }))]} />
        <Select name="umur" label="Umur permohonan" value={p.filters.age} options={[{ value: '', label: 'Semua' }, { value: '1', label: 'Lebih dari 1 hari' }, { value: '3', label: 'Lebih dari 3 hari' }, { value: '7', label: 'Lebih dari 7 hari' }]} />
        <button type="submit">Saring</button>
      </form>
      {p.rows.length === 0 ? <p class="card">Tidak ada permohonan yang cocok.</p> : (
        <div class="table-wrap card">
          <table>
            <thead><tr><th>Diajukan</th><th>Jenis surat</th><th>Atas nama</th><th>Status</th><th>Tenggat</th></tr></thead>
            <tbody>
              {p.rows.map(({ r, typeName, sla }) => (
                <tr>
                  <td>{formatDateTimeWita(r.submitted_at)}<div class="muted small">{r.channel === 'loket' ? 'Loket' : 'Daring'} · {r.tracking_code}</div></td>
                  <td><a href={`${base(p.village)}/permohonan/${r.id}`}>{typeName}</a></td>
                  <td>{r.subject_name}<div class="muted small">{maskNik(r.subject_nik)}</div></td>
                  <td><StateBadge state={r.state} /></td>
                  <td>{sla ? <><SlaBadge status={sla} /><div class="muted small">{formatDateTimeWita(r.due_at)}</div></> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={p.page} hasNext={p.hasNext} href={qs} />
    </StaffPage>
  )
}

const RegisterData: FC<{ p: ResidentProfile | undefined }> = ({ p }) => p ? (
  <dl class="kv">
    <dt>Nama</dt><dd>{p.name}</dd>
    <dt>NIK</dt><dd>{maskNik(p.nik)}</dd>
    <dt>No. KK</dt><dd>{p.kkNumber ? maskNik(p.kkNumber) : '—'}</dd>
    <dt>Tempat/tgl. lahir</dt><dd>{p.birthPlace}, {formatDateId(p.birthDate)}</dd>
    <dt>Jenis kelamin</dt><dd>{p.sexLabel}</dd>
    <dt>Agama</dt><dd>{p.religion}</dd>
    <dt>Status perkawinan</dt><dd>{p.maritalStatus}</dd>
    <dt>Pekerjaan</dt><dd>{p.occupation}</dd>
    <dt>Hubungan keluarga</dt><dd>{p.familyRelationship}</dd>
    <dt>Alamat</dt><dd>{[p.address, `RT ${p.rt}`, `RW ${p.rw}`, p.dusun].filter(Boolean).join(', ')}</dd>
    <dt>Status</dt><dd>{p.status}</dd>
  </dl>
) : <p class="muted">Data penduduk tidak ditemukan lagi di data penduduk.</p>

export const RequestStaffPage: FC<{ village: Village; d: RequestDetail; subject: ResidentProfile | undefined; sla: SlaStatus | null; can: { process: boolean; approve: boolean }; errors?: FieldErrors; message?: string; notice?: string }> = ({ village, d, subject, sla, can, errors, message, notice }) => {
  const r = d.request
  const actions = allowedActions(r.state as RequestState, 'staff').filter((a) => (a === 'approve' ? can.approve : can.process))
  const url = `${base(village)}/permohonan/${r.id}`

  return (
    <StaffPage meta={{ title: `${d.typeName} · ${r.subject_name}` }} villageCode={village.code} villageName={village.name}>
      <p><a href={`${base(village)}/permohonan`}>← Antrean</a></p>
      <h1>{d.typeName}</h1>
      <p><StateBadge state={r.state} /> {sla ? <SlaBadge status={sla} /> : null} <span class="muted">Kode lacak {r.tracking_code} · diajukan {formatDateTimeWita(r.submitted_at)} ({r.channel === 'loket' ? 'loket' : 'daring'}) · tenggat {formatDateTimeWita(r.due_at)}</span></p>
      {notice ? <Alert kind="ok">{notice}</Alert> : null}
      <FormErrors message={message} errors={errors} />
      {r.state_note ? <Alert kind="info">Catatan: {r.state_note}</Alert> : null}
      <div class="cols">
        <section class="card"><h2>Data penduduk (register)</h2><RegisterData p={subject} /></section>
        <section class="card"><h2>Isian pemohon</h2>{d.type ? <SubmittedValues fields={d.type.fields} values={d.values} /> : <p class="pre">{JSON.stringify(d.values)}</p>}</section>
      </div>
      <section class="card">
        <h2>Dokumen persyaratan</h2>
        {d.type ? <ul>{d.type.requirements.map((q) => <li>{q}{d.uploads.some((u) => u.requirement === q) ? '' : <span class="muted"> — tidak diunggah (periksa berkas fisik)</span>}</li>)}</ul> : null}
        {d.uploads.length ? (
          <ul>
            {d.uploads.map((u) => <li><a href={`${url}/berkas/${u.id}`}>{u.requirement}: {u.original_name}</a> <span class="muted small">({u.mime === 'application/pdf' ? 'PDF' : u.mime === 'image/png' ? 'PNG' : 'JPEG'}, {Math.ceil(u.size / 1024)} KB)</span></li>)}
          </ul>
        ) : <p class="muted">Tidak ada berkas yang diunggah.</p>}
      </section>
      {d.letter ? (
        <section class="card">
          <h2>Surat terbit</h2>
          <dl class="kv">
            <dt>Nomor</dt><dd>{d.letter.number}</dd>
            <dt>Tanggal</dt><dd>{formatDateId(d.letter.issued_date)} · berlaku s.d. {formatDateId(d.letter.valid_until)}</dd>
            <dt>Penanda tangan</dt><dd>{d.letter.signer_on_behalf ? `${d.letter.signer_on_behalf}, ` : ''}{d.letter.signer_title}: {d.letter.signer_name} ({d.letter.signature_mode === 'electronic' ? 'tanda tangan elektronik' : 'tanda tangan basah'})</dd>
            <dt>Diambil oleh</dt><dd>{r.collected_by ?? '—'}</dd>
          </dl>
          {d.letter.pdf_file ? <a class="btn" href={`${url}/surat.pdf`}>Unduh PDF surat</a> : <p class="muted">PDF sedang dibuat; muat ulang halaman sebentar lagi.</p>}
        </section>
      ) : null}
      {actions.length ? (
        <section class="card">
          <h2>Tindakan</h2>
          {actions.map((a) => (
            <form method="post" action={`${url}/tindakan`} class="card">
              <CsrfField />
              <input type="hidden" name="action" value={a} />
              {a === 'approve' ? (
                <Select name="signature" label="Cara tanda tangan" value="hand" errors={errors} options={[{ value: 'hand', label: 'Dicetak dan ditandatangani basah (Siap Diambil)' }, { value: 'electronic', label: 'Tanda tangan elektronik (Menunggu Tanda Tangan)' }]} />
              ) : null}
              {a === 'hand-over' ? <Field name="collectedBy" label="Nama pengambil surat" errors={errors} required /> : null}
              {a === 'ask-correction' || a === 'reject' ? (
                <TextArea name="note" label={a === 'reject' ? 'Alasan penolakan' : 'Yang perlu diperbaiki'} errors={errors} required rows={2} maxlength={1000} />
              ) : a !== 'review' ? <TextArea name="note" label="Catatan (opsional)" errors={errors} rows={2} maxlength={1000} /> : null}
              <button type="submit" class={a === 'reject' ? 'danger' : undefined}>{ACTION_LABEL[a]}</button>
            </form>
          ))}
        </section>
      ) : null}
      <section class="card"><h2>Riwayat</h2><Timeline events={d.events} /></section>
    </StaffPage>
  )
}

export const WalkInChoosePage: FC<{ village: Village; types: VillageLetterType[] }> = ({ village, types }) => (
  <StaffPage meta={{ title: 'Permohonan di loket' }} villageCode={village.code} villageName={village.name}>
    <h1>Permohonan di loket</h1>
    <p>Pilih jenis surat yang dimohonkan warga yang datang ke kantor.</p>
    <ul class="card">
      {types.map((t) => <li><a href={`${base(village)}/permohonan/baru?jenis=${t.code}`}>{t.name}</a> <span class="muted small">({hoursText(t.slaHours)})</span></li>)}
    </ul>
  </StaffPage>
)

export const WalkInFormPage: FC<{ village: Village; type: VillageLetterType; form: { subjectNik?: string; fields?: Record<string, unknown> }; errors?: FieldErrors; message?: string }> = ({ village, type, form, errors, message }) => (
  <StaffPage meta={{ title: `Loket · ${type.name}` }} villageCode={village.code} villageName={village.name}>
    <p><a href={`${base(village)}/permohonan/baru`}>← Jenis surat lain</a></p>
    <h1>{type.name}</h1>
    <p class="muted">Persyaratan: {type.requirements.join('; ')}. Perkiraan selesai {hoursText(type.slaHours)}.</p>
    <FormErrors message={message} errors={errors} />
    <form method="post" action={`${base(village)}/permohonan/baru?jenis=${type.code}`} enctype="multipart/form-data" class="card">
      <CsrfField />
      <Field name="subjectNik" label="NIK pemohon (orang yang namanya tertulis di surat)" value={form.subjectNik} errors={errors} required inputmode="numeric" maxlength={16} />
      <TypeFields fields={type.fields} values={form.fields} errors={errors} />
      <UploadInputs type={type} errors={errors} />
      <button type="submit">Simpan permohonan</button>
    </form>
  </StaffPage>
)

export const UploadInputs: FC<{ type: VillageLetterType; errors?: FieldErrors }> = ({ type, errors }) => (
  <fieldset class="field">
    <legend>Dokumen persyaratan (JPEG, PNG atau PDF, maksimal 5 MB per berkas)</legend>
    {type.requirements.map((q, i) => (
      <div class="field">
        <label for={`f-doc-${i}`}>{q}</label>
        <input id={`f-doc-${i}`} type="file" name={`doc.${i}`} accept="image/jpeg,image/png,application/pdf" />
      </div>
    ))}
    {Object.entries(errors ?? {}).filter(([k]) => k.startsWith('documents')).map(([, m]) => <p class="err">{m}</p>)}
  </fieldset>
)

export const RegisterPage: FC<{ village: Village; letters: LetterRow[]; year: number; typeNames: Record<string, string>; page: number; hasNext: boolean }> = (p) => (
  <StaffPage meta={{ title: `Agenda surat keluar ${p.year}` }} villageCode={p.village.code} villageName={p.village.name}>
    <h1>Agenda surat keluar {p.year}</h1>
    <form method="get" action={`${base(p.village)}/agenda`} class="row-form card">
      <label for="f-tahun">Tahun</label>
      <input id="f-tahun" name="tahun" class="narrow" value={String(p.year)} inputmode="numeric" maxlength={4} />
      <button type="submit">Tampilkan</button>
    </form>
    {p.letters.length === 0 ? <p class="card">Belum ada surat keluar pada tahun ini.</p> : (
      <div class="table-wrap card">
        <table>
          <thead><tr><th>Nomor surat</th><th>Tanggal</th><th>Perihal</th><th>Atas nama</th><th>Penanda tangan</th><th>Keterangan</th></tr></thead>
          <tbody>
            {p.letters.map((l) => (
              <tr>
                <td><a href={`${base(p.village)}/permohonan/${l.request_id}`}>{l.number}</a></td>
                <td>{formatDateId(l.issued_date)}</td>
                <td>{p.typeNames[l.type_code] ?? l.title}</td>
                <td>{l.subject_name}</td>
                <td>{l.signer_on_behalf ? `${l.signer_on_behalf} ` : ''}{l.signer_name}</td>
                <td>{l.revoked_at ? <span class="badge bad">Dicabut</span> : l.signed_at ? <span class="badge ok">TTE</span> : l.signature_mode === 'electronic' ? <span class="badge warn">Menunggu TTE</span> : <span class="badge">TTD basah</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    <Pager page={p.page} hasNext={p.hasNext} href={(n) => `${base(p.village)}/agenda?tahun=${p.year}&page=${n}`} />
  </StaffPage>
)

export const VillageCataloguePage: FC<{ village: Village; types: VillageLetterType[]; saved?: string }> = ({ village, types, saved }) => (
  <StaffPage meta={{ title: 'Layanan surat' }} villageCode={village.code} villageName={village.name}>
    <h1>Layanan surat {village.name}</h1>
    {saved ? <Alert kind="ok">Pengaturan layanan {saved} telah disimpan.</Alert> : null}
    <p>Katalog disusun oleh kabupaten. Desa dapat menonaktifkan layanan, mengatur permohonan daring, waktu penyelesaian dan templat sendiri.</p>
    <div class="table-wrap card">
      <table>
        <thead><tr><th>Layanan</th><th>Klasifikasi</th><th>Daring</th><th>Waktu</th><th>Status</th></tr></thead>
        <tbody>
          {types.map((t) => (
            <tr>
              <td><a href={`${base(village)}/layanan/${t.code}`}>{t.name}</a>{t.villageTemplate ? <div class="muted small">Templat desa</div> : null}</td>
              <td>{t.classificationCode}</td>
              <td>{t.online ? 'Ya' : 'Tidak'}</td>
              <td>{hoursText(t.slaHours)}</td>
              <td>{t.enabled ? <span class="badge ok">Aktif</span> : <span class="badge">Nonaktif</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </StaffPage>
)

export interface PreviewState { nik?: string; markup?: string; error?: string }

const TemplateHelp: FC<{ placeholders: string[] }> = ({ placeholders }) => (
  <details class="card">
    <summary>Penanda yang tersedia</summary>
    <p class="small">Tulis penanda sebagai <code>{'{{ penduduk.nama }}'}</code>; perulangan: <code>{'{% for w in isian.ahli_waris %}{{ forloop.index }}. {{ w.nama }}{% endfor %}'}</code>. Tabel: baris <code>| Label | nilai |</code>; tebal: <code>**teks**</code>.</p>
    <ul class="small">{placeholders.map((p) => <li><code>{p}</code></li>)}</ul>
  </details>
)

const PreviewForm: FC<{ action: string; preview?: PreviewState; template: string; errors?: FieldErrors }> = ({ action, preview, template, errors }) => (
  <form method="post" action={action} class="card">
    <CsrfField />
    <h2>Pratinjau dengan data penduduk</h2>
    <input type="hidden" name="template" value={template} />
    <Field name="nik" label="NIK penduduk" value={preview?.nik} errors={errors} inputmode="numeric" maxlength={16} required hint="Isian tambahan diisi contoh; data penduduk diambil dari data penduduk." />
    <button type="submit" class="secondary">Tampilkan pratinjau</button>
    {preview?.error ? <Alert kind="error">{preview.error}</Alert> : null}
    {preview?.markup ? <MarkupPreview markup={preview.markup} /> : null}
  </form>
)

export const VillageTypeEditPage: FC<{ village: Village; type: VillageLetterType; regencyTemplate: string; form: Record<string, string>; placeholders: string[]; errors?: FieldErrors; message?: string; preview?: PreviewState }> = (p) => (
  <StaffPage meta={{ title: p.type.name }} villageCode={p.village.code} villageName={p.village.name}>
    <p><a href={`${base(p.village)}/layanan`}>← Layanan surat</a></p>
    <h1>{p.type.name}</h1>
    <p class="muted">Klasifikasi {p.type.classificationCode} · berlaku {p.type.validityDays} hari · persyaratan: {p.type.requirements.join('; ')}</p>
    <FormErrors message={p.message} errors={p.errors} />
    <form method="post" action={`${base(p.village)}/layanan/${p.type.code}`} class="card">
      <CsrfField />
      <Select name="enabled" label="Layanan di desa ini" value={p.form.enabled} errors={p.errors} options={[{ value: '1', label: 'Aktif' }, { value: '0', label: 'Nonaktif' }]} />
      <Select name="online" label="Dapat diajukan daring" value={p.form.online} errors={p.errors} options={[{ value: '', label: 'Ikuti kabupaten' }, { value: '1', label: 'Ya' }, { value: '0', label: 'Tidak, hanya di loket' }]} />
      <Field name="slaHours" label="Waktu penyelesaian (jam kerja)" value={p.form.slaHours} errors={p.errors} inputmode="numeric" hint="Kosongkan untuk mengikuti kabupaten. 8 jam kerja = 1 hari kerja." />
      <TextArea name="template" label="Templat surat" value={p.form.template} errors={p.errors} rows={18} hint="Templat yang sama dengan templat kabupaten (atau dikosongkan) mengikuti kabupaten, termasuk perubahannya kelak." />
      <button type="submit">Simpan</button>
    </form>
    <TemplateHelp placeholders={p.placeholders} />
    <PreviewForm action={`${base(p.village)}/layanan/${p.type.code}/pratinjau`} preview={p.preview} template={p.form.template || p.regencyTemplate} />
  </StaffPage>
)

export const RegencyCataloguePage: FC<{ types: LetterTypeDef[]; saved?: string }> = ({ types, saved }) => (
  <StaffPage meta={{ title: 'Katalog layanan surat' }}>
    <h1>Katalog layanan surat kabupaten</h1>
    {saved ? <Alert kind="ok">Jenis surat {saved} telah disimpan.</Alert> : null}
    <div class="table-wrap card">
      <table>
        <thead><tr><th>Layanan</th><th>Klasifikasi</th><th>Daring</th><th>Waktu</th><th>Berlaku</th></tr></thead>
        <tbody>
          {types.map((t) => (
            <tr>
              <td><a href={`/staf/wilayah/layanan/${t.code}`}>{t.name}</a></td>
              <td>{t.classificationCode}</td>
              <td>{t.online ? 'Ya' : 'Tidak'}</td>
              <td>{hoursText(t.slaHours)}</td>
              <td>{t.validityDays} hari</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </StaffPage>
)

export const RegencyTypeEditPage: FC<{ type: LetterTypeDef; form: Record<string, string>; placeholders: string[]; errors?: FieldErrors; message?: string; preview?: PreviewState }> = (p) => (
  <StaffPage meta={{ title: p.type.name }}>
    <p><a href="/staf/wilayah/layanan">← Katalog</a></p>
    <h1>{p.type.name}</h1>
    <FormErrors message={p.message} errors={p.errors} />
    <form method="post" action={`/staf/wilayah/layanan/${p.type.code}`} class="card">
      <CsrfField />
      <Field name="name" label="Nama layanan" value={p.form.name} errors={p.errors} required />
      <Field name="title" label="Judul pada surat" value={p.form.title} errors={p.errors} required />
      <Field name="classificationCode" label="Kode klasifikasi arsip" value={p.form.classificationCode} errors={p.errors} required hint="Dari daftar klasifikasi Permendagri 83/2022 (impor OpenSID), mis. 400.8.1." />
      <Select name="online" label="Dapat diajukan daring" value={p.form.online} errors={p.errors} options={[{ value: '1', label: 'Ya' }, { value: '0', label: 'Tidak, hanya di loket' }]} />
      <TextArea name="requirements" label="Persyaratan (satu per baris)" value={p.form.requirements} errors={p.errors} rows={4} />
      <Field name="slaHours" label="Waktu penyelesaian (jam kerja)" value={p.form.slaHours} errors={p.errors} inputmode="numeric" required />
      <Field name="validityDays" label="Masa berlaku (hari)" value={p.form.validityDays} errors={p.errors} inputmode="numeric" required />
      <TextArea name="template" label="Templat surat" value={p.form.template} errors={p.errors} rows={18} />
      <button type="submit">Simpan</button>
    </form>
    <TemplateHelp placeholders={p.placeholders} />
    <PreviewForm action={`/staf/wilayah/layanan/${p.type.code}/pratinjau`} preview={p.preview} template={p.form.template} />
  </StaffPage>
)
