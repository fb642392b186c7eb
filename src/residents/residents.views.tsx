import type { Child, FC } from 'hono/jsx'
import { raw } from 'hono/html'
import type { FieldErrors } from '../lib/errors.ts'
import { maskNik } from '../lib/mask.ts'
import { formatDateId, formatDateTimeWita, ageOn, todayWita } from '../lib/time.ts'
import { Alert, CsrfField, Field, FormErrors, Pager, Select, TextArea } from '../web/layout.tsx'
import { PublicPage, StaffPage } from '../web/pages.tsx'
import type { Village } from '../tenancy/village.ts'
import { codeLabel, codeList, sexLabel, type CodeListName } from './codes.ts'
import { nikWarnings, isTemporaryNik } from './nik.ts'
import { STATUS_LABEL } from './resident.ts'
import type { FamilyRow, ResidentCorrectionRow, ResidentEventRow, ResidentRow } from './residents.table.ts'
import { EVENT_LABEL } from './events.service.ts'
import type { ImportReport } from './import.service.ts'
import type { PopulationStatistics } from './statistics.service.ts'
import { barChartSvg, pyramidSvg } from './charts.ts'

const base = (code: string) => `/staf/desa/${code}/penduduk`
const opts = (list: CodeListName, empty = 'Semua') => [{ value: '', label: empty }, ...codeList(list).map((o) => ({ value: String(o.code), label: o.label }))]
const dash = (v: Child) => (v === '' || v === null || v === undefined ? <span class="muted">—</span> : v)
const area = (r: { dusun: string; rw: string; rt: string }) => [r.dusun && `Dusun ${r.dusun}`, r.rw && `RW ${r.rw}`, r.rt && `RT ${r.rt}`].filter(Boolean).join(', ')

const Sub: FC<{ code: string }> = ({ code }) => (
  <p class="actions">
    <a class="btn secondary" href={base(code)}>Daftar penduduk</a>
    <a class="btn secondary" href={`${base(code)}/baru`}>Tambah penduduk</a>
    <a class="btn secondary" href={`${base(code)}/pindah-masuk`}>Pindah masuk</a>
    <a class="btn secondary" href={`${base(code)}/impor`}>Impor</a>
    <a class="btn secondary" href={`${base(code)}/ekspor`}>Ekspor XLSX</a>
    <a class="btn secondary" href={`/staf/desa/${code}/mutasi`}>Buku Mutasi</a>
    <a class="btn secondary" href={`/staf/desa/${code}/statistik`}>Statistik</a>
    <a class="btn secondary" href={`${base(code)}/koreksi`}>Permintaan koreksi</a>
  </p>
)

export interface ListView { rows: ResidentRow[]; total: number; page: number; pageSize: number }

