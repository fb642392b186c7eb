import type { FC } from 'hono/jsx'
import type { FieldErrors } from '../lib/errors.ts'
import { formatDateTimeWita } from '../lib/time.ts'
import { Alert, CsrfField, Field, FormErrors, Select, TextArea } from '../web/layout.tsx'
import { StaffPage } from '../web/pages.tsx'
import { settingsFormOf, type SettingsForm, type Village } from './village.ts'

export { settingsFormOf, type SettingsForm }

export const VillageSettingsPage: FC<{ village: Village; form: SettingsForm; errors?: FieldErrors; message?: string; saved?: boolean }> = ({ village, form, errors, message, saved }) => (
  <StaffPage meta={{ title: `Pengaturan ${village.name}` }} villageCode={village.code} villageName={village.name}>
    <h1>Pengaturan {village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} {village.name}</h1>
    {saved ? <Alert kind="ok">Pengaturan telah disimpan.</Alert> : null}
    <FormErrors message={message} errors={errors} />
    <form method="post" action={`/staf/desa/${village.code}/pengaturan`} class="card">
      <CsrfField />
      <h2>Kepala desa</h2>
      <Field name="headTitle" label="Sebutan kepala desa" value={form.headTitle} errors={errors} required hint="Pembakal untuk desa di HST, Lurah untuk kelurahan." />
      <Field name="headName" label="Nama kepala desa" value={form.headName} errors={errors} />
      <Field name="headNip" label="NIP (bila ada)" value={form.headNip} errors={errors} inputmode="numeric" />
      <h2>Kantor</h2>
      <Field name="address" label="Alamat kantor" value={form.address} errors={errors} />
      <Field name="postalCode" label="Kode pos" value={form.postalCode} errors={errors} inputmode="numeric" maxlength={5} />
      <Field name="phone" label="Telepon" value={form.phone} errors={errors} type="tel" />
      <Field name="email" label="Surel" value={form.email} errors={errors} type="email" />
      <TextArea name="officeHours" label="Jam pelayanan" value={form.officeHours} errors={errors} rows={2} />
      <h2>Surat</h2>
      <TextArea name="letterheadLines" label="Kop surat (satu baris per baris)" value={form.letterheadLines} errors={errors} rows={4} hint="Alamat kantor dicetak di bawah kop secara otomatis." />
      <Select name="paperSize" label="Ukuran kertas" value={form.paperSize} errors={errors} options={[{ value: 'F4', label: 'F4 / Folio (215 × 330 mm)' }, { value: 'A4', label: 'A4 (210 × 297 mm)' }]} />
      <Field name="numberFormat" label="Format nomor surat" value={form.numberFormat} errors={errors} required hint="Penanda: [kode] klasifikasi, [nomor,3] nomor urut 3 digit, [kode_desa], [bulan_romawi], [bulan], [tahun]." />
      <Select name="counterScope" label="Nomor urut" value={form.counterScope} errors={errors} options={[{ value: 'per_type', label: 'Terpisah per jenis surat' }, { value: 'shared', label: 'Satu urutan untuk semua surat' }]} hint="Nomor urut dimulai lagi dari 1 setiap tahun." />
      <button type="submit">Simpan pengaturan</button>
    </form>
    <form method="post" action={`/staf/desa/${village.code}/logo`} enctype="multipart/form-data" class="card">
      <CsrfField />
      <h2>Logo</h2>
      {village.logoFile ? <p><img src={`/desa/${village.code}/logo.png`} alt={`Logo ${village.name}`} width="96" height="96" /></p> : <p class="muted">Belum ada logo; kop surat memakai teks saja.</p>}
      <div class="field">
        <label for="f-logo">Berkas logo (PNG, JPEG atau WebP, maks. 2 MB)</label>
        <input id="f-logo" type="file" name="logo" accept="image/png,image/jpeg,image/webp" required aria-describedby={errors?.logo ? 'f-logo-err' : undefined} />
        {errors?.logo ? <p class="err" id="f-logo-err">{errors.logo}</p> : null}
      </div>
      <button type="submit">Unggah logo</button>
    </form>
  </StaffPage>
)

export const VillageStaffHome: FC<{ village: Village; tiles: { label: string; value: string | number; href?: string }[] }> = ({ village, tiles }) => (
  <StaffPage meta={{ title: village.name }} villageCode={village.code} villageName={village.name}>
    <h1>{village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} {village.name}</h1>
    <p class="muted">Kecamatan {village.districtName} · kode wilayah {village.code} · aktif sejak {formatDateTimeWita(village.enabledAt)}</p>
    <div class="grid">
      {tiles.map((t) => (
        <div class="card stat">
          <span class="muted">{t.label}</span>
          <b>{t.href ? <a href={t.href}>{t.value}</a> : t.value}</b>
        </div>
      ))}
    </div>
    <div class="card">
      <h2>Kepala desa</h2>
      <dl class="kv">
        <dt>Sebutan</dt><dd>{village.headTitle}</dd>
        <dt>Nama</dt><dd>{village.headName || '—'}</dd>
        <dt>Jam pelayanan</dt><dd>{village.officeHours || '—'}</dd>
        <dt>Kertas surat</dt><dd>{village.paperSize}</dd>
        <dt>Format nomor</dt><dd><code>{village.numberFormat}</code></dd>
      </dl>
    </div>
  </StaffPage>
)

export interface RegencyVillageRow { code: string; name: string; kind: string; live: boolean }
export interface DistrictGroup { code: string; name: string; villages: RegencyVillageRow[] }

export const RegionVillagesPage: FC<{ scopeName: string; districts: DistrictGroup[]; canEnable: boolean; errors?: FieldErrors; message?: string; enabled?: string; code?: string }> = (p) => {
  const live = p.districts.reduce((n, d) => n + d.villages.filter((v) => v.live).length, 0)
  const total = p.districts.reduce((n, d) => n + d.villages.length, 0)

  return (
    <StaffPage meta={{ title: 'Desa' }}>
      <h1>Desa dan kelurahan · {p.scopeName}</h1>
      <p>{live} dari {total} desa/kelurahan sudah aktif.</p>
      {p.enabled ? <Alert kind="ok">Desa {p.enabled} telah diaktifkan.</Alert> : null}
      {p.canEnable ? (
        <form method="post" action="/staf/wilayah/desa" class="card">
          <CsrfField />
          <h2>Aktifkan desa</h2>
          <FormErrors message={p.message} />
          <Field name="code" label="Kode wilayah desa/kelurahan" value={p.code} errors={p.errors} required hint="Contoh: 63.07.06.2014 (Banua Jingah)." />
          <button type="submit">Aktifkan</button>
        </form>
      ) : null}
      {p.districts.map((d) => (
        <section class="card">
          <h2>Kecamatan {d.name} <span class="muted small">{d.code}</span></h2>
          <div class="table-wrap">
            <table>
              <thead><tr><th>Kode</th><th>Nama</th><th>Status</th></tr></thead>
              <tbody>
                {d.villages.map((v) => (
                  <tr>
                    <td>{v.code}</td>
                    <td>{v.live ? <a href={`/staf/desa/${v.code}`}>{v.kind === 'kelurahan' ? 'Kel.' : 'Desa'} {v.name}</a> : <>{v.kind === 'kelurahan' ? 'Kel.' : 'Desa'} {v.name}</>}</td>
                    <td>{v.live ? <span class="badge ok">Aktif</span> : <span class="badge">Belum aktif</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </StaffPage>
  )
}
