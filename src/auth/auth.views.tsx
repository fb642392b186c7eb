import type { FC } from 'hono/jsx'
import type { FieldErrors } from '../lib/errors.ts'
import { Alert, CsrfField, Field, FormErrors } from '../web/layout.tsx'
import { PublicPage, StaffPage } from '../web/pages.tsx'

export const LoginPage: FC<{ username?: string; error?: string; next?: string }> = (p) => (
  <PublicPage meta={{ title: 'Masuk Staf', noindex: true, path: '/staf/masuk' }}>
    <div class="card" style="max-width:28rem">
      <h1>Masuk Staf</h1>
      <p class="muted">Untuk perangkat desa, kecamatan dan kabupaten.</p>
      {p.error ? <Alert kind="error">{p.error}</Alert> : null}
      <form method="post" action="/staf/masuk">
        <CsrfField />
        {p.next ? <input type="hidden" name="next" value={p.next} /> : null}
        <Field name="username" label="Nama pengguna" value={p.username} required autocomplete="username" />
        <Field name="password" label="Kata sandi" type="password" required autocomplete="current-password" />
        <button type="submit">Masuk</button>
      </form>
    </div>
  </PublicPage>
)

export const PasswordPage: FC<{ errors?: FieldErrors; message?: string; done?: boolean }> = (p) => (
  <StaffPage meta={{ title: 'Ganti Kata Sandi' }}>
    <div class="card" style="max-width:32rem">
      <h1>Ganti Kata Sandi</h1>
      {p.done ? <Alert kind="ok">Kata sandi telah diganti. Sesi lain Anda telah diakhiri.</Alert> : null}
      <FormErrors message={p.message} errors={p.errors} />
      <form method="post" action="/staf/sandi">
        <CsrfField />
        <Field name="current" label="Kata sandi lama" type="password" required autocomplete="current-password" errors={p.errors} />
        <Field name="next" label="Kata sandi baru" type="password" required autocomplete="new-password" errors={p.errors} hint="Minimal 10 karakter, tidak hanya angka." />
        <Field name="confirm" label="Ulangi kata sandi baru" type="password" required autocomplete="new-password" errors={p.errors} />
        <button type="submit">Simpan</button>
      </form>
    </div>
  </StaffPage>
)
