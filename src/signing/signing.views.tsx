import type { FC } from 'hono/jsx'
import type { FieldErrors } from '../lib/errors.ts'
import { formatDateId, formatDateTimeWita } from '../lib/time.ts'
import { Alert, CsrfField, Field, FormErrors, Select, TextArea } from '../web/layout.tsx'
import { PublicPage, StaffPage } from '../web/pages.tsx'
import type { IssuedLetter } from '../services/letter.service.ts'
import type { Village } from '../tenancy/village.ts'
import { CERTIFICATE_STATE_LABEL, certificateState } from './certificate.service.ts'
import { DELEGATION_KIND_LABEL } from './delegation.service.ts'
import type { SignOutcome } from './letter-signing.service.ts'
import { LETTER_STATUS_LABEL, type PublicLetterView, type UploadVerdict } from './letter-status.service.ts'
import type { SigningCertificateRow, SigningDelegationRow } from './signing.table.ts'

const unit = (kind: string) => (kind === 'kelurahan' ? 'Kelurahan' : 'Desa')
const STATUS_CLASS = { sah: 'ok', dicabut: 'bad', digantikan: 'bad', menunggu_tanda_tangan: 'warn' } as const

// Public verification -------------------------------------------------------------------------

const Row: FC<{ label: string; value: unknown }> = ({ label, value }) => (
  <>
    <dt>{label}</dt>
    <dd>{value as string}</dd>
  </>
)

export const VerifyPage: FC<{ letter: PublicLetterView; verdict?: UploadVerdict; errors?: FieldErrors; message?: string }> = ({ letter, verdict, errors, message }) => (
  <PublicPage meta={{ title: `Verifikasi surat ${letter.number}`, noindex: true }} village={{ code: letter.village.code, name: letter.village.name, kind: letter.village.kind }}>
    <h1>Verifikasi surat</h1>
    <div class="card">
      <p>
        Status: <span class={`badge ${STATUS_CLASS[letter.status]}`}>{LETTER_STATUS_LABEL[letter.status]}</span>
      </p>
      {letter.status === 'sah' ? <Alert kind="ok">Surat ini tercatat diterbitkan oleh {unit(letter.village.kind)} {letter.village.name} dan tidak dicabut.</Alert> : null}
      {letter.status === 'dicabut' || letter.status === 'digantikan' ? (
        <Alert kind="error">
          Surat ini telah dicabut pada {formatDateTimeWita(letter.revokedAt!)}. Alasan: {letter.revokedReason}
          {letter.replacedBy ? <> Surat pengganti: <a href={`/v/${letter.replacedBy.token}`}>{letter.replacedBy.number}</a>.</> : null}
        </Alert>
      ) : null}
      {letter.status === 'menunggu_tanda_tangan' ? <Alert kind="info">Surat ini belum ditandatangani secara elektronik dan belum berlaku.</Alert> : null}
      <dl class="kv stack">
            <Row label="Nomor surat" value={letter.number} />
            <Row label="Jenis surat" value={letter.title} />
            <Row label="Tanggal surat" value={formatDateId(letter.issuedDate)} />
            <Row label="Berlaku sampai" value={formatDateId(letter.validUntil)} />
            <Row label={unit(letter.village.kind)} value={`${letter.village.name} (${letter.village.code})`} />
            <Row label="Penanda tangan" value={`${letter.signer.onBehalf ? `${letter.signer.onBehalf}, ` : ''}${letter.signer.title} — ${letter.signer.name}`} />
            <Row label="Tanda tangan" value={letter.signatureMode === 'electronic' ? (letter.signedAt ? `Elektronik, ${formatDateTimeWita(letter.signedAt)}` : 'Elektronik (belum ditandatangani)') : 'Basah (manual) di kantor desa'} />
            <Row label="Nama pemegang surat" value={letter.holder.name} />
            <Row label="NIK pemegang" value={letter.holder.nikMasked} />
            {letter.replaces ? <Row label="Menggantikan surat" value={<a href={`/v/${letter.replaces.token}`}>{letter.replaces.number}</a>} /> : null}
      </dl>
    </div>
    {verdict ? <VerdictCard verdict={verdict} /> : null}
    <form method="post" action={`/v/${letter.token}`} enctype="multipart/form-data" class="card">
      <CsrfField />
      <h2>Periksa berkas PDF</h2>
      <p class="muted small">Unggah PDF surat yang Anda terima untuk memastikan berkas itu sama persis dengan surat yang diterbitkan dan tanda tangan elektroniknya sah.</p>
      <FormErrors message={message} errors={errors} />
      <div class="field">
        <label for="f-berkas">Berkas PDF (maks. 30 MB)</label>
        <input id="f-berkas" type="file" name="berkas" accept="application/pdf,.pdf" required aria-invalid={errors?.berkas ? 'true' : undefined} aria-describedby={errors?.berkas ? 'f-berkas-err' : undefined} />
        {errors?.berkas ? <p class="err" id="f-berkas-err">{errors.berkas}</p> : null}
      </div>
      <button type="submit">Periksa berkas</button>
    </form>
  </PublicPage>
)

