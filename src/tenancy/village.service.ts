import type { Deps } from '../deps.ts'
import type { Actor, RequestMeta } from '../auth/actor.ts'
import { authorizeScope, authorizeVillage } from '../auth/policy.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { AppError, alreadyExists, invalidInput, notFound } from '../lib/errors.ts'
import { nowIso } from '../lib/time.ts'
import { parseInput } from '../lib/validation.ts'
import { isVillageCode, isWithin, normalizeRegionCode } from './region.ts'
import { findRegion } from './region.repository.ts'
import { defaultVillageSettings, type Village } from './village.ts'
import { findVillage, insertVillage, listVillages, updateVillage } from './village.repository.ts'
import { ZVillageSettings } from './village.schema.ts'
import type { AuditActor } from '../audit/audit.ts'

/**
 * Switches a village on as a tenant of this installation.
 * @throws INVALID_INPUT unknown code, not a village, or outside the installation's regency
 * @throws ALREADY_EXISTS the village is already live
 */
export async function enableVillage(
  deps: Deps,
  actor: Actor | { kind: 'system'; name: string },
  meta: RequestMeta,
  rawCode: string,
): Promise<Village> {
  const regency = deps.config.regency
  if (actor.kind !== 'system') authorizeScope(actor, regency, 'village.enable')
  const code = normalizeRegionCode(rawCode)
  if (!isVillageCode(code)) {
    throw invalidInput(`Kode wilayah "${rawCode}" bukan kode desa/kelurahan (contoh: 63.07.06.2014).`, { code: 'Kode desa tidak sah.' })
  }
  const region = await findRegion(deps.db, code)
  if (!region) throw invalidInput(`Kode wilayah ${code} tidak dikenal.`, { code: 'Kode wilayah tidak dikenal.' })
  if (!isWithin(code, regency)) {
    throw invalidInput(`Desa ${region.name} (${code}) berada di luar kabupaten instalasi ini (${regency}).`, {
      code: 'Desa berada di luar kabupaten ini.',
    })
  }
  if (await findVillage(deps.db, code)) throw alreadyExists(`Desa ${region.name} (${code}) sudah aktif.`)
  const district = await findRegion(deps.db, region.parent_code ?? '')
  const regencyRow = await findRegion(deps.db, regency)
  const now = nowIso()
  const settings = defaultVillageSettings({
    code,
    name: region.name,
    districtName: district?.name ?? '',
    regencyName: regencyRow?.name ?? '',
  })
  await deps.db.transaction().execute(async (trx) => {
    await insertVillage(trx, { ...settings, enabled_at: now, updated_at: now })
    await recordAudit(trx, actor as AuditActor, meta, {
      villageCode: code,
      action: 'village.enable',
      entityType: 'village',
      entityId: code,
      summary: `Mengaktifkan ${settings.kind} ${region.name} (${code})`,
    })
  })
  const village = await findVillage(deps.db, code)
  if (!village) throw new AppError('INTERNAL')

  return village
}

/** A live village inside the actor's scope; 404 for anything else. */
export async function getVillageForStaff(deps: Deps, actor: Actor | null, code: string): Promise<Village> {
  authorizeVillage(actor, code, 'village.view')
  const v = await findVillage(deps.db, code)
  if (!v) throw notFound()

  return v
}

/** Public read of a live village (the portal); 404 when not live. */
export async function getLiveVillage(deps: Deps, code: string): Promise<Village> {
  const v = await findVillage(deps.db, code)
  if (!v) throw notFound()

  return v
}

export async function listLiveVillages(deps: Deps, scope?: string): Promise<Village[]> {
  return listVillages(deps.db, scope ?? deps.config.regency)
}

/**
 * Updates a village's settings (head, office, letterhead, paper, numbering).
 * @throws INVALID_INPUT with a message per field
 */
export async function updateVillageSettings(
  deps: Deps,
  actor: Actor | null,
  meta: RequestMeta,
  code: string,
  input: unknown,
): Promise<Village> {
  const staff = authorizeVillage(actor, code, 'village.settings')
  const before = await findVillage(deps.db, code)
  if (!before) throw notFound()
  const s = parseInput(ZVillageSettings, input)
  const lines = s.letterheadLines.split('\n').map((l) => l.trim()).filter(Boolean)
  await deps.db.transaction().execute(async (trx) => {
    await updateVillage(trx, code, {
      head_title: s.headTitle,
      head_name: s.headName,
      head_nip: s.headNip,
      address: s.address,
      postal_code: s.postalCode,
      phone: s.phone,
      email: s.email,
      office_hours: s.officeHours,
      letterhead_lines: JSON.stringify(lines),
      paper_size: s.paperSize,
      number_format: s.numberFormat,
      counter_scope: s.counterScope,
      updated_at: nowIso(),
    })
    await recordAudit(trx, staff, meta, {
      villageCode: code,
      action: 'village.settings',
      entityType: 'village',
      entityId: code,
      summary: `Mengubah pengaturan ${before.kind} ${before.name}`,
      data: { headTitle: s.headTitle, headName: s.headName, paperSize: s.paperSize, numberFormat: s.numberFormat },
    })
  })

  return (await findVillage(deps.db, code)) as Village
}

/** Stores the uploaded logo's file name (the file itself is kept by the caller). */
export async function setVillageLogo(deps: Deps, actor: Actor | null, meta: RequestMeta, code: string, file: string): Promise<void> {
  const staff = authorizeVillage(actor, code, 'village.settings')
  await deps.db.transaction().execute(async (trx) => {
    await updateVillage(trx, code, { logo_file: file, updated_at: nowIso() })
    await recordAudit(trx, staff, meta, {
      villageCode: code, action: 'village.logo', entityType: 'village', entityId: code, summary: 'Mengganti logo desa',
    })
  })
}
