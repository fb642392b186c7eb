import type { FC } from 'hono/jsx'
import type { FieldErrors } from '../lib/errors.ts'
import { formatDateTimeWita } from '../lib/time.ts'
import { Alert, CsrfField, Field, FormErrors, Pager } from '../web/layout.tsx'
import { StaffPage } from '../web/pages.tsx'
import type { Village } from '../tenancy/village.ts'
import type { CitizenAccountView, PinSlip } from './citizen.service.ts'
import type { CitizenStatus } from './citizen.table.ts'
import { STATUS_LABEL } from './citizen.ts'

const STATUS_BADGE: Record<CitizenStatus, string> = { pending: 'warn', active: 'ok', disabled: 'bad' }

export const NOTICES: Record<string, string> = {
  aktif: 'Akun telah diaktifkan. Tautan pembuatan PIN telah dikirim ke surel warga yang terverifikasi.',
  tolak: 'Pendaftaran telah ditolak dan dihapus.',
  nonaktif: 'Akun telah dinonaktifkan dan semua sesinya diakhiri. Terbitkan PIN baru untuk mengaktifkannya kembali.',
}

export const CitizenAccountsPage: FC<{
  village: Village
  accounts: CitizenAccountView[]
  counts: Record<CitizenStatus, number>
  status?: CitizenStatus
  page: number
  hasNext: boolean
  notice?: string
  nik?: string
  errors?: FieldErrors
  message?: string
}> = (p) => {
  const base = `/staf/desa/${p.village.code}/warga`
  const filter = (s?: CitizenStatus) => (s ? `${base}?status=${s}` : base)

  return (
    <StaffPage meta={{ title: `Akun Warga ${p.village.name}` }} villageCode={p.village.code} villageName={p.village.name}>
      <h1>Akun Layanan Mandiri Warga</h1>
      {p.notice ? <Alert kind="ok">{p.notice}</Alert> : null}
      <section class="card" style="max-width:40rem">
        <h2>Terbitkan atau atur ulang PIN</h2>
        <p class="muted small">
          Periksa KTP atau Kartu Keluarga warga yang datang. PIN baru menggantikan PIN lama, mengaktifkan pendaftaran yang menunggu, dan mengakhiri semua sesi akun itu. PIN hanya tampil sekali pada slip.
        </p>
        <FormErrors message={p.message} errors={p.errors} />
        <form method="post" action={`${base}/pin`}>
          <CsrfField />
          <Field name="nik" label="NIK warga (16 angka)" value={p.nik} required inputmode="numeric" maxlength={16} errors={p.errors} />
          <button type="submit">Terbitkan PIN dan cetak slip</button>
        </form>
      </section>
      <nav class="actions" aria-label="Saring menurut status" style="margin:0 0 1rem">
        <a class={`btn${p.status ? ' secondary' : ''}`} href={filter()} aria-current={!p.status ? 'page' : undefined}>
          Semua ({p.counts.pending + p.counts.active + p.counts.disabled})
        </a>
        {(['pending', 'active', 'disabled'] as const).map((s) => (
          <a class={`btn${p.status === s ? '' : ' secondary'}`} href={filter(s)} aria-current={p.status === s ? 'page' : undefined}>
            {STATUS_LABEL[s]} ({p.counts[s]})
          </a>
        ))}
      </nav>
      {p.accounts.length === 0 ? (
        <p class="card muted">Belum ada akun{p.status ? ` berstatus ${STATUS_LABEL[p.status].toLowerCase()}` : ''}.</p>
      ) : (
        <div class="table-wrap card" style="padding:0">
          <table>
            <thead>
              <tr><th scope="col">Nama</th><th scope="col">NIK</th><th scope="col">Status</th><th scope="col">Asal</th><th scope="col">Surel</th><th scope="col">Terakhir masuk</th><th scope="col">Tindakan</th></tr>
            </thead>
            <tbody>
              {p.accounts.map((a) => (
                <tr>
                  <td>{a.name}</td>
                  <td><code>{a.maskedNik}</code></td>
                  <td><span class={`badge ${STATUS_BADGE[a.status]}`}>{a.statusLabel}</span></td>
                  <td class="small">{a.origin === 'self' ? `Daftar daring, ${formatDateTimeWita(a.createdAt)}` : 'Kantor desa'}</td>
                  <td class="small">{a.email ? <>{a.email} {a.emailVerified ? <span class="badge ok">terverifikasi</span> : <span class="badge warn">belum</span>}</> : '—'}</td>
                  <td class="small">{a.lastLoginAt ? formatDateTimeWita(a.lastLoginAt) : '—'}</td>
                  <td>
                    <div class="actions">
                      {a.status === 'pending' ? (
                        <>
                          <form method="post" action={`${base}/${a.id}/aktifkan`}>
                            <CsrfField />
                            <input type="hidden" name="delivery" value="slip" />
                            <button type="submit">Aktifkan, cetak slip PIN</button>
                          </form>
                          {a.emailVerified ? (
                            <form method="post" action={`${base}/${a.id}/aktifkan`}>
                              <CsrfField />
                              <input type="hidden" name="delivery" value="email" />
                              <button class="secondary" type="submit">Aktifkan, kirim tautan PIN ke surel</button>
                            </form>
                          ) : null}
                          <form method="post" action={`${base}/${a.id}/tolak`}>
                            <CsrfField />
                            <button class="danger" type="submit">Tolak</button>
                          </form>
                        </>
                      ) : a.status === 'active' ? (
                        <form method="post" action={`${base}/${a.id}/nonaktifkan`}>
                          <CsrfField />
                          <button class="secondary" type="submit">Nonaktifkan</button>
                        </form>
                      ) : (
                        <span class="muted small">Terbitkan PIN baru untuk mengaktifkan.</span>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={p.page} hasNext={p.hasNext} href={(n) => `${filter(p.status)}${p.status ? '&' : '?'}page=${n}`} />
    </StaffPage>
  )
}

const REASON: Record<PinSlip['reason'], string> = {
  new: 'Akun baru',
  reset: 'Atur ulang PIN',
  activation: 'Aktivasi pendaftaran daring',
}

/**
 * The PIN slip, shown once right after issuing (the PIN is not stored in readable form, so
 * this page cannot be opened again). Print CSS leaves only the slip on paper.
 */
export const PinSlipPage: FC<{ village: Village; slip: PinSlip; loginUrl: string }> = ({ village, slip, loginUrl }) => (
  <StaffPage meta={{ title: 'Slip PIN Layanan Mandiri' }} villageCode={village.code} villageName={village.name}>
    <div class="no-print">
      <Alert kind="ok">PIN telah diterbitkan. Cetak slip ini (menu Cetak pada peramban, Ctrl+P) dan serahkan kepada warga. PIN tidak dapat ditampilkan lagi.</Alert>
      <p><a class="btn secondary" href={`/staf/desa/${village.code}/warga`}>Kembali ke daftar akun warga</a></p>
    </div>
    <article class="card pin-slip">
      <p class="small muted">{village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} {village.name} · Kecamatan {village.districtName} · Kabupaten Hulu Sungai Tengah</p>
      <h1>Slip PIN Layanan Mandiri</h1>
      <dl class="kv stack">
        <dt>Nama</dt><dd>{slip.name}</dd>
        <dt>NIK</dt><dd><code>{slip.maskedNik}</code></dd>
        <dt>Keperluan</dt><dd>{REASON[slip.reason]}</dd>
        <dt>Diterbitkan</dt><dd>{formatDateTimeWita(slip.issuedAt)}</dd>
      </dl>
      <p class="pin-slip-pin" aria-label={`PIN: ${slip.pin.split('').join(' ')}`}>{slip.pin}</p>
      <ol class="small">
        <li>Buka <strong>{loginUrl}</strong> lalu masuk dengan NIK dan PIN di atas.</li>
        <li>Segera ganti PIN melalui menu <strong>Akun</strong>. Jangan memakai tanggal lahir atau angka berurutan.</li>
        <li>Jangan berikan PIN kepada siapa pun, termasuk petugas. Simpan atau musnahkan slip ini.</li>
      </ol>
    </article>
  </StaffPage>
)