const Check: FC<{ ok: boolean | null; label: string }> = ({ ok, label }) => (
  <li>
    <span class={`badge ${ok ? 'ok' : 'bad'}`}>{ok ? 'Ya' : 'Tidak'}</span> {label}
  </li>
)

const VerdictCard: FC<{ verdict: UploadVerdict }> = ({ verdict: v }) => (
  <div class="card" id="hasil">
    <h2>Hasil pemeriksaan berkas</h2>
    {v.valid ? <Alert kind="ok">Berkas ini sama persis dengan surat yang diterbitkan{v.handSigned ? '' : ' dan tanda tangan elektroniknya sah'}.</Alert> : <Alert kind="error">Berkas ini TIDAK dapat dipercaya: {v.reasons.join(' ')}</Alert>}
    <ul class="posts">
      <Check ok={v.matchesIssued} label="Sama persis dengan surat yang diterbitkan" />
      {v.handSigned ? null : (
        <>
          <Check ok={v.problem === null && v.signatureValid} label="Tanda tangan elektronik utuh dan sah" />
          <Check ok={v.chainsToCa} label="Sertifikat diterbitkan oleh Otoritas Sertifikat Balai kabupaten" />
          <Check ok={v.notRevokedAtSigning && v.validAtSigning} label="Sertifikat berlaku dan tidak dicabut saat penandatanganan" />
        </>
      )}
    </ul>
    {v.signerName ? <p class="small">Penanda tangan menurut sertifikat: <b>{v.signerName}</b>{v.signerTitle ? `, ${v.signerTitle}` : ''}{v.signingTime ? ` · ${formatDateTimeWita(v.signingTime)}` : ''}</p> : null}
    <p class="muted small">SHA-256 berkas: <code class="pre">{v.sha256}</code></p>
  </div>
)

// Village: signing --------------------------------------------------------------------------

export interface SigningPageProps {
  village: Village
  canDelegate: boolean
  canRevoke: boolean
  letters: IssuedLetter[]
  certificates: SigningCertificateRow[]
  delegations: (SigningDelegationRow & { delegateName: string })[]
  outcomes?: SignOutcome[]
  errors?: FieldErrors
  message?: string
  notice?: string
  delegationForm?: Record<string, string>
  revokeForm?: Record<string, string>
  replaceForm?: Record<string, string>
}

