import type { Deps } from '../../src/deps.ts'
import { newId, newToken } from '../../src/lib/ids.ts'
import { registerSelf } from '../../src/citizens/citizen.service.ts'
import { makeCitizen } from './citizen-factory.ts'
import { makeResident, makeStaff } from './factories.ts'
import sharp from 'sharp'
import { SYSTEM_META } from '../../src/auth/actor.ts'
import { actOnRequest, createRequest } from '../../src/services/request.service.ts'
import { runDueJobs } from '../../src/jobs/jobs.service.ts'
import { JOB_HANDLERS } from '../../src/jobs/handlers.ts'

/**
 * Creates records in the other village for routes whose path names a record (`:residentId`,
 * `:requestId` …) and returns the ids by placeholder name. Each capability adds its own.
 */
export async function extraTenantSeeds(deps: Deps, villageCode: string): Promise<Record<string, string>> {
  return { ...(await portalTenantSeeds(deps, villageCode)), ...(await citizenTenantSeeds(deps, villageCode)), ...(await servicesTenantSeeds(deps, villageCode)), ...(await residentTenantSeeds(deps, villageCode)) }
}

/** A family of two, and a correction request waiting in the operator's queue. */
async function residentTenantSeeds(deps: Deps, villageCode: string): Promise<Record<string, string>> {
  const head = await makeResident(deps, villageCode)
  await makeResident(deps, villageCode, { kkNumber: head.kkNumber!, shdk: 3, sex: 'P' })
  const correctionId = newId()
  await deps.db.insertInto('resident_corrections').values({ id: correctionId, village_code: villageCode, resident_id: head.id, requested_by: null, message: 'Tanggal lahir saya keliru.', status: 'baru', response: '', created_at: new Date().toISOString(), handled_at: null, handled_by: null }).execute()

  return { residentId: head.id, residentNik: head.nik, familyId: head.familyId!, correctionId }
}

/** A post, an official, an agenda item and a complaint (with photo name) of the village. */
async function portalTenantSeeds(deps: Deps, villageCode: string): Promise<Record<string, string>> {
  const now = new Date().toISOString()
  const ids = { postId: newId(), officialId: newId(), agendaId: newId(), complaintId: newId() }
  await deps.db.insertInto('portal_posts').values({ id: ids.postId, village_code: villageCode, kind: 'berita', title: 'Berita desa lain', body: 'Isi', image_file: null, image_width: null, image_height: null, status: 'draft', published_at: null, author_name: '', created_at: now, updated_at: now }).execute()
  await deps.db.insertInto('portal_officials').values({ id: ids.officialId, village_code: villageCode, name: 'Perangkat Lain', position: 'Sekdes', sort_order: 1, created_at: now, updated_at: now }).execute()
  await deps.db.insertInto('portal_agenda').values({ id: ids.agendaId, village_code: villageCode, title: 'Agenda lain', event_date: '2099-01-01', event_time: '', place: '', description: '', created_at: now, updated_at: now }).execute()
  await deps.db.insertInto('complaints').values({ id: ids.complaintId, village_code: villageCode, tracking_code: newToken(12), category: 'lainnya', anonymous: 1, complainant_name: '', contact: '', citizen_account_id: null, body: 'Pengaduan desa lain yang cukup panjang.', photo_file: 'TIDAKADA.jpg', status: 'menunggu', reply: '', replied_at: null, replied_by: '', resolved_at: null, reply_due: now, resolve_due: now, published: 0, public_text: '', created_at: now, updated_at: now }).execute()

  return ids
}

/** An active citizen account and a pending self-registration of the village. */
async function citizenTenantSeeds(deps: Deps, villageCode: string): Promise<Record<string, string>> {
  const active = await makeCitizen(deps, { villageCode })
  const r = await makeResident(deps, villageCode)
  await registerSelf(deps, { ip: '192.0.2.250', userAgent: 'seed' }, { nik: r.nik, kkNumber: r.kkNumber, birthDate: r.birthDate, email: '' })
  const pending = await deps.db.selectFrom('citizen_accounts').select('id').where('nik', '=', r.nik).executeTakeFirstOrThrow()

  return { citizenAccountId: active.actor.id, citizenPendingId: pending.id, citizenNik: active.nik }
}

/** An open letter request with an uploaded document, and an approved one with its letter. */
async function servicesTenantSeeds(deps: Deps, villageCode: string): Promise<Record<string, string>> {
  const head = await makeStaff(deps, { role: 'head', scope: villageCode })
  const r = await makeResident(deps, villageCode)
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer()
  const input = { village: villageCode, letterType: 'domisili', subjectNik: r.nik, fields: { keperluan: 'Seed' } }
  const open = await createRequest(deps, head.actor, SYSTEM_META, input, { uploads: [{ requirement: 'Fotokopi KTP-el', name: 'ktp.png', bytes: png }] })
  const done = await createRequest(deps, head.actor, SYSTEM_META, input)
  await actOnRequest(deps, head.actor, SYSTEM_META, done.id, { action: 'approve', signature: 'hand' })
  await runDueJobs(deps, JOB_HANDLERS, { types: ['letter.render'] })
  const upload = await deps.db.selectFrom('request_uploads').select('id').where('request_id', '=', open.id).executeTakeFirstOrThrow()

  return { requestId: open.id, letterRequestId: done.id, uploadId: upload.id, requestSubjectNik: r.nik }
}