export const ResidentListPage: FC<{ village: Village; list: ListView; filters: Record<string, string>; areas: { dusun: string; rw: string; rt: string }[] }> = ({ village, list, filters, areas }) => {
  const qs = (page: number) => {
    const p = new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), page: String(page) })
    return `${base(village.code)}?${p}`
  }
  const dusuns = [...new Set(areas.map((a) => a.dusun))]

  return (
    <StaffPage meta={{ title: `Penduduk ${village.name}` }} villageCode={village.code} villageName={village.name}>
      <h1>Penduduk {village.name}</h1>
      <Sub code={village.code} />
      <form method="get" action={base(village.code)} class="card search" role="search">
        <Field name="q" label="Cari NIK, Nomor KK atau nama" value={filters.q} hint="Nama boleh sebagian, tanpa memperhatikan huruf besar dan tanda baca." />
        <div class="grid">
          <Select name="status" label="Status" value={filters.status ?? 'aktif'} options={[{ value: 'aktif', label: 'Aktif' }, { value: 'meninggal', label: 'Meninggal' }, { value: 'pindah', label: 'Pindah' }, { value: 'hilang', label: 'Hilang' }, { value: 'semua', label: 'Semua status' }]} />
          <Select name="sex" label="Jenis kelamin" value={filters.sex} options={[{ value: '', label: 'Semua' }, { value: '1', label: 'Laki-laki' }, { value: '2', label: 'Perempuan' }]} />
          <Select name="dusun" label="Dusun" value={filters.dusun} options={[{ value: '', label: 'Semua' }, ...dusuns.map((d) => ({ value: d, label: d }))]} />
          <Field name="rt" label="RT" value={filters.rt} inputmode="numeric" maxlength={5} />
          <Field name="ageMin" label="Umur dari" value={filters.ageMin} inputmode="numeric" maxlength={3} />
          <Field name="ageMax" label="Umur sampai" value={filters.ageMax} inputmode="numeric" maxlength={3} />
          <Select name="religion" label="Agama" value={filters.religion} options={opts('agama')} />
          <Select name="education" label="Pendidikan" value={filters.education} options={opts('pendidikan_kk')} />
          <Select name="occupation" label="Pekerjaan" value={filters.occupation} options={opts('pekerjaan')} />
          <Select name="marital" label="Status perkawinan" value={filters.marital} options={opts('status_kawin')} />
        </div>
        <button type="submit">Tampilkan</button> <a class="btn secondary" href={base(village.code)}>Atur ulang</a>
      </form>
      <p class="muted" aria-live="polite">{list.total.toLocaleString('id-ID')} penduduk ditemukan.</p>
      <div class="table-wrap">
        <table>
          <caption class="sr-only">Daftar penduduk</caption>
          <thead><tr><th scope="col">Nama</th><th scope="col">NIK</th><th scope="col">L/P</th><th scope="col">Umur</th><th scope="col">Hubungan</th><th scope="col">Wilayah</th><th scope="col">Status</th></tr></thead>
          <tbody>
            {list.rows.map((r) => (
              <tr>
                <td><a href={`${base(village.code)}/${r.id}`}>{r.name}</a></td>
                <td><code>{maskNik(r.nik)}</code>{isTemporaryNik(r.nik) ? <span class="badge"> sementara</span> : null}</td>
                <td>{r.sex === 2 ? 'P' : 'L'}</td>
                <td>{ageOn(r.birth_date, todayWita())}</td>
                <td>{codeLabel('hubungan_dalam_keluarga_shdk', r.shdk_code)}</td>
                <td>{area(r)}</td>
                <td>{STATUS_LABEL[r.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.rows.length === 0 ? <p>Tidak ada penduduk yang cocok dengan pencarian ini.</p> : null}
      <Pager page={list.page} hasNext={list.page * list.pageSize < list.total} href={qs} />
    </StaffPage>
  )
}

const History: FC<{ events: ResidentEventRow[] }> = ({ events }) => (
  <ol class="timeline">
    {events.map((e) => (
      <li><b>{EVENT_LABEL[e.kind]}</b> · {formatDateId(e.event_date)} — {e.summary} <span class="muted">(dicatat {formatDateTimeWita(e.created_at)} oleh {e.actor_name})</span></li>
    ))}
  </ol>
)

export const ResidentDetailPage: FC<{ village: Village; r: ResidentRow; family?: FamilyRow; members: ResidentRow[]; history: ResidentEventRow[]; fullNik?: string; canReveal: boolean; canWrite: boolean; notice?: string }> = (p) => {
  const { r, village } = p
  const warnings = nikWarnings(r.nik, r.sex === 2 ? 'P' : 'L', r.birth_date)
  const b = `${base(village.code)}/${r.id}`

  return (
    <StaffPage meta={{ title: r.name }} villageCode={village.code} villageName={village.name}>
      <h1>{r.name}</h1>
      <Sub code={village.code} />
      {p.notice ? <Alert kind="ok">{p.notice}</Alert> : null}
      {warnings.length ? (
        <Alert kind="info"><strong>Periksa data ini (peringatan, bukan penolakan):</strong><ul>{warnings.map((w) => <li>{w}</li>)}</ul></Alert>
      ) : null}
      {isTemporaryNik(r.nik) ? <Alert kind="info">NIK ini adalah NIK sementara. Ganti dengan NIK dari Disdukcapil setelah terbit.</Alert> : null}
      <section class="card">
        <h2>Identitas</h2>
        <dl class="kv stack">
          <dt>NIK</dt>
          <dd>
            <code>{p.fullNik ?? maskNik(r.nik)}</code>
            {!p.fullNik && p.canReveal ? (
              <form method="post" action={`${b}/nik`} class="nik-reveal"><CsrfField /><button class="secondary" type="submit">Tampilkan NIK lengkap</button></form>
            ) : null}
            {p.fullNik ? <span class="muted"> (tindakan ini tercatat di jejak audit)</span> : null}
          </dd>
          <dt>Nomor KK</dt><dd>{r.kk_number ? <a href={`/staf/desa/${village.code}/keluarga/${r.family_id}`}><code>{maskNik(r.kk_number)}</code></a> : dash('')}</dd>
          <dt>Jenis kelamin</dt><dd>{sexLabel(r.sex)}</dd>
          <dt>Tempat, tanggal lahir</dt><dd>{r.birth_place || '—'}, {formatDateId(r.birth_date)} ({ageOn(r.birth_date, todayWita())} tahun)</dd>
          <dt>Agama</dt><dd>{codeLabel('agama', r.religion_code)}</dd>
          <dt>Pendidikan (KK)</dt><dd>{codeLabel('pendidikan_kk', r.education_code)}</dd>
          <dt>Pekerjaan</dt><dd>{codeLabel('pekerjaan', r.occupation_code)}</dd>
          <dt>Status perkawinan</dt><dd>{codeLabel('status_kawin', r.marital_code)}</dd>
          <dt>Hubungan dalam keluarga</dt><dd>{codeLabel('hubungan_dalam_keluarga_shdk', r.shdk_code)}</dd>
          <dt>Kewarganegaraan</dt><dd>{codeLabel('warga_negara', r.citizenship_code)}</dd>
          <dt>Golongan darah</dt><dd>{dash(codeLabel('golongan_darah', r.blood_type_code))}</dd>
          <dt>Nama ayah / ibu</dt><dd>{r.father_name || '—'} / {r.mother_name || '—'}</dd>
          <dt>Suku</dt><dd>{dash(r.ethnicity)}</dd>
          <dt>KTP-el</dt><dd>{dash(codeLabel('ktp_el', r.ektp_code))}{r.ektp_record_code ? ` · ${codeLabel('status_rekam_ktp', r.ektp_record_code)}` : ''}</dd>
          <dt>Asuransi kesehatan</dt><dd>{dash(codeLabel('asuransi_kesehatan', r.insurance_code))}</dd>
          <dt>Alamat</dt><dd>{dash(r.address)} {area(r) ? `(${area(r)})` : ''}</dd>
          <dt>Status</dt><dd>{STATUS_LABEL[r.status]}</dd>
        </dl>
        {p.canWrite ? (
          <p class="actions">
            <a class="btn" href={`${b}/ubah`}>Ubah data</a>
            {r.status === 'aktif' ? (
              <>
                <a class="btn secondary" href={`${b}/peristiwa/meninggal`}>Catat kematian</a>
                <a class="btn secondary" href={`${b}/peristiwa/pindah_keluar`}>Catat pindah keluar</a>
                <a class="btn secondary" href={`${b}/peristiwa/hilang`}>Catat hilang</a>
              </>
            ) : null}
          </p>
        ) : null}
      </section>
      <FamilyTable village={village} members={p.members} self={r.id} />
      <section class="card">
        <h2>Riwayat peristiwa</h2>
        <p class="muted">Tercatat di register sejak {formatDateTimeWita(r.created_at)}; terakhir diubah {formatDateTimeWita(r.updated_at)}.</p>
        {p.history.length ? <History events={p.history} /> : <p class="muted">Belum ada peristiwa untuk penduduk ini.</p>}
      </section>
    </StaffPage>
  )
}

const FamilyTable: FC<{ village: Village; members: ResidentRow[]; self?: string }> = ({ village, members, self }) => (
  <section class="card">
    <h2>Anggota keluarga</h2>
    <div class="table-wrap">
      <table>
        <thead><tr><th scope="col">No</th><th scope="col">Nama</th><th scope="col">NIK</th><th scope="col">L/P</th><th scope="col">Tempat, tgl lahir</th><th scope="col">Hubungan</th><th scope="col">Pendidikan</th><th scope="col">Pekerjaan</th><th scope="col">Status</th></tr></thead>
        <tbody>
          {members.map((m, i) => (
            <tr>
              <td>{i + 1}</td>
              <td>{m.id === self ? <b>{m.name}</b> : <a href={`${base(village.code)}/${m.id}`}>{m.name}</a>}</td>
              <td><code>{maskNik(m.nik)}</code></td>
              <td>{m.sex === 2 ? 'P' : 'L'}</td>
              <td>{m.birth_place}, {formatDateId(m.birth_date)}</td>
              <td>{codeLabel('hubungan_dalam_keluarga_shdk', m.shdk_code)}</td>
              <td>{codeLabel('pendidikan_kk', m.education_code)}</td>
              <td>{codeLabel('pekerjaan', m.occupation_code)}</td>
              <td>{STATUS_LABEL[m.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </section>
)

export const FamilyPage: FC<{ village: Village; family: FamilyRow; members: ResidentRow[]; canWrite: boolean }> = ({ village, family, members, canWrite }) => {
  const head = members.find((m) => m.id === family.head_resident_id)

  return (
    <StaffPage meta={{ title: `Kartu Keluarga ${maskNik(family.kk_number)}` }} villageCode={village.code} villageName={village.name}>
      <h1>Kartu Keluarga</h1>
      <Sub code={village.code} />
      <section class="card">
        <dl class="kv stack">
          <dt>Nomor KK</dt><dd><code>{maskNik(family.kk_number)}</code></dd>
          <dt>Kepala keluarga</dt><dd>{head ? head.name : <span class="err">Belum ada kepala keluarga</span>}</dd>
          <dt>Alamat</dt><dd>{dash(family.address)}</dd>
          <dt>Dusun / RW / RT</dt><dd>{family.dusun || '—'} / {family.rw || '—'} / {family.rt || '—'}</dd>
          <dt>Desa</dt><dd>{village.name}, Kecamatan {village.districtName}</dd>
        </dl>
        {canWrite ? (
          <p class="actions">
            <a class="btn" href={`/staf/desa/${village.code}/keluarga/${family.id}/lahir`}>Catat kelahiran</a>
            <a class="btn secondary" href={`/staf/desa/${village.code}/keluarga/${family.id}/pisah`}>Pisah KK</a>
          </p>
        ) : null}
      </section>
      <FamilyTable village={village} members={members} />
    </StaffPage>
  )
}

/** The fields of a resident, named as the OpenSID import columns so both pass the same checks. */
const ResidentFields: FC<{ form: Record<string, string>; errors?: FieldErrors; isNew: boolean }> = ({ form, errors, isNew }) => (
  <>
    <h2>Identitas</h2>
    {isNew ? <Field name="nik" label="NIK" value={form.nik} errors={errors} required inputmode="numeric" maxlength={20} hint="16 angka. Isi 0 bila belum memiliki NIK (NIK sementara dibuat otomatis)." /> : null}
    <Field name="nama" label="Nama lengkap" value={form.nama} errors={errors} required maxlength={100} />
    <Select name="sex" label="Jenis kelamin" value={form.sex} errors={errors} options={opts('jenis_kelamin', 'Pilih')} />
    <Field name="tempatlahir" label="Tempat lahir" value={form.tempatlahir} errors={errors} maxlength={100} />
    <Field name="tanggallahir" label="Tanggal lahir" value={form.tanggallahir} errors={errors} required type="date" />
    <Select name="agama_id" label="Agama" value={form.agama_id} errors={errors} options={opts('agama', 'Pilih')} />
    <Select name="pendidikan_kk_id" label="Pendidikan terakhir (KK)" value={form.pendidikan_kk_id} errors={errors} options={opts('pendidikan_kk', 'Pilih')} />
    <Select name="pekerjaan_id" label="Pekerjaan" value={form.pekerjaan_id} errors={errors} options={opts('pekerjaan', 'Pilih')} />
    <Select name="status_kawin" label="Status perkawinan" value={form.status_kawin} errors={errors} options={opts('status_kawin', 'Pilih')} />
    <Select name="warganegara_id" label="Kewarganegaraan" value={form.warganegara_id ?? '1'} errors={errors} options={opts('warga_negara', 'Pilih')} />
    <Select name="golongan_darah_id" label="Golongan darah" value={form.golongan_darah_id} errors={errors} options={opts('golongan_darah', 'Tidak diisi')} />
    <Field name="nama_ayah" label="Nama ayah" value={form.nama_ayah} errors={errors} maxlength={100} />
    <Field name="nama_ibu" label="Nama ibu" value={form.nama_ibu} errors={errors} maxlength={100} />
    <Field name="suku" label="Suku" value={form.suku} errors={errors} maxlength={100} />
    <h2>Keluarga dan alamat</h2>
    {isNew ? (
      <>
        <Field name="no_kk" label="Nomor KK" value={form.no_kk} errors={errors} required inputmode="numeric" maxlength={20} hint="Nomor KK yang sudah terdaftar: penduduk bergabung ke keluarga itu. Nomor baru: keluarga baru dengan penduduk ini sebagai kepala keluarga." />
        <Select name="kk_level" label="Hubungan dalam keluarga" value={form.kk_level} errors={errors} options={opts('hubungan_dalam_keluarga_shdk', 'Pilih')} />
      </>
    ) : null}
    <Field name="alamat" label="Alamat" value={form.alamat} errors={errors} maxlength={200} />
    <Field name="dusun" label="Dusun" value={form.dusun} errors={errors} required maxlength={60} />
    <Field name="rw" label="RW" value={form.rw} errors={errors} required maxlength={10} />
    <Field name="rt" label="RT" value={form.rt} errors={errors} required maxlength={10} />
  </>
)

export const ResidentFormPage: FC<{ village: Village; form: Record<string, string>; errors?: FieldErrors; message?: string; residentId?: string; title: string; action: string; moveIn?: boolean }> = (p) => (
  <StaffPage meta={{ title: p.title }} villageCode={p.village.code} villageName={p.village.name}>
    <h1>{p.title}</h1>
    <FormErrors message={p.message} errors={p.errors} />
    <form method="post" action={p.action} class="card">
      <CsrfField />
      {p.moveIn ? (
        <>
          <Field name="date" label="Tanggal pindah datang" value={p.form.date} errors={p.errors} type="date" required />
          <Field name="origin" label="Alamat asal (desa, kecamatan, kabupaten)" value={p.form.origin} errors={p.errors} required maxlength={200} />
        </>
      ) : null}
      <ResidentFields form={p.form} errors={p.errors} isNew={!p.residentId} />
      {p.residentId ? <TextArea name="reason" label="Alasan perubahan" value={p.form.reason} errors={p.errors} required rows={2} hint="Dicatat di Buku Mutasi, misalnya: sesuai KTP-el terbaru." /> : null}
      <button type="submit">Simpan</button>
    </form>
  </StaffPage>
)

export const MoveInPage: FC<{ village: Village; form: Record<string, string>; errors?: FieldErrors; message?: string }> = (p) => (
  <StaffPage meta={{ title: 'Pindah masuk' }} villageCode={p.village.code} villageName={p.village.name}>
    <h1>Pindah masuk</h1>
    <FormErrors message={p.message} errors={p.errors} />
    <form method="post" action={`${base(p.village.code)}/pindah-masuk`} class="card">
      <CsrfField />
      <h2>Dari desa lain di Kabupaten Hulu Sungai Tengah</h2>
      <p class="muted">Data dan riwayat penduduk ikut pindah; Buku Mutasi desa asal mencatat pindah keluar.</p>
      <Field name="nik" label="NIK" value={p.form.nik} errors={p.errors} required inputmode="numeric" maxlength={20} />
      <Field name="date" label="Tanggal pindah datang" value={p.form.date} errors={p.errors} type="date" required />
      <Field name="join_kk" label="Gabung ke Nomor KK (bila bergabung ke keluarga di desa ini)" value={p.form.join_kk} errors={p.errors} inputmode="numeric" maxlength={20} />
      <Select name="kk_level" label="Hubungan dalam keluarga" value={p.form.kk_level ?? '1'} errors={p.errors} options={opts('hubungan_dalam_keluarga_shdk', 'Pilih')} />
      <p class="muted">Bila membentuk KK baru, isi Nomor KK baru dan wilayahnya:</p>
      <Field name="no_kk" label="Nomor KK baru" value={p.form.no_kk} errors={p.errors} inputmode="numeric" maxlength={20} />
      <Field name="alamat" label="Alamat" value={p.form.alamat} errors={p.errors} maxlength={200} />
      <Field name="dusun" label="Dusun" value={p.form.dusun} errors={p.errors} maxlength={60} />
      <Field name="rw" label="RW" value={p.form.rw} errors={p.errors} maxlength={10} />
      <Field name="rt" label="RT" value={p.form.rt} errors={p.errors} maxlength={10} />
      <button type="submit">Catat pindah masuk</button>
    </form>
    <p class="card">Penduduk dari luar kabupaten: <a href={`${base(p.village.code)}/pindah-masuk/luar`}>catat sebagai penduduk baru pindah datang</a>.</p>
  </StaffPage>
)

const DEPARTURE_TITLE = { meninggal: 'Catat kematian', pindah_keluar: 'Catat pindah keluar', hilang: 'Catat penduduk hilang' }

export const DeparturePage: FC<{ village: Village; r: ResidentRow; kind: 'meninggal' | 'pindah_keluar' | 'hilang'; form: Record<string, string>; errors?: FieldErrors; message?: string }> = (p) => (
  <StaffPage meta={{ title: DEPARTURE_TITLE[p.kind] }} villageCode={p.village.code} villageName={p.village.name}>
    <h1>{DEPARTURE_TITLE[p.kind]}: {p.r.name}</h1>
    <FormErrors message={p.message} errors={p.errors} />
    <form method="post" action={`${base(p.village.code)}/${p.r.id}/peristiwa/${p.kind}`} class="card">
      <CsrfField />
      <Field name="date" label="Tanggal peristiwa" value={p.form.date} errors={p.errors} type="date" required />
      {p.kind === 'pindah_keluar' ? (
        <>
          <Field name="destination" label="Alamat tujuan" value={p.form.destination} errors={p.errors} required maxlength={200} />
          <Select name="moveType" label="Jenis kepindahan" value={p.form.moveType} errors={p.errors} options={codeList('jenis_pindah_keluar').map((o) => ({ value: String(o.code), label: o.label }))} />
          <Field name="reason" label="Alasan pindah" value={p.form.reason} errors={p.errors} maxlength={200} />
        </>
      ) : null}
      {p.kind === 'meninggal' ? (
        <>
          <Field name="cause" label="Sebab kematian" value={p.form.cause} errors={p.errors} maxlength={200} />
          <Field name="place" label="Tempat meninggal" value={p.form.place} errors={p.errors} maxlength={200} />
        </>
      ) : null}
      <TextArea name="note" label="Keterangan" value={p.form.note} errors={p.errors} rows={2} />
      <button type="submit">Simpan peristiwa</button>
    </form>
  </StaffPage>
)

export const BirthPage: FC<{ village: Village; family: FamilyRow; form: Record<string, string>; errors?: FieldErrors; message?: string }> = (p) => (
  <StaffPage meta={{ title: 'Catat kelahiran' }} villageCode={p.village.code} villageName={p.village.name}>
    <h1>Catat kelahiran</h1>
    <p class="muted">Ke dalam Kartu Keluarga <code>{maskNik(p.family.kk_number)}</code>.</p>
    <FormErrors message={p.message} errors={p.errors} />
    <form method="post" action={`/staf/desa/${p.village.code}/keluarga/${p.family.id}/lahir`} class="card">
      <CsrfField />
      <Field name="nama" label="Nama bayi" value={p.form.nama} errors={p.errors} required maxlength={100} />
      <Select name="sex" label="Jenis kelamin" value={p.form.sex} errors={p.errors} options={opts('jenis_kelamin', 'Pilih')} />
      <Field name="tanggallahir" label="Tanggal lahir" value={p.form.tanggallahir} errors={p.errors} type="date" required />
      <Field name="tempatlahir" label="Tempat lahir" value={p.form.tempatlahir} errors={p.errors} maxlength={100} />
      <Field name="nik" label="NIK (bila sudah terbit)" value={p.form.nik} errors={p.errors} inputmode="numeric" maxlength={20} hint="Kosongkan untuk NIK sementara." />
      <Field name="nama_ayah" label="Nama ayah" value={p.form.nama_ayah} errors={p.errors} maxlength={100} />
      <Field name="nama_ibu" label="Nama ibu" value={p.form.nama_ibu} errors={p.errors} maxlength={100} />
      <button type="submit">Simpan kelahiran</button>
    </form>
  </StaffPage>
)

export const SplitPage: FC<{ village: Village; family: FamilyRow; members: ResidentRow[]; form: Record<string, string>; chosen: string[]; errors?: FieldErrors; message?: string }> = (p) => (
  <StaffPage meta={{ title: 'Pisah KK' }} villageCode={p.village.code} villageName={p.village.name}>
    <h1>Pisah KK</h1>
    <FormErrors message={p.message} errors={p.errors} />
    <form method="post" action={`/staf/desa/${p.village.code}/keluarga/${p.family.id}/pisah`} class="card">
      <CsrfField />
      <fieldset>
        <legend>Anggota yang pindah ke KK baru</legend>
        {p.members.filter((m) => m.status === 'aktif').map((m) => (
          <label class="inline"><input type="checkbox" name="members" value={m.id} checked={p.chosen.includes(m.id)} /> {m.name} ({codeLabel('hubungan_dalam_keluarga_shdk', m.shdk_code)})</label>
        ))}
        {p.errors?.members ? <p class="err">{p.errors.members}</p> : null}
      </fieldset>
      <Select name="head" label="Kepala keluarga KK baru" value={p.form.head} errors={p.errors} options={[{ value: '', label: 'Pilih' }, ...p.members.filter((m) => m.status === 'aktif').map((m) => ({ value: m.id, label: m.name }))]} />
      <Field name="no_kk" label="Nomor KK baru" value={p.form.no_kk} errors={p.errors} required inputmode="numeric" maxlength={20} />
      <Field name="date" label="Tanggal" value={p.form.date} errors={p.errors} type="date" required />
      <Field name="alamat" label="Alamat" value={p.form.alamat ?? p.family.address} errors={p.errors} maxlength={200} />
      <Field name="dusun" label="Dusun" value={p.form.dusun ?? p.family.dusun} errors={p.errors} required maxlength={60} />
      <Field name="rw" label="RW" value={p.form.rw ?? p.family.rw} errors={p.errors} required maxlength={10} />
      <Field name="rt" label="RT" value={p.form.rt ?? p.family.rt} errors={p.errors} required maxlength={10} />
      <button type="submit">Buat KK baru</button>
    </form>
  </StaffPage>
)

export const MutationBookPage: FC<{ village: Village; rows: (ResidentEventRow & { resident_name: string | null })[]; page: number; hasNext: boolean; filters: Record<string, string> }> = (p) => {
  const href = (page: number) => `/staf/desa/${p.village.code}/mutasi?${new URLSearchParams({ ...Object.fromEntries(Object.entries(p.filters).filter(([, v]) => v)), page: String(page) })}`

  return (
    <StaffPage meta={{ title: 'Buku Mutasi Penduduk' }} villageCode={p.village.code} villageName={p.village.name}>
      <h1>Buku Mutasi Penduduk</h1>
      <Sub code={p.village.code} />
      <form method="get" class="card search">
        <div class="grid">
          <Select name="kind" label="Peristiwa" value={p.filters.kind} options={[{ value: '', label: 'Semua' }, ...Object.entries(EVENT_LABEL).map(([value, label]) => ({ value, label }))]} />
          <Field name="from" label="Dari tanggal" type="date" value={p.filters.from} />
          <Field name="to" label="Sampai tanggal" type="date" value={p.filters.to} />
        </div>
        <button type="submit">Tampilkan</button>
      </form>
      <div class="table-wrap">
        <table>
          <thead><tr><th scope="col">Tanggal</th><th scope="col">Peristiwa</th><th scope="col">Penduduk</th><th scope="col">Keterangan</th><th scope="col">Petugas</th></tr></thead>
          <tbody>
            {p.rows.map((e) => (
              <tr>
                <td>{formatDateId(e.event_date)}</td>
                <td>{EVENT_LABEL[e.kind]}</td>
                <td>{e.resident_id && e.resident_name ? <a href={`${base(p.village.code)}/${e.resident_id}`}>{e.resident_name}</a> : e.family_id ? <a href={`/staf/desa/${p.village.code}/keluarga/${e.family_id}`}>Keluarga</a> : '—'}</td>
                <td>{e.summary}</td>
                <td>{e.actor_name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.rows.length === 0 ? <p>Belum ada peristiwa pada rentang ini.</p> : null}
      <Pager page={p.page} hasNext={p.hasNext} href={href} />
    </StaffPage>
  )
}

export const ImportPage: FC<{ village: Village; errors?: FieldErrors; message?: string }> = (p) => (
  <StaffPage meta={{ title: 'Impor penduduk' }} villageCode={p.village.code} villageName={p.village.name}>
    <h1>Impor data penduduk</h1>
    <Sub code={p.village.code} />
    <FormErrors message={p.message} errors={p.errors} />
    <form method="post" action={`${base(p.village.code)}/impor`} enctype="multipart/form-data" class="card">
      <CsrfField />
      <p>Berkas XLSX format impor OpenSID (baris pertama berisi nama kolom seperti <code>nik</code>, <code>nama</code>, <code>no_kk</code>, <code>kk_level</code>) atau CSV dengan nama kolom yang sama. Maksimal 25 MB.</p>
      <div class="field">
        <label for="f-file">Berkas</label>
        <input id="f-file" type="file" name="file" required accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" aria-describedby={p.errors?.file ? 'f-file-err' : undefined} />
        {p.errors?.file ? <p class="err" id="f-file-err">{p.errors.file}</p> : null}
      </div>
      <label class="inline"><input type="checkbox" name="commit" value="1" /> Simpan ke register (tanpa centang: uji coba saja, tidak ada yang berubah)</label>
      <button type="submit">Proses berkas</button>
    </form>
    <p class="muted">Satu berkas disimpan dalam satu transaksi: bila gagal di tengah jalan, register tetap seperti semula. Baris yang ditolak dilaporkan beserta kolom dan alasannya.</p>
  </StaffPage>
)

export const ImportProgressPage: FC<{ village: Village; dryRun: boolean; phase: string; done: number; total: number; report?: ImportReport; error?: string; refresh?: string }> = (p) => (
  <StaffPage meta={{ title: 'Proses impor' }} villageCode={p.village.code} villageName={p.village.name}>
    {p.refresh ? raw(`<meta http-equiv="refresh" content="1;url=${p.refresh}">`) : null}
    <h1>{p.dryRun ? 'Uji coba impor' : 'Impor data penduduk'}</h1>
    {p.error ? <Alert kind="error">{p.error}</Alert> : null}
    {!p.report && !p.error ? (
      <div class="card" aria-live="polite">
        <p>Sedang {p.phase}… {p.total ? `${p.done.toLocaleString('id-ID')} dari ${p.total.toLocaleString('id-ID')} baris` : ''}</p>
        <progress max={p.total || 1} value={p.done}>{p.total ? Math.round((p.done / p.total) * 100) : 0}%</progress>
        <p class="muted">Halaman ini diperbarui otomatis.</p>
      </div>
    ) : null}
    {p.report ? (
      <>
        <Alert kind={p.report.failed + p.report.duplicates ? 'info' : 'ok'}>
          {p.dryRun ? 'Uji coba selesai; belum ada yang disimpan. ' : 'Impor selesai. '}
          {p.report.rows} baris: {p.report.created} {p.dryRun ? 'akan dibuat' : 'dibuat'}, {p.report.updated} {p.dryRun ? 'akan diperbarui' : 'diperbarui'}, {p.report.failed} gagal, {p.report.duplicates} ganda.
        </Alert>
        {p.report.errors.length ? (
          <div class="table-wrap">
            <table>
              <caption>Baris yang ditolak</caption>
              <thead><tr><th scope="col">Baris</th><th scope="col">Kolom</th><th scope="col">Alasan</th></tr></thead>
              <tbody>{p.report.errors.map((e) => <tr><td>{e.row}</td><td><code>{e.column}</code></td><td>{e.message}</td></tr>)}</tbody>
            </table>
          </div>
        ) : null}
        <p class="actions"><a class="btn" href={`${base(p.village.code)}/impor`}>Impor berkas lain</a> <a class="btn secondary" href={base(p.village.code)}>Daftar penduduk</a></p>
      </>
    ) : null}
  </StaffPage>
)

const Chart: FC<{ title: string; svg: string; bars: { label: string; value: number }[] }> = ({ title, svg, bars }) => (
  <section class="card">
    <h2>{title}</h2>
    <figure class="chart" role="img" aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`}>{raw(svg)}</figure>
    <details>
      <summary>Tabel</summary>
      <div class="table-wrap"><table><thead><tr><th scope="col">Kategori</th><th scope="col">Jumlah</th></tr></thead><tbody>{bars.map((b) => <tr><td>{b.label}</td><td>{b.value.toLocaleString('id-ID')}</td></tr>)}</tbody></table></div>
    </details>
  </section>
)

export const StatisticsBody: FC<{ s: PopulationStatistics; areaTitle: string }> = ({ s, areaTitle }) => (
  <>
    <div class="grid">
      <div class="card stat"><span class="muted">Penduduk aktif</span><b>{s.total.toLocaleString('id-ID')}</b></div>
      <div class="card stat"><span class="muted">Kartu keluarga</span><b>{s.families.toLocaleString('id-ID')}</b></div>
      {s.bySex.map((b) => <div class="card stat"><span class="muted">{b.label}</span><b>{b.value.toLocaleString('id-ID')}</b></div>)}
    </div>
    <section class="card">
      <h2>Piramida penduduk</h2>
      <figure class="chart" role="img" aria-label="Piramida penduduk menurut kelompok umur dan jenis kelamin">{raw(pyramidSvg(s.pyramid))}</figure>
      <details>
        <summary>Tabel</summary>
        <div class="table-wrap"><table><thead><tr><th scope="col">Umur</th><th scope="col">Laki-laki</th><th scope="col">Perempuan</th></tr></thead><tbody>{[...s.pyramid].reverse().map((r) => <tr><td>{r.group}</td><td>{r.male}</td><td>{r.female}</td></tr>)}</tbody></table></div>
      </details>
    </section>
    <Chart title={areaTitle} svg={barChartSvg(s.area)} bars={s.area} />
    <Chart title="Agama" svg={barChartSvg(s.religion)} bars={s.religion} />
    <Chart title="Pendidikan (dalam KK)" svg={barChartSvg(s.education)} bars={s.education} />
    <Chart title="Pekerjaan" svg={barChartSvg(s.occupation)} bars={s.occupation} />
    <Chart title="Status perkawinan" svg={barChartSvg(s.marital)} bars={s.marital} />
    <Chart title="Status penduduk" svg={barChartSvg(s.status)} bars={s.status} />
  </>
)

export const StaffStatisticsPage: FC<{ title: string; s: PopulationStatistics; village?: Village; areaTitle: string }> = ({ title, s, village, areaTitle }) => (
  <StaffPage meta={{ title }} villageCode={village?.code} villageName={village?.name}>
    <h1>{title}</h1>
    {village ? <Sub code={village.code} /> : null}
    <StatisticsBody s={s} areaTitle={areaTitle} />
  </StaffPage>
)

export const PublicStatisticsPage: FC<{ village: Village; s: PopulationStatistics }> = ({ village, s }) => (
  <PublicPage meta={{ title: `Statistik Penduduk ${village.name}`, path: `/desa/${village.code}/statistik`, description: `Statistik penduduk ${village.kind} ${village.name}: jumlah menurut jenis kelamin, umur, agama, pendidikan, pekerjaan dan wilayah.` }} village={village}>
    <h1>Statistik Penduduk {village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} {village.name}</h1>
    <p class="muted">Data agregat dari register penduduk desa, diperbarui seketika. Tidak memuat nama atau NIK.</p>
    <StatisticsBody s={s} areaTitle="Penduduk per dusun" />
  </PublicPage>
)

export const CorrectionQueuePage: FC<{ village: Village; rows: (ResidentCorrectionRow & { name: string })[]; notice?: string; error?: string }> = ({ village, rows, notice, error }) => (
  <StaffPage meta={{ title: 'Permintaan koreksi data' }} villageCode={village.code} villageName={village.name}>
    <h1>Permintaan koreksi data</h1>
    <Sub code={village.code} />
    {notice ? <Alert kind="ok">{notice}</Alert> : null}
    {error ? <Alert kind="error">{error}</Alert> : null}
    {rows.length === 0 ? <p>Tidak ada permintaan yang menunggu.</p> : null}
    {rows.map((r) => (
      <section class="card">
        <h2><a href={`${base(village.code)}/${r.resident_id}`}>{r.name}</a></h2>
        <p class="muted">Diajukan {formatDateTimeWita(r.created_at)}</p>
        <p>{r.message}</p>
        <form method="post" action={`${base(village.code)}/koreksi/${r.id}`}>
          <CsrfField />
          <TextArea name="response" label="Tanggapan untuk warga" rows={2} />
          <button type="submit" name="status" value="selesai">Tandai selesai</button> <button class="secondary" type="submit" name="status" value="ditolak">Tolak</button>
        </form>
      </section>
    ))}
  </StaffPage>
)
