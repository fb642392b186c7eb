import type { FC } from 'hono/jsx'
import { formatDateTimeWita } from '../lib/time.ts'
import { Alert, CsrfField, Pager } from '../web/layout.tsx'
import { StaffPage } from '../web/pages.tsx'
import { JOB_STATE_LABEL, jobTypeLabel } from './jobs.ts'
import type { JobRow, JobState } from './jobs.table.ts'

/** Long error texts (stack-like messages) fold away so one job cannot swamp the table. */
const ErrorText: FC<{ text: string | null }> = ({ text }) => {
  if (!text) return null
  if (text.length <= 160) return <>{text}</>

  return (
    <details>
      <summary>{text.slice(0, 120)}…</summary>
      <span style="overflow-wrap:anywhere">{text}</span>
    </details>
  )
}

const BADGE: Record<JobState, string> = { pending: 'info', running: 'info', done: 'ok', skipped: 'warn', failed: 'bad' }
const STATES = Object.keys(JOB_STATE_LABEL) as JobState[]

/** The regency's background-job outbox: what waits, what failed and why, and a retry button. */
export const OutboxPage: FC<{
  counts: Record<string, number>
  villageNames: Record<string, string>
  jobs: JobRow[]
  state?: JobState
  page: number
  hasNext: boolean
  notice?: { kind: 'ok' | 'error'; text: string }
}> = (p) => {
  const base = '/staf/wilayah/tugas'
  const query = (extra: Record<string, string | number | undefined>) => {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries({ status: p.state, ...extra })) if (v !== undefined) q.set(k, String(v))
    const s = q.toString()

    return s ? `${base}?${s}` : base
  }

  return (
    <StaffPage meta={{ title: 'Antrean Tugas', noindex: true }}>
      <h1>Antrean Tugas</h1>
      <p class="muted">
        Surel, pesan, pembuatan PDF dan tanda tangan elektronik dikerjakan di latar belakang dan dicoba ulang otomatis bila gagal.
        Tugas yang tetap gagal dapat dicoba ulang di sini setelah penyebabnya diperbaiki.
      </p>
      {p.notice ? <Alert kind={p.notice.kind}>{p.notice.text}</Alert> : null}
      <div class="card stats">
        {STATES.map((s) => (
          <div class="stat">
            <b>{p.counts[s] ?? 0}</b>
            <a href={query({ status: s })} aria-current={p.state === s ? 'true' : undefined}>{JOB_STATE_LABEL[s]}</a>
          </div>
        ))}
      </div>
      <form method="get" action={base} class="actions card">
        <label for="f-status" style="margin:0">Status</label>
        <select id="f-status" name="status" style="max-width:14rem">
          <option value="">Semua</option>
          {STATES.map((s) => <option value={s} selected={p.state === s}>{JOB_STATE_LABEL[s]}</option>)}
        </select>
        <button type="submit" class="secondary">Saring</button>
      </form>
      <div class="card table-wrap">
        <table>
          <thead>
            <tr><th>Dibuat (WITA)</th><th>Jenis</th><th>Desa</th><th>Status</th><th>Percobaan</th><th>Keterangan</th><th><span class="sr-only">Tindakan</span></th></tr>
          </thead>
          <tbody>
            {p.jobs.map((j) => (
              <tr>
                <td class="small" style="white-space:nowrap">{formatDateTimeWita(j.created_at).replace(' pukul ', ', ')}</td>
                <td>{jobTypeLabel(j.type)}</td>
                <td class="small">{j.village_code ? (p.villageNames[j.village_code] ?? j.village_code) : '—'}</td>
                <td><span class={`badge ${BADGE[j.state]}`}>{JOB_STATE_LABEL[j.state]}</span></td>
                <td class="small">{j.attempts} dari {j.max_attempts}</td>
                <td class="small">
                  <ErrorText text={j.last_error} />
                  {j.state === 'pending' && j.attempts > 0 ? <span class="muted"> (dicoba lagi {formatDateTimeWita(j.run_at)})</span> : null}
                </td>
                <td>
                  {j.state === 'failed' ? (
                    <form method="post" action={`${base}/${j.id}/ulang`}>
                      <CsrfField />
                      <button type="submit" class="secondary">Coba ulang</button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
            {p.jobs.length === 0 ? <tr><td colspan={7} class="muted">Tidak ada tugas.</td></tr> : null}
          </tbody>
        </table>
      </div>
      <Pager page={p.page} hasNext={p.hasNext} href={(n) => query({ halaman: n })} />
    </StaffPage>
  )
}
