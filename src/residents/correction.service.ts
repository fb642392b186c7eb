import type { Deps } from '../deps.ts'
import type { Actor, CitizenActor, RequestMeta } from '../auth/actor.ts'
import { authorizeVillage } from '../auth/policy.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { invalidInput, notFound } from '../lib/errors.ts'
import { newId } from '../lib/ids.ts'
import { nowIso } from '../lib/time.ts'
import { queueNotification } from '../notify/notify.service.ts'
import type { ResidentCorrectionRow } from './residents.table.ts'

/**
 * "Data Saya": a signed-in resident asks for a correction of their own record; it lands in the
 * operator's queue, and the answer comes back as a notification.
 */
export async function requestCorrection(deps: Deps, actor: CitizenActor, meta: RequestMeta, message: string): Promise<string> {
  const text = message.trim()
  if (text.length < 10) throw invalidInput('Jelaskan data yang keliru dan perbaikannya (minimal 10 karakter).', { message: 'Jelaskan data yang keliru dan perbaikannya (minimal 10 karakter).' })
  if (text.length > 2000) throw invalidInput('Permintaan terlalu panjang (maks. 2000 karakter).', { message: 'Permintaan terlalu panjang (maks. 2000 karakter).' })
  const id = newId()
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('resident_corrections').values({
      id, village_code: actor.villageCode, resident_id: actor.residentId, requested_by: actor.id, message: text, status: 'baru', response: '', created_at: nowIso(), handled_at: null, handled_by: null,
    }).execute()
    await recordAudit(trx, actor, meta, { villageCode: actor.villageCode, action: 'resident.correction_request', entityType: 'resident', entityId: actor.residentId, summary: 'Warga meminta koreksi data kependudukan' })
  })

  return id
}

export async function listOpenCorrections(deps: Deps, actor: Actor | null, villageCode: string): Promise<(ResidentCorrectionRow & { name: string })[]> {
  authorizeVillage(actor, villageCode, 'resident.write')

  return deps.db
    .selectFrom('resident_corrections as c')
    .innerJoin('residents as r', 'r.id', 'c.resident_id')
    .selectAll('c')
    .select('r.name')
    .where('c.village_code', '=', villageCode)
    .where('c.status', '=', 'baru')
    .orderBy('c.created_at')
    .limit(200)
    .execute()
}

export async function countOpenCorrections(deps: Deps, villageCode: string): Promise<number> {
  const r = await deps.db.selectFrom('resident_corrections').select((e) => e.fn.countAll().as('n')).where('village_code', '=', villageCode).where('status', '=', 'baru').executeTakeFirstOrThrow()

  return Number(r.n)
}

export async function resolveCorrection(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, id: string, status: string, response: string): Promise<void> {
  const staff = authorizeVillage(actor, villageCode, 'resident.write')
  const row = await deps.db.selectFrom('resident_corrections').selectAll().where('village_code', '=', villageCode).where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound()
  if (status !== 'selesai' && status !== 'ditolak') throw invalidInput('Pilih tandai selesai atau tolak.', { status: 'Pilih tandai selesai atau tolak.' })
  if (status === 'ditolak' && !response.trim()) throw invalidInput('Tuliskan alasan penolakan untuk warga.', { response: 'Tuliskan alasan penolakan untuk warga.' })
  if (row.status !== 'baru') throw invalidInput('Permintaan ini sudah ditanggapi.', { status: 'Permintaan ini sudah ditanggapi.' })
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('resident_corrections').set({ status, response: response.trim(), handled_at: nowIso(), handled_by: staff.username }).where('id', '=', id).execute()
    await queueNotification(trx, {
      villageCode, citizenAccountId: row.requested_by,
      subject: status === 'selesai' ? 'Koreksi data Anda telah diproses' : 'Permintaan koreksi data Anda ditolak',
      body: response.trim() || 'Data Anda di register penduduk telah diperbaiki sesuai permintaan.',
      link: '/warga/data',
    })
    await recordAudit(trx, staff, meta, { villageCode, action: 'resident.correction_resolve', entityType: 'resident', entityId: row.resident_id, summary: `Menanggapi permintaan koreksi data (${status})` })
  })
}
