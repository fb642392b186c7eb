import type { FC } from 'hono/jsx'
import type { FieldErrors } from '../lib/errors.ts'
import { formatDateTimeWita } from '../lib/time.ts'
import { Alert, CsrfField, Field, FormErrors, Select } from '../web/layout.tsx'
import { StaffPage } from '../web/pages.tsx'
import type { StaffUserRow } from './auth.table.ts'
import { ROLE_LABEL, ROLES, type Role } from './role.ts'

export const StaffListPage: FC<{
  action: string
  villageCode?: string
  villageName?: string
  scope: string
  users: StaffUserRow[]
  roles: Role[]
  created?: { username: string; password: string }
  form?: Record<string, string>
  errors?: FieldErrors
  message?: string
}> = (p) => (
  <StaffPage meta={{ title: 'Pengguna' }} villageCode={p.villageCode} villageName={p.villageName}>
    <h1>Pengguna</h1>
    {p.created ? (
      <Alert kind="ok">
        Akun <strong>{p.created.username}</strong> dibuat. Kata sandi awal: <code>{p.created.password}</code> — catat sekarang; kata
        sandi ini tidak ditampilkan lagi.
      </Alert>
    ) : null}
    <div class="card table-wrap">
      <table>
        <thead><tr><th>Nama pengguna</th><th>Nama</th><th>Peran</th><th>Cakupan</th><th>Dibuat</th></tr></thead>
        <tbody>
          {p.users.map((u) => (
            <tr>
              <td>{u.username}</td>
              <td>{u.display_name}</td>
              <td>{ROLE_LABEL[u.role as Role] ?? u.role}</td>
              <td>{u.scope_code}</td>
              <td class="small">{formatDateTimeWita(u.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <form method="post" action={p.action} class="card">
      <CsrfField />
      <h2>Tambah pengguna</h2>
      <FormErrors message={p.message} errors={p.errors} />
      <Field name="username" label="Nama pengguna" value={p.form?.username} errors={p.errors} required autocomplete="off" />
      <Field name="displayName" label="Nama lengkap" value={p.form?.displayName} errors={p.errors} required />
      <Field name="email" label="Surel (opsional)" type="email" value={p.form?.email} errors={p.errors} />
      <Select name="role" label="Peran" value={p.form?.role} errors={p.errors} options={p.roles.filter((r) => ROLES.includes(r)).map((r) => ({ value: r, label: ROLE_LABEL[r] }))} />
      <Field name="scope" label="Cakupan (kode wilayah)" value={p.form?.scope ?? p.scope} errors={p.errors} required hint="Kode desa untuk peran desa, kode kecamatan untuk pemantau kecamatan." />
      <p class="hint">Kata sandi awal dibuat otomatis dan ditampilkan sekali.</p>
      <button type="submit">Buat akun</button>
    </form>
  </StaffPage>
)
