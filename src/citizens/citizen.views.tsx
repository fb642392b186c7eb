import type { Child, FC, PropsWithChildren } from 'hono/jsx'
import { useRequestContext } from 'hono/jsx-renderer'
import type { FieldErrors } from '../lib/errors.ts'
import { formatDateId, formatDateTimeWita } from '../lib/time.ts'
import { maskNik } from '../lib/mask.ts'
import type { AppEnv } from '../web/env.ts'
import { Alert, CsrfField, Document, Field, FormErrors, TopBar, type PageMeta } from '../web/layout.tsx'
import type { ResidentProfile } from '../residents/resident.service.ts'
import type { CitizenHomeSection } from './citizen.home.ts'
import type { OwnData } from './citizen.service.ts'
import { AccountBar } from '../web/pages.tsx'

/** The citizen area's shell: its own menu, and a sign-out button once signed in. */
export const CitizenPage: FC<PropsWithChildren<{ meta: PageMeta }>> = ({ meta, children }) => {
  const c = useRequestContext<AppEnv>()
  const actor = c.get('actor')
  const signedIn = actor?.kind === 'citizen'
  const nav = signedIn
    ? [{ label: 'Beranda', href: '/warga' }, { label: 'Layanan Surat', href: '/warga/surat' }, { label: 'Data Saya', href: '/warga/data' }, { label: 'Akun', href: '/warga/akun' }]
    : [{ label: 'Beranda', href: '/' }, { label: 'Masuk', href: '/warga/masuk' }, { label: 'Daftar', href: '/warga/daftar' }]

  return (
    <Document meta={{ ...meta, noindex: true }} header={
      <>
        <TopBar title="Layanan Mandiri Warga" subtitle="Kabupaten Hulu Sungai Tengah" home={signedIn ? '/warga' : '/'} nav={nav} current={c.req.path} />
        {signedIn ? (
          <AccountBar logout="/warga/keluar">
            <span class="muted small">{actor.name}</span>
          </AccountBar>
        ) : null}
      </>
    }>
      {children}
    </Document>
  )
}

const Narrow: FC<PropsWithChildren> = ({ children }) => <div class="card" style="max-width:32rem">{children}</div>

export const CitizenLoginPage: FC<{ nik?: string; error?: string; next?: string; errors?: FieldErrors; notice?: string }> = (p) => (
  <CitizenPage meta={{ title: 'Masuk Layanan Mandiri', path: '/warga/masuk' }}>
    <Narrow>
      <h1>Masuk Layanan Mandiri</h1>
      <p class="muted">Untuk warga yang telah memiliki PIN dari kantor desa atau dari pendaftaran daring.</p>
      {p.notice ? <Alert kind="ok">{p.notice}</Alert> : null}
      {p.error ? <Alert kind="error">{p.error}</Alert> : null}
      <form method="post" action="/warga/masuk">
        <CsrfField />
        {p.next ? <input type="hidden" name="next" value={p.next} /> : null}
        <Field name="nik" label="NIK (16 angka)" value={p.nik} required inputmode="numeric" maxlength={16} autocomplete="username" errors={p.errors} />
        <Field name="pin" label="PIN (6 angka)" type="password" required inputmode="numeric" maxlength={6} autocomplete="current-password" errors={p.errors} />
        <button type="submit">Masuk</button>
      </form>
      <p class="small">
        <a href="/warga/lupa-pin">Lupa PIN?</a> · <a href="/warga/daftar">Belum punya akun? Daftar</a>
      </p>
      <p class="muted small">Setelah 5 kali salah, NIK dan perangkat Anda dikunci selama 15 menit.</p>
    </Narrow>
  </CitizenPage>
)

