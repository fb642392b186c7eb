import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { Deps } from '../deps.ts'
import type { Actor, RequestMeta } from '../auth/actor.ts'
import { authorizeScope, authorizeVillage } from '../auth/policy.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { AppError, notFound } from '../lib/errors.ts'
import { maskNik } from '../lib/mask.ts'
import { nowIso, todayWita } from '../lib/time.ts'
import { parseInput } from '../lib/validation.ts'
import { getLiveVillage } from '../tenancy/village.service.ts'
import { regionName } from '../tenancy/region.service.ts'
import { findResidentByNik, findResidentByNikAnywhere, listFamilyMembers } from '../residents/resident.service.ts'
import type { Village } from '../tenancy/village.ts'
import { SERVICE_PLEDGE, SHIPPED_LETTER_TYPES, findShippedType, type FieldDef, type LetterTypeDef } from './catalogue.ts'
import { renderTemplate, validateTemplate } from './letter-template.ts'
import { letterContext, sampleContext } from './letter-context.ts'
import { findLetterTypeRow, listLetterTypeRows, listVillageTypeRows, upsertLetterTypeRow, upsertVillageTypeRow } from './services.repository.ts'

/** A letter type as one village offers it (regency edits and village overrides applied). */
export interface VillageLetterType extends LetterTypeDef {
  fee: 'Gratis'
  template: string
  /** switched on in this village */
  enabled: boolean
  /** the village overrides the regency's template */
  villageTemplate: boolean
  /** the village's own values, null where it follows the regency */
  villageOnline: boolean | null
  villageSlaHours: number | null
}

interface Klasifikasi { kode: string; nama: string }
let klasifikasi: Map<string, string> | undefined

/** The archive classification codes (Permendagri 83/2022 as imported by OpenSID). */
export function classificationCodes(): Map<string, string> {
  klasifikasi ??= new Map(
    (JSON.parse(readFileSync(new URL('./data/klasifikasi-surat.json', import.meta.url), 'utf8')) as { klasifikasi: Klasifikasi[] }).klasifikasi.map((k) => [k.kode, k.nama]),
  )

  return klasifikasi
}

/** The regency's version of every type (shipped definition with the regency's edit). */
export async function regencyLetterTypes(deps: Deps): Promise<LetterTypeDef[]> {
  const rows = new Map((await listLetterTypeRows(deps.db)).map((r) => [r.code, r]))

  return SHIPPED_LETTER_TYPES.map((t) => {
    const r = rows.get(t.code)

    return r
      ? { ...t, name: r.name, title: r.title, classificationCode: r.classification_code, online: r.online === 1, requirements: JSON.parse(r.requirements) as string[], slaHours: r.sla_hours, validityDays: r.validity_days, template: r.template }
      : t
  })
}

/** Every type with this village's switches and overrides, switched-off ones included. */
export async function allVillageLetterTypes(deps: Deps, villageCode: string): Promise<VillageLetterType[]> {
  const [types, overrides] = await Promise.all([regencyLetterTypes(deps), listVillageTypeRows(deps.db, villageCode)])
  const byType = new Map(overrides.map((o) => [o.type_code, o]))

  return types.map((t) => {
    const o = byType.get(t.code)

    return {
      code: t.code,
      name: t.name,
      title: t.title,
      classificationCode: t.classificationCode,
      online: o?.online != null ? o.online === 1 : t.online,
      requirements: t.requirements,
      fields: t.fields,
      slaHours: o?.sla_hours ?? t.slaHours,
      validityDays: t.validityDays,
      fee: 'Gratis' as const,
      template: o?.template ?? t.template,
      enabled: o ? o.enabled === 1 : true,
      villageTemplate: o?.template != null,
      villageOnline: o?.online != null ? o.online === 1 : null,
      villageSlaHours: o?.sla_hours ?? null,
    }
  })
}

/** The types a live village offers (for the portal and the API); 404 for a village not live. */
export async function listVillageLetterTypes(deps: Deps, villageCode: string): Promise<VillageLetterType[]> {
  await getLiveVillage(deps, villageCode)

  return (await allVillageLetterTypes(deps, villageCode)).filter((t) => t.enabled)
}

/** One type as the village offers it, or undefined when unknown or switched off. */
export async function getVillageLetterType(deps: Deps, villageCode: string, code: string): Promise<VillageLetterType | undefined> {
  return (await allVillageLetterTypes(deps, villageCode)).find((t) => t.code === code && t.enabled)
}

/** The village's service pledge (maklumat pelayanan), shown with its catalogue. */
export async function getServicePledge(deps: Deps, villageCode: string): Promise<string> {
  const v = await getLiveVillage(deps, villageCode)

  return SERVICE_PLEDGE(v.kind, v.name, v.headTitle)
}

