import type { DemoResult, DemoStep } from '../demo/demo.ts'
import { SYSTEM_META } from '../auth/actor.ts'
import { findStaffByUsername } from '../auth/staff.repository.ts'
import { getStaffActor } from '../auth/staff.service.ts'
import { actOnRequest, createRequest } from './request.service.ts'

/**
 * Demo step: each model village gets a small queue at the counter — a domicile letter waiting,
 * a poverty letter under review, and an approved business letter (its PDF is rendered by the
 * job worker) — so the queue, the register and the tracking page have something to show.
 * Runs after the citizens' step (it uses the demo residents); a village with requests is skipped.
 */
export const servicesDemoStep: DemoStep = async (deps, result: DemoResult) => {
  const residents = (result.residents ?? []) as { village: string; nik: string; name: string }[]
  for (const v of result.villages) {
    const people = residents.filter((r) => r.village === v.code)
    if (people.length === 0) continue
    const any = await deps.db.selectFrom('letter_requests').select('id').where('village_code', '=', v.code).executeTakeFirst()
    if (any) continue
    const account = result.accounts.find((a) => a.role === 'head' && a.scope === v.code)
    const row = account && (await findStaffByUsername(deps.db, account.username))
    const head = row && (await getStaffActor(deps, row.id))
    if (!head) continue
    const nik = (i: number) => people[i % people.length].nik
    await createRequest(deps, head, SYSTEM_META, { village: v.code, letterType: 'domisili', subjectNik: nik(0), fields: { keperluan: 'Membuka rekening bank' } })
    const sktm = await createRequest(deps, head, SYSTEM_META, { village: v.code, letterType: 'sktm', subjectNik: nik(1), fields: { keperluan: 'Keringanan biaya sekolah', penghasilan: '1200000', tanggungan: '4' } })
    await actOnRequest(deps, head, SYSTEM_META, sktm.id, { action: 'review' })
    const usaha = await createRequest(deps, head, SYSTEM_META, { village: v.code, letterType: 'usaha', subjectNik: nik(2), fields: { nama_usaha: 'Warung Barokah', jenis_usaha: 'Warung sembako', alamat_usaha: 'RT 002', mulai_tahun: '2019', keperluan: 'Pengajuan KUR' } })
    await actOnRequest(deps, head, SYSTEM_META, usaha.id, { action: 'approve', signature: 'hand' })
  }
}
