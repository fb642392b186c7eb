import type { FC } from 'hono/jsx'
import { formatDateTimeWita } from '../lib/time.ts'
import { Pager } from '../web/layout.tsx'
import { StaffPage } from '../web/pages.tsx'
import type { AuditEventRow } from './audit.table.ts'

export const AuditPage: FC<{ events: AuditEventRow[]; page: number; hasNext: boolean; base: string; action?: string; villageCode?: string; villageName?: string }> = (p) => (
  <StaffPage meta={{ title: 'Jejak Audit' }} villageCode={p.villageCode} villageName={p.villageName}>
    <h1>Jejak Audit</h1>
    <form method="get" action={p.base} class="actions card">
      <label for="f-action" style="margin:0">Jenis tindakan</label>
      <input id="f-action" name="tindakan" value={p.action ?? ''} placeholder="mis. resident.reveal_nik" style="max-width:18rem" />
      <button type="submit" class="secondary">Saring</button>
    </form>
    <div class="card table-wrap">
      <table>
        <thead><tr><th>Waktu (WITA)</th><th>Pelaku</th><th>Tindakan</th><th>Keterangan</th><th>Alamat</th></tr></thead>
        <tbody>
          {p.events.map((e) => (
            <tr>
              <td class="small">{formatDateTimeWita(e.created_at)}</td>
              <td>{e.actor_name} <span class="muted small">({e.actor_kind})</span></td>
              <td><code class="small">{e.action}</code></td>
              <td>{e.summary}</td>
              <td class="small">{e.ip}</td>
            </tr>
          ))}
          {p.events.length === 0 ? <tr><td colspan={5} class="muted">Belum ada kejadian.</td></tr> : null}
        </tbody>
      </table>
    </div>
    <Pager page={p.page} hasNext={p.hasNext} href={(n) => `${p.base}?halaman=${n}${p.action ? `&tindakan=${encodeURIComponent(p.action)}` : ''}`} />
  </StaffPage>
)
