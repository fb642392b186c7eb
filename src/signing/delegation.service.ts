import type { Deps } from '../deps.ts'
import type { Actor, RequestMeta } from '../auth/actor.ts'
import { authorizeVillage } from '../auth/policy.ts'
import { roleAllows } from '../auth/role.ts'
import { findStaffByUsername } from '../auth/staff.repository.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { AppError, invalidInput, notFound } from '../lib/errors.ts'
import { newId } from '../lib/ids.ts'
import { nowIso, todayWita } from '../lib/time.ts'
import { endDelegation, findDelegation, insertDelegation, listDelegations } from './signing.repository.ts'
import type { DelegationKind, SigningDelegationRow } from './signing.table.ts'

/**
 * The head delegates signing for a period: a.n. (atas nama, e.g. the Sekretaris Desa) or u.b.
 * (untuk beliau, a further level). A delegate may sign only letters whose signature block reads
 * the matching a.n./u.b. line, and only on days the delegation is in force.
 */
export const DELEGATION_KIND_LABEL: Record<DelegationKind, string> = { an: 'a.n. (atas nama)', ub: 'u.b. (untuk beliau)' }

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime())

export async function createDelegation(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, input: Record<string, string | undefined>): Promise<SigningDelegationRow> {
  const head = authorizeVillage(actor, villageCode, 'letter.delegate')
  const fields: Record<string, string> = {}
  const username = (input.username ?? '').trim()
  const delegate = username ? await findStaffByUsername(deps.db, username) : undefined
  if (!delegate || delegate.scope_code !== villageCode || !delegate.active) fields.username = 'Pilih pejabat desa ini yang menerima pelimpahan.'
  else if (delegate.id === head.id) fields.username = 'Pelimpahan harus kepada pejabat lain.'
  else if (!roleAllows(delegate.role as never, 'letter.sign')) fields.username = 'Pejabat ini tidak berwenang menandatangani surat.'
  const kind = input.kind === 'an' || input.kind === 'ub' ? input.kind : null
  if (!kind) fields.kind = 'Pilih bentuk pelimpahan: a.n. atau u.b.'
  const from = (input.validFrom ?? '').trim()
  const until = (input.validUntil ?? '').trim()
  if (!isDate(from)) fields.validFrom = 'Tanggal mulai harus berbentuk TTTT-BB-HH.'
  if (!isDate(until)) fields.validUntil = 'Tanggal berakhir harus berbentuk TTTT-BB-HH.'
  else if (isDate(from) && until < from) fields.validUntil = 'Tanggal berakhir tidak boleh sebelum tanggal mulai.'
  else if (until < todayWita()) fields.validUntil = 'Tanggal berakhir sudah lewat.'
  const note = (input.note ?? '').trim()
  if (note.length > 300) fields.note = 'Keterangan paling banyak 300 karakter.'
  if (Object.keys(fields).length) throw invalidInput('Periksa kembali isian pelimpahan.', fields)
  const row: SigningDelegationRow = { id: newId(), village_code: villageCode, delegate_user_id: delegate!.id, kind: kind!, valid_from: from, valid_until: until, note, created_by: head.username, created_at: nowIso(), ended_at: null }
  await deps.db.transaction().execute(async (trx) => {
    await insertDelegation(trx, row)
    await recordAudit(trx, head, meta, { villageCode, action: 'signing.delegate', entityType: 'signing_delegation', entityId: row.id, summary: `Melimpahkan tanda tangan ${kind === 'an' ? 'a.n.' : 'u.b.'} kepada ${delegate!.display_name} (${from} s.d. ${until})`, data: { delegate: delegate!.username, kind, from, until } })
  })

  return row
}

export async function endDelegationNow(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, id: string): Promise<void> {
  const head = authorizeVillage(actor, villageCode, 'letter.delegate')
  const d = await findDelegation(deps.db, villageCode, id)
  if (!d) throw notFound()
  if (d.ended_at) throw new AppError('INVALID_TRANSITION', { userMessage: 'Pelimpahan ini sudah diakhiri.' })
  await deps.db.transaction().execute(async (trx) => {
    await endDelegation(trx, villageCode, id, nowIso())
    await recordAudit(trx, head, meta, { villageCode, action: 'signing.delegate_end', entityType: 'signing_delegation', entityId: id, summary: 'Mengakhiri pelimpahan tanda tangan' })
  })
}

export async function villageDelegations(deps: Deps, actor: Actor | null, villageCode: string): Promise<SigningDelegationRow[]> {
  authorizeVillage(actor, villageCode, 'letter.sign')

  return listDelegations(deps.db, villageCode)
}