// Regency edits -----------------------------------------------------------------------------

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean)

const ZTypeEdit = z.object({
  name: z.string().trim().min(3, 'Nama layanan wajib diisi (minimal 3 karakter).').max(120, 'Nama layanan paling banyak 120 karakter.'),
  title: z.string().trim().min(3, 'Judul surat wajib diisi.').max(120, 'Judul surat paling banyak 120 karakter.'),
  classificationCode: z.string().trim().refine((c) => classificationCodes().has(c), 'Kode klasifikasi tidak ada dalam daftar klasifikasi arsip.'),
  online: z.enum(['0', '1'], { message: 'Pilih apakah layanan dapat diajukan daring.' }),
  requirements: z.string().max(4000, 'Persyaratan terlalu panjang.').refine((s) => lines(s).length > 0, 'Isi paling sedikit satu persyaratan.'),
  slaHours: z.coerce.number({ message: 'Waktu penyelesaian harus angka.' }).int('Waktu penyelesaian harus bilangan bulat.').min(1, 'Waktu penyelesaian minimal 1 jam kerja.').max(240, 'Waktu penyelesaian paling lama 240 jam kerja.'),
  validityDays: z.coerce.number({ message: 'Masa berlaku harus angka.' }).int('Masa berlaku harus bilangan bulat.').min(1, 'Masa berlaku minimal 1 hari.').max(3650, 'Masa berlaku paling lama 3650 hari.'),
  template: z.string().max(50_000, 'Templat terlalu panjang.'),
})

/** Form values of a type for the regency's edit page. */
export const typeEditForm = (t: LetterTypeDef) => ({
  name: t.name, title: t.title, classificationCode: t.classificationCode, online: t.online ? '1' : '0',
  requirements: t.requirements.join('\n'), slaHours: String(t.slaHours), validityDays: String(t.validityDays), template: t.template,
})

/**
 * The regency changes a letter type for all villages.
 * @throws INVALID_INPUT per field, including an unknown placeholder in the template
 */
export async function updateLetterType(deps: Deps, actor: Actor | null, meta: RequestMeta, code: string, input: unknown): Promise<void> {
  const staff = authorizeScope(actor, deps.config.regency, 'catalogue.manage')
  const shipped = findShippedType(code)
  if (!shipped) throw notFound()
  const v = parseInput(ZTypeEdit, input)
  validateTemplate(v.template, sampleContext(shipped.fields))
  await deps.db.transaction().execute(async (trx) => {
    await upsertLetterTypeRow(trx, {
      code, name: v.name, title: v.title.toUpperCase(), classification_code: v.classificationCode, online: Number(v.online),
      requirements: JSON.stringify(lines(v.requirements)), sla_hours: v.slaHours, validity_days: v.validityDays, template: v.template,
      updated_at: nowIso(), updated_by: staff.username,
    })
    await recordAudit(trx, staff, meta, {
      villageCode: null, action: 'catalogue.update', entityType: 'letter_type', entityId: code,
      summary: `Mengubah jenis surat ${v.name}`, data: { classificationCode: v.classificationCode, online: v.online === '1', slaHours: v.slaHours, validityDays: v.validityDays },
    })
  })
}

/** Back to the shipped definition (the regency's edit is removed). */
export async function resetLetterType(deps: Deps, actor: Actor | null, meta: RequestMeta, code: string): Promise<void> {
  const staff = authorizeScope(actor, deps.config.regency, 'catalogue.manage')
  if (!findShippedType(code) || !(await findLetterTypeRow(deps.db, code))) throw notFound()
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('letter_types').where('code', '=', code).execute()
    await recordAudit(trx, staff, meta, { villageCode: null, action: 'catalogue.reset', entityType: 'letter_type', entityId: code, summary: `Mengembalikan jenis surat ${code} ke bawaan` })
  })
}

// Village switches --------------------------------------------------------------------------

const ZVillageType = z.object({
  enabled: z.enum(['0', '1'], { message: 'Pilih aktif atau nonaktif.' }),
  online: z.enum(['', '0', '1'], { message: 'Pilihan permohonan daring tidak sah.' }).default(''),
  slaHours: z.union([z.literal(''), z.coerce.number({ message: 'Waktu penyelesaian harus angka.' }).int('Waktu penyelesaian harus bilangan bulat.').min(1, 'Waktu penyelesaian minimal 1 jam kerja.').max(240, 'Waktu penyelesaian paling lama 240 jam kerja.')]).default(''),
  template: z.string().max(50_000, 'Templat terlalu panjang.').default(''),
})