export const RegisterPage: FC<{ form?: Record<string, string>; errors?: FieldErrors; message?: string; done?: { villageName: string; emailQueued: boolean } }> = (p) => (
  <CitizenPage meta={{ title: 'Daftar Layanan Mandiri', path: '/warga/daftar' }}>
    <Narrow>
      <h1>Daftar Layanan Mandiri</h1>
      {p.done ? (
        <>
          <Alert kind="ok">Pendaftaran Anda telah diterima dan menunggu aktivasi oleh petugas Desa {p.done.villageName}.</Alert>
          <p>
            {p.done.emailQueued
              ? 'Kami mengirim tautan verifikasi ke surel Anda. Setelah surel terverifikasi dan akun diaktifkan, tautan untuk membuat PIN dikirim ke surel tersebut. Anda juga dapat mengambil PIN di kantor desa dengan membawa KTP.'
              : 'Ambil PIN Anda di kantor desa dengan membawa KTP atau Kartu Keluarga setelah petugas mengaktifkan akun.'}
          </p>
          <p><a href="/warga/masuk">Ke halaman masuk</a></p>
        </>
      ) : (
        <>
          <p class="muted">Isi sesuai Kartu Keluarga. Data harus cocok dengan register penduduk desa; petugas desa lalu mengaktifkan akun Anda.</p>
          <FormErrors message={p.message} errors={p.errors} />
          <form method="post" action="/warga/daftar">
            <CsrfField />
            <Field name="nik" label="NIK (16 angka)" value={p.form?.nik} required inputmode="numeric" maxlength={16} errors={p.errors} />
            <Field name="kkNumber" label="Nomor Kartu Keluarga (16 angka)" value={p.form?.kkNumber} required inputmode="numeric" maxlength={16} errors={p.errors} />
            <Field name="birthDate" label="Tanggal lahir" type="date" value={p.form?.birthDate} required errors={p.errors} />
            <Field name="email" label="Surel (tidak wajib)" type="email" value={p.form?.email} autocomplete="email" errors={p.errors} hint="Untuk menerima tautan pembuatan PIN, kabar permohonan, dan bila lupa PIN." />
            <button type="submit">Daftar</button>
          </form>
        </>
      )}
    </Narrow>
  </CitizenPage>
)

export const ForgotPinPage: FC<{ form?: Record<string, string>; errors?: FieldErrors; message?: string; sent?: boolean }> = (p) => (
  <CitizenPage meta={{ title: 'Lupa PIN', path: '/warga/lupa-pin' }}>
    <Narrow>
      <h1>Lupa PIN</h1>
      {p.sent ? (
        <Alert kind="ok">
          Jika NIK tersebut memiliki akun aktif dengan surel terverifikasi yang sama, tautan untuk membuat PIN baru telah dikirim. Tautan berlaku 1 jam dan hanya dapat dipakai sekali.
        </Alert>
      ) : null}
      <p>Cara pertama: masukkan NIK dan surel yang telah Anda verifikasi di akun. Kami mengirim tautan untuk membuat PIN baru.</p>
      <FormErrors message={p.message} errors={p.errors} />
      <form method="post" action="/warga/lupa-pin">
        <CsrfField />
        <Field name="nik" label="NIK (16 angka)" value={p.form?.nik} required inputmode="numeric" maxlength={16} errors={p.errors} />
        <Field name="email" label="Surel terverifikasi" type="email" value={p.form?.email} required autocomplete="email" errors={p.errors} />
        <button type="submit">Kirim tautan</button>
      </form>
      <h2>Belum memverifikasi surel?</h2>
      <p>Datang ke kantor desa dengan membawa KTP atau Kartu Keluarga. Petugas akan mencetak PIN baru untuk Anda.</p>
    </Narrow>
  </CitizenPage>
)

export const TokenFormPage: FC<{ kind: 'verify' | 'pin'; token: string; valid: boolean; errors?: FieldErrors; message?: string; done?: boolean }> = (p) => {
  const title = p.kind === 'verify' ? 'Verifikasi Surel' : 'Buat PIN Baru'
  const action = p.kind === 'verify' ? '/warga/verifikasi-surel' : '/warga/atur-pin'

  return (
    <CitizenPage meta={{ title }}>
      <Narrow>
        <h1>{title}</h1>
        {p.done ? (
          <>
            <Alert kind="ok">{p.kind === 'verify' ? 'Alamat surel Anda telah terverifikasi.' : 'PIN baru telah disimpan. Silakan masuk dengan PIN tersebut.'}</Alert>
            <p><a class="btn" href={p.kind === 'verify' ? '/warga' : '/warga/masuk'}>{p.kind === 'verify' ? 'Ke beranda warga' : 'Masuk'}</a></p>
          </>
        ) : !p.valid ? (
          <Alert kind="error">Tautan tidak sah, sudah dipakai, atau sudah kedaluwarsa. {p.kind === 'verify' ? 'Masuk lalu simpan surel Anda lagi untuk menerima tautan baru.' : 'Minta tautan baru melalui menu Lupa PIN, atau datang ke kantor desa.'}</Alert>
        ) : (
          <>
            <FormErrors message={p.message} errors={p.errors} />
            <form method="post" action={action}>
              <CsrfField />
              <input type="hidden" name="token" value={p.token} />
              {p.kind === 'pin' ? (
                <>
                  <Field name="next" label="PIN baru (6 angka)" type="password" required inputmode="numeric" maxlength={6} autocomplete="new-password" errors={p.errors} hint="Hindari angka sama, urutan (123456) dan tanggal lahir." />
                  <Field name="confirm" label="Ulangi PIN baru" type="password" required inputmode="numeric" maxlength={6} autocomplete="new-password" errors={p.errors} />
                </>
              ) : (
                <p>Tekan tombol di bawah untuk memastikan alamat surel ini milik Anda.</p>
              )}
              <button type="submit">{p.kind === 'verify' ? 'Verifikasi surel' : 'Simpan PIN'}</button>
            </form>
          </>
        )}
      </Narrow>
    </CitizenPage>
  )
}