export const SigningPage: FC<SigningPageProps> = (p) => {
  const base = `/staf/desa/${p.village.code}/tanda-tangan`
  const active = p.certificates.find((c) => certificateState(c) === 'aktif')

  return (
    <StaffPage meta={{ title: 'Tanda tangan elektronik' }} villageCode={p.village.code} villageName={p.village.name}>
      <h1>Tanda tangan elektronik</h1>
      {p.notice ? <Alert kind="ok">{p.notice}</Alert> : null}
      <FormErrors message={p.message} errors={p.errors} />
      {p.outcomes ? <Outcomes outcomes={p.outcomes} /> : null}
      <section class="card">
        <h2>Surat menunggu tanda tangan</h2>
        {p.letters.length === 0 ? <p class="muted">Tidak ada surat yang menunggu tanda tangan elektronik.</p> : (
          <form method="post" action={base}>
            <CsrfField />
            <ul class="posts">
              {p.letters.map((l) => (
                <li>
                  <label class="actions" style="align-items:flex-start;flex-wrap:nowrap">
                    <input type="checkbox" name="requests" value={l.requestId} checked style="width:auto;min-width:1.25rem;margin-top:.3rem" />
                    <span style="min-width:0;overflow-wrap:anywhere;font-weight:400">
                      <b>{l.number}</b> · {l.title}
                      <br /><span class="small">{l.subjectName} ({l.subjectNikMasked})</span>
                      <br /><span class="muted small">Blok tanda tangan: {l.signer.onBehalf ? `${l.signer.onBehalf}, ` : ''}{l.signer.title} — {l.signer.name}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
            {active ? (
              <>
                <Field name="passphrase" label="Frasa sandi sertifikat Anda" type="password" autocomplete="off" required errors={p.errors} hint={`Sertifikat: ${active.holder_name}, ${active.holder_title}; berlaku sampai ${formatDateId(active.not_after)}.`} />
                <button type="submit">Tandatangani surat terpilih</button>
              </>
            ) : <Alert kind="info">Anda belum memiliki sertifikat aktif. Surat dapat dicetak dan ditandatangani basah, atau minta sertifikat kepada admin kabupaten.</Alert>}
          </form>
        )}
      </section>
      <section class="card">
        <h2>Sertifikat saya</h2>
        {p.certificates.length === 0 ? <p class="muted">Anda belum memiliki sertifikat tanda tangan elektronik.</p> : (
          <ul class="posts">
            {p.certificates.map((c) => {
              const state = certificateState(c)

              return (
                <li>
                  <b>{c.holder_title}</b> · <span class={`badge ${state === 'aktif' ? 'ok' : state === 'menunggu_aktivasi' ? 'warn' : 'bad'}`}>{CERTIFICATE_STATE_LABEL[state]}</span>
                  <p class="muted small">Nomor seri {c.serial} · berlaku {formatDateId(c.not_before)} s.d. {formatDateId(c.not_after)}{c.revoked_at ? ` · dicabut ${formatDateTimeWita(c.revoked_at)}: ${c.revoked_reason}` : ''}</p>
                  {state === 'menunggu_aktivasi' ? (
                    <form method="post" action={`${base}/sertifikat/${c.id}/aktivasi`}>
                      <CsrfField />
                      <Field name="activationCode" label="Kode aktivasi dari admin kabupaten" required errors={p.errors} autocomplete="off" />
                      <Field name="passphrase" label="Frasa sandi baru (minimal 8 karakter)" type="password" required errors={p.errors} autocomplete="new-password" hint="Hanya Anda yang mengetahuinya. Balai tidak menyimpan dan tidak dapat memulihkannya." />
                      <Field name="passphraseConfirm" label="Ulangi frasa sandi" type="password" required errors={p.errors} autocomplete="new-password" />
                      <button type="submit">Aktifkan sertifikat</button>
                    </form>
                  ) : null}
                </li>
              )
            })}
          </ul>
        )}
      </section>
      <section class="card">
        <h2>Pelimpahan tanda tangan (a.n./u.b.)</h2>
        {p.delegations.length === 0 ? <p class="muted">Belum ada pelimpahan.</p> : (
          <ul class="posts">
            {p.delegations.map((d) => (
              <li>
                <b>{d.delegateName}</b> · {DELEGATION_KIND_LABEL[d.kind]} · {formatDateId(d.valid_from)} s.d. {formatDateId(d.valid_until)}
                {d.ended_at ? <span class="badge"> diakhiri</span> : null}
                {d.note ? <p class="muted small">{d.note}</p> : null}
                {p.canDelegate && !d.ended_at ? (
                  <form method="post" action={`${base}/pelimpahan/${d.id}/akhiri`}>
                    <CsrfField />
                    <button class="secondary" type="submit">Akhiri pelimpahan</button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {p.canDelegate ? (
          <form method="post" action={`${base}/pelimpahan`}>
            <CsrfField />
            <h3>Pelimpahan baru</h3>
            <Field name="username" label="Nama pengguna pejabat penerima" value={p.delegationForm?.username} required errors={p.errors} />
            <Select name="kind" label="Bentuk" value={p.delegationForm?.kind ?? 'an'} errors={p.errors} options={[{ value: 'an', label: DELEGATION_KIND_LABEL.an }, { value: 'ub', label: DELEGATION_KIND_LABEL.ub }]} />
            <Field name="validFrom" label="Mulai (TTTT-BB-HH)" type="date" value={p.delegationForm?.validFrom} required errors={p.errors} />
            <Field name="validUntil" label="Sampai (TTTT-BB-HH)" type="date" value={p.delegationForm?.validUntil} required errors={p.errors} />
            <TextArea name="note" label="Keterangan" value={p.delegationForm?.note} errors={p.errors} rows={2} />
            <button type="submit">Simpan pelimpahan</button>
          </form>
        ) : null}
      </section>
      {p.canRevoke ? (
        <section class="card">
          <h2>Pencabutan surat</h2>
          <form method="post" action={`${base}/cabut`}>
            <CsrfField />
            <Field name="letterNumber" label="Nomor surat yang dicabut" value={p.revokeForm?.letterNumber} required errors={p.revokeForm ? p.errors : undefined} />
            <TextArea name="reason" label="Alasan pencabutan" value={p.revokeForm?.reason} required errors={p.revokeForm ? p.errors : undefined} rows={2} />
            <button class="danger" type="submit">Cabut surat</button>
          </form>
          <form method="post" action={`${base}/pengganti`} style="margin-top:1.5rem">
            <CsrfField />
            <h3>Tautkan surat pengganti</h3>
            <p class="muted small">Surat pengganti diterbitkan melalui permohonan baru dengan nomor baru; tautan ini membuat halaman verifikasi surat lama menunjuk ke surat pengganti.</p>
            <Field name="revokedNumber" label="Nomor surat yang dicabut" value={p.replaceForm?.revokedNumber} required errors={p.replaceForm ? p.errors : undefined} />
            <Field name="number" label="Nomor surat pengganti" value={p.replaceForm?.number} required errors={p.replaceForm ? p.errors : undefined} />
            <button type="submit">Tautkan</button>
          </form>
        </section>
      ) : null}
    </StaffPage>
  )
}

const Outcomes: FC<{ outcomes: SignOutcome[] }> = ({ outcomes }) => {
  const ok = outcomes.filter((o) => o.status === 'ditandatangani').length

  return (
    <div class="card" id="hasil">
      <Alert kind={ok === outcomes.length ? 'ok' : 'error'}>{ok} dari {outcomes.length} surat berhasil ditandatangani.</Alert>
      <ul class="posts">
        {outcomes.map((o) => (
          <li>
            <span class={`badge ${o.status === 'ditandatangani' ? 'ok' : 'bad'}`}>{o.status === 'ditandatangani' ? 'Ditandatangani' : 'Gagal'}</span> {o.number ?? o.requestId}
            {o.reason ? <p class="small">{o.reason}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  )
}

// Regency: certificates ---------------------------------------------------------------------

export const CertificatesPage: FC<{ certificates: SigningCertificateRow[]; hasCa: boolean; issued?: { holder: string; code: string | null }; errors?: FieldErrors; message?: string; form?: Record<string, string>; notice?: string }> = (p) => (
  <StaffPage meta={{ title: 'Sertifikat tanda tangan' }}>
    <h1>Sertifikat tanda tangan elektronik</h1>
    {p.notice ? <Alert kind="ok">{p.notice}</Alert> : null}
    {p.issued ? (
      <Alert kind="ok">
        Sertifikat untuk {p.issued.holder} telah diterbitkan.
        {p.issued.code ? <> Kode aktivasi (ditampilkan sekali ini saja, serahkan langsung kepada pemegang): <b class="code">{p.issued.code}</b></> : null}
      </Alert>
    ) : null}
    <FormErrors message={p.message} errors={p.errors} />
    {!p.hasCa ? <Alert kind="info">Otoritas sertifikat kabupaten belum dibuat. Jalankan <code>npx balai ca init</code> di server.</Alert> : null}
    <p class="muted small">Sertifikat CA: <a href="/pki/ca.crt">/pki/ca.crt</a> · Daftar pencabutan: <a href="/pki/crl.der">/pki/crl.der</a></p>
    <form method="post" action="/staf/wilayah/sertifikat" class="card">
      <CsrfField />
      <h2>Terbitkan sertifikat</h2>
      <Field name="username" label="Nama pengguna pemegang (Kepala Desa atau Sekretaris Desa)" value={p.form?.username} required errors={p.errors} />
      <Field name="title" label="Jabatan pada sertifikat" value={p.form?.title} errors={p.errors} hint="Kosongkan untuk jabatan baku, mis. Pembakal Banua Jingah." />
      <Field name="validityDays" label="Masa berlaku (hari)" value={p.form?.validityDays ?? '730'} inputmode="numeric" errors={p.errors} />
      <Field name="caPassphrase" label="Frasa sandi kunci CA" type="password" autocomplete="off" required errors={p.errors} />
      <button type="submit">Terbitkan</button>
    </form>
    <section class="card">
      <h2>Daftar sertifikat</h2>
      {p.certificates.length === 0 ? <p class="muted">Belum ada sertifikat.</p> : (
        <ul class="posts">
          {p.certificates.map((c) => {
            const state = certificateState(c)

            return (
              <li>
                <b>{c.holder_name}</b> · {c.holder_title} · <span class={`badge ${state === 'aktif' ? 'ok' : state === 'menunggu_aktivasi' ? 'warn' : 'bad'}`}>{CERTIFICATE_STATE_LABEL[state]}</span>
                <p class="muted small">{c.village_code} · seri {c.serial} · berlaku s.d. {formatDateId(c.not_after)}{c.revoked_at ? ` · dicabut ${formatDateTimeWita(c.revoked_at)}: ${c.revoked_reason}` : ''}</p>
                {!c.revoked_at ? (
                  <details>
                    <summary>Cabut sertifikat</summary>
                    <form method="post" action={`/staf/wilayah/sertifikat/${c.id}/cabut`}>
                      <CsrfField />
                      {/* ids carry the certificate id: one form per certificate on the page */}
                      <div class="field">
                        <label for={`alasan-${c.id}`}>Alasan pencabutan *</label>
                        <input id={`alasan-${c.id}`} name="reason" required minlength={5} maxlength={300} />
                      </div>
                      <div class="field">
                        <label for={`frasa-${c.id}`}>Frasa sandi kunci CA *</label>
                        <input id={`frasa-${c.id}`} name="caPassphrase" type="password" autocomplete="off" required />
                      </div>
                      <button class="danger" type="submit">Cabut</button>
                    </form>
                  </details>
                ) : null}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  </StaffPage>
)