/**
 * A village switches a type on or off and may override its online flag, time and template
 * (an empty value inherits the regency's).
 * @throws INVALID_INPUT per field, including an unknown placeholder in the template
 */
export async function updateVillageLetterType(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string, code: string, input: unknown): Promise<void> {
  const staff = authorizeVillage(actor, villageCode, 'catalogue.village')
  await getLiveVillage(deps, villageCode)
  const shipped = findShippedType(code)
  if (!shipped) throw notFound()
  const v = parseInput(ZVillageType, input)
  const regency = (await regencyLetterTypes(deps)).find((t) => t.code === code) as LetterTypeDef
  const template = v.template.trim() && v.template.replace(/\r\n/g, '\n').trim() !== regency.template.trim() ? v.template.replace(/\r\n/g, '\n') : null
  if (template) validateTemplate(template, sampleContext(shipped.fields))
  await deps.db.transaction().execute(async (trx) => {
    await upsertVillageTypeRow(trx, {
      village_code: villageCode, type_code: code, enabled: Number(v.enabled), online: v.online === '' ? null : Number(v.online),
      sla_hours: v.slaHours === '' ? null : v.slaHours, template, updated_at: nowIso(), updated_by: staff.username,
    })
    await recordAudit(trx, staff, meta, {
      villageCode, action: 'catalogue.village', entityType: 'letter_type', entityId: code,
      summary: `${v.enabled === '1' ? 'Mengaktifkan' : 'Menonaktifkan'} layanan ${regency.name}${template ? ' dengan templat desa' : ''}`,
      data: { enabled: v.enabled === '1', online: v.online, slaHours: v.slaHours, ownTemplate: template !== null },
    })
  })
}

/** For the village's catalogue pages: everything, with the village. */
export async function villageCatalogueForStaff(deps: Deps, actor: Actor | null, villageCode: string): Promise<{ village: Village; types: VillageLetterType[] }> {
  authorizeVillage(actor, villageCode, 'catalogue.village')
  const village = await getLiveVillage(deps, villageCode)

  return { village, types: await allVillageLetterTypes(deps, villageCode) }
}

export async function regencyCatalogueForStaff(deps: Deps, actor: Actor | null): Promise<LetterTypeDef[]> {
  authorizeScope(actor, deps.config.regency, 'catalogue.manage')

  return regencyLetterTypes(deps)
}

/**
 * Renders a template against a real resident for the editor's preview (fields get sample
 * values). The preview shows the resident's full data, so it is audited like a NIK reveal.
 * @throws INVALID_INPUT unknown NIK or an invalid template
 */
export async function previewTemplate(deps: Deps, actor: Actor | null, meta: RequestMeta, villageCode: string | null, code: string, template: string, nik: string): Promise<string> {
  const staff = villageCode ? authorizeVillage(actor, villageCode, 'catalogue.village') : authorizeScope(actor, deps.config.regency, 'catalogue.manage')
  const shipped = findShippedType(code)
  if (!shipped) throw notFound()
  const cleanNik = nik.replace(/\D/g, '')
  const subject = /^\d{16}$/.test(cleanNik)
    ? villageCode ? await findResidentByNik(deps, villageCode, cleanNik) : await findResidentByNikAnywhere(deps, cleanNik)
    : undefined
  if (!subject) throw new AppError('INVALID_INPUT', { userMessage: 'NIK tidak ditemukan.', fields: { nik: villageCode ? 'NIK tidak terdaftar di data penduduk desa ini.' : 'NIK tidak terdaftar di data penduduk.' } })
  const sample = sampleContext(shipped.fields)
  validateTemplate(template, sample)
  const village = await getLiveVillage(deps, subject.villageCode)
  const ctx = letterContext({
    village, regencyName: await regionName(deps.db, deps.config.regency), subject, applicant: subject,
    family: await listFamilyMembers(deps, subject.villageCode, subject.id), fields: [], values: {}, people: {},
    letter: { number: '(nomor terbit saat disetujui)', title: shipped.title, issuedDate: todayWita(), validUntil: todayWita(), classificationCode: shipped.classificationCode, trackingCode: '—' },
  })
  const markup = renderTemplate(template, { ...ctx, isian: sample.isian })
  await deps.db.transaction().execute(async (trx) => {
    await recordAudit(trx, staff, meta, {
      villageCode: subject.villageCode, action: 'catalogue.preview', entityType: 'resident', entityId: subject.id,
      summary: `Pratinjau templat ${shipped.name} dengan data ${subject.name} (${maskNik(subject.nik)})`,
    })
  })

  return markup
}