export const CitizenHomePage: FC<{ name: string; villageName: string; sections: CitizenHomeSection[]; notifications: Child; emailVerified: boolean; hasEmail: boolean }> = (p) => (
  <CitizenPage meta={{ title: 'Beranda Warga', path: '/warga' }}>
    <h1>Selamat datang, {p.name}</h1>
    <p class="muted">Layanan mandiri Desa {p.villageName}. Waktu ditampilkan dalam WITA.</p>
    {!p.hasEmail ? (
      <Alert kind="info">Tambahkan dan verifikasi alamat surel di halaman <a href="/warga/akun">Akun</a> agar Anda menerima kabar permohonan dan dapat membuat PIN baru sendiri bila lupa.</Alert>
    ) : !p.emailVerified ? (
      <Alert kind="info">Alamat surel Anda belum terverifikasi. Buka tautan yang kami kirim, atau kirim ulang dari halaman <a href="/warga/akun">Akun</a>.</Alert>
    ) : null}
    <div class="grid">
      <a class="card card-link" href="/warga/data"><h2>Data Saya</h2><p class="muted">Lihat data Anda dan keluarga di register penduduk.</p></a>
      <a class="card card-link" href="/warga/akun"><h2>Akun</h2><p class="muted">Ganti PIN dan atur alamat surel.</p></a>
    </div>
    {p.sections.map((s) => (
      <section class="card">
        <h2>{s.title}</h2>
        {s.body}
      </section>
    ))}
    {p.notifications}
  </CitizenPage>
)

const Row: FC<{ label: string; value: Child }> = ({ label, value }) => (
  <>
    <dt>{label}</dt>
    <dd>{value === '' || value === null || value === undefined ? <span class="muted">—</span> : value}</dd>
  </>
)

