import type { FC } from 'hono/jsx'
import type { FieldErrors } from '../lib/errors.ts'
import { Alert, CsrfField, FormErrors, TextArea } from '../web/layout.tsx'
import { CitizenPage } from '../citizens/citizen.views.tsx'

export const CorrectionRequestPage: FC<{ sent?: boolean; message?: string; errors?: FieldErrors }> = (p) => (
  <CitizenPage meta={{ title: 'Minta koreksi data', path: '/warga/data/koreksi' }}>
    <h1>Minta koreksi data</h1>
    {p.sent ? <Alert kind="ok">Permintaan Anda telah diterima operator desa. Jawaban akan muncul di pemberitahuan Anda.</Alert> : null}
    <FormErrors errors={p.errors} />
    <form method="post" action="/warga/data/koreksi" class="card">
      <CsrfField />
      <TextArea name="message" label="Data yang keliru dan perbaikannya" value={p.message} errors={p.errors} rows={5} required maxlength={2000} hint="Contoh: tanggal lahir saya tertulis 12-03-1990, seharusnya 21-03-1990 sesuai akta kelahiran." />
      <button type="submit">Kirim permintaan</button>
    </form>
    <p><a href="/warga/data">Kembali ke Data Saya</a></p>
  </CitizenPage>
)