export const OwnDataPage: FC<{ data: OwnData; villageName: string }> = ({ data, villageName }) => {
  const r = data.profile

  return (
    <CitizenPage meta={{ title: 'Data Saya', path: '/warga/data' }}>
      <h1>Data Saya</h1>
      <p class="muted">
        Inilah data Anda di register penduduk Desa {villageName}. Sesuai UU 27/2022 tentang Pelindungan Data Pribadi, Anda berhak melihat data ini. Bila ada yang keliru, <a href="/warga/data/koreksi">ajukan pembetulan data</a> atau datang ke kantor desa dengan membawa dokumen pendukung.
      </p>
      <section class="card">
        <h2>Identitas</h2>
        <dl class="kv stack">
          <Row label="NIK" value={r.nik} />
          <Row label="Nomor KK" value={r.kkNumber ?? ''} />
          <Row label="Nama" value={r.name} />
          <Row label="Jenis kelamin" value={r.sexLabel} />
          <Row label="Tempat, tanggal lahir" value={`${r.birthPlace}, ${formatDateId(r.birthDate)}`} />
          <Row label="Agama" value={r.religion} />
          <Row label="Status perkawinan" value={r.maritalStatus} />
          <Row label="Pekerjaan" value={r.occupation} />
          <Row label="Pendidikan" value={r.education} />
          <Row label="Kewarganegaraan" value={r.citizenship} />
          <Row label="Hubungan dalam keluarga" value={r.familyRelationship} />
          <Row label="Nama ayah" value={r.fatherName} />
          <Row label="Nama ibu" value={r.motherName} />
        </dl>
      </section>
      <section class="card">
        <h2>Alamat dan kontak</h2>
        <dl class="kv stack">
          <Row label="Alamat" value={r.address} />
          <Row label="Dusun" value={r.dusun} />
          <Row label="RT / RW" value={`${r.rt || '—'} / ${r.rw || '—'}`} />
          <Row label="Surel di register" value={r.email ?? ''} />
          <Row label="Telepon di register" value={r.phone ?? ''} />
        </dl>
      </section>
      <section class="card">
        <h2>Anggota keluarga (satu KK)</h2>
        <p class="muted small">NIK anggota keluarga lain disamarkan.</p>
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">Nama</th><th scope="col">NIK</th><th scope="col">Hubungan</th><th scope="col">Tanggal lahir</th></tr></thead>
            <tbody>
              {data.family.map((m: ResidentProfile) => (
                <tr>
                  <td>{m.name}{m.id === r.id ? ' (Anda)' : ''}</td>
                  <td>{m.id === r.id ? m.nik : maskNik(m.nik)}</td>
                  <td>{m.familyRelationship}</td>
                  <td>{formatDateId(m.birthDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card">
        <h2>Akun layanan mandiri</h2>
        <dl class="kv stack">
          <Row label="Surel akun" value={data.account.email ? `${data.account.email} (${data.account.emailVerified ? 'terverifikasi' : 'belum terverifikasi'})` : ''} />
          <Row label="PIN terakhir diubah" value={data.account.pinChangedAt ? formatDateTimeWita(data.account.pinChangedAt) : ''} />
          <Row label="Terakhir masuk" value={data.account.lastLoginAt ? formatDateTimeWita(data.account.lastLoginAt) : ''} />
        </dl>
      </section>
    </CitizenPage>
  )
}

export const AccountPage: FC<{
  email: string | null
  emailVerified: boolean
  pinChangedAt: string | null
  pinErrors?: FieldErrors
  pinMessage?: string
  emailErrors?: FieldErrors
  emailMessage?: string
  emailForm?: string
  notice?: string
}> = (p) => (
  <CitizenPage meta={{ title: 'Akun', path: '/warga/akun' }}>
    <h1>Akun</h1>
    {p.notice ? <Alert kind="ok">{p.notice}</Alert> : null}
    <section class="card" style="max-width:36rem">
      <h2>Ganti PIN</h2>
      <p class="muted small">{p.pinChangedAt ? `PIN terakhir diubah ${formatDateTimeWita(p.pinChangedAt)}.` : ''} Setelah PIN diganti, sesi Anda di perangkat lain diakhiri.</p>
      <FormErrors message={p.pinMessage} errors={p.pinErrors} />
      <form method="post" action="/warga/pin">
        <CsrfField />
        <Field name="current" label="PIN lama" type="password" required inputmode="numeric" maxlength={6} autocomplete="current-password" errors={p.pinErrors} />
        <Field name="next" label="PIN baru (6 angka)" type="password" required inputmode="numeric" maxlength={6} autocomplete="new-password" errors={p.pinErrors} hint="Hindari angka sama, urutan (123456) dan tanggal lahir." />
        <Field name="confirm" label="Ulangi PIN baru" type="password" required inputmode="numeric" maxlength={6} autocomplete="new-password" errors={p.pinErrors} />
        <button type="submit">Simpan PIN</button>
      </form>
    </section>
    <section class="card" style="max-width:36rem">
      <h2>Alamat surel</h2>
      <p>
        {p.email ? (
          <>Saat ini: <strong>{p.email}</strong> {p.emailVerified ? <span class="badge ok">terverifikasi</span> : <span class="badge warn">belum terverifikasi</span>}</>
        ) : (
          <span class="muted">Belum ada alamat surel.</span>
        )}
      </p>
      <p class="muted small">Surel terverifikasi dipakai untuk kabar permohonan dan untuk membuat PIN baru bila Anda lupa PIN.</p>
      <FormErrors message={p.emailMessage} errors={p.emailErrors} />
      <form method="post" action="/warga/surel">
        <CsrfField />
        <Field name="email" label="Alamat surel" type="email" value={p.emailForm ?? p.email ?? ''} required autocomplete="email" errors={p.emailErrors} />
        <button type="submit">{p.email && !p.emailVerified ? 'Simpan dan kirim ulang tautan' : 'Simpan dan kirim tautan verifikasi'}</button>
      </form>
    </section>
  </CitizenPage>
)
