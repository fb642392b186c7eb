import { villageKind } from './region.ts'
import type { VillageRow } from './tenancy.table.ts'

/** Default letter number: 470/001/63.07.06.2014/XII/2026 (see regulation.md §6.2). */
export const DEFAULT_NUMBER_FORMAT = '[kode]/[nomor,3]/[kode_desa]/[bulan_romawi]/[tahun]'

export const NUMBER_FORMAT_TOKENS = ['kode', 'nomor', 'kode_desa', 'bulan_romawi', 'bulan', 'tahun'] as const

/** Problems in a letter-number format, or null. `[nomor]` is required: without it numbers repeat. */
export function numberFormatProblem(format: string): string | null {
  if (!format.trim()) return 'Format nomor surat wajib diisi.'
  if (!/\[nomor(,\d)?\]/.test(format)) return 'Format nomor surat harus memuat [nomor].'
  for (const m of format.matchAll(/\[([^\]]*)\]/g)) {
    const name = m[1].split(',')[0]
    if (!(NUMBER_FORMAT_TOKENS as readonly string[]).includes(name)) {
      return `Penanda [${m[1]}] tidak dikenal. Gunakan: ${NUMBER_FORMAT_TOKENS.map((t) => `[${t}]`).join(', ')}.`
    }
  }

  return null
}

export interface Village {
  code: string
  name: string
  districtCode: string
  districtName: string
  kind: 'desa' | 'kelurahan'
  headTitle: string
  headName: string
  headNip: string
  address: string
  postalCode: string
  phone: string
  email: string
  officeHours: string
  letterheadLines: string[]
  logoFile: string | null
  paperSize: 'A4' | 'F4'
  numberFormat: string
  counterScope: 'per_type' | 'shared'
  enabledAt: string
}

export function toVillage(row: VillageRow, names: { name: string; districtCode: string; districtName: string }): Village {
  return {
    code: row.code,
    name: names.name,
    districtCode: names.districtCode,
    districtName: names.districtName,
    kind: row.kind,
    headTitle: row.head_title,
    headName: row.head_name,
    headNip: row.head_nip,
    address: row.address,
    postalCode: row.postal_code,
    phone: row.phone,
    email: row.email,
    officeHours: row.office_hours,
    letterheadLines: JSON.parse(row.letterhead_lines) as string[],
    logoFile: row.logo_file,
    paperSize: row.paper_size,
    numberFormat: row.number_format,
    counterScope: row.counter_scope,
    enabledAt: row.enabled_at,
  }
}

/**
 * Settings a freshly switched-on village starts with. In HST a desa is headed by a Pembakal
 * and a kelurahan by a Lurah; both are editable afterwards.
 */
export function defaultVillageSettings(input: {
  code: string
  name: string
  districtName: string
  regencyName: string
}): Omit<VillageRow, 'enabled_at' | 'updated_at'> {
  const kind = villageKind(input.code)
  const isHst = input.code.startsWith('63.07.')
  const headTitle = kind === 'kelurahan' ? 'Lurah' : isHst ? 'Pembakal' : 'Kepala Desa'
  const unit = kind === 'kelurahan' ? 'KELURAHAN' : 'DESA'

  return {
    code: input.code,
    kind,
    head_title: headTitle,
    head_name: '',
    head_nip: '',
    address: '',
    postal_code: '',
    phone: '',
    email: '',
    office_hours: 'Senin–Kamis 08.00–16.00 WITA, Jumat 08.00–11.00 WITA',
    letterhead_lines: JSON.stringify([
      `PEMERINTAH ${input.regencyName.toUpperCase()}`,
      `KECAMATAN ${input.districtName.toUpperCase()}`,
      `${unit} ${input.name.toUpperCase()}`,
    ]),
    logo_file: null,
    paper_size: 'F4',
    number_format: DEFAULT_NUMBER_FORMAT,
    counter_scope: 'per_type',
  }
}

/** The settings form's values for a village (also the input shape of updateVillageSettings). */
export interface SettingsForm {
  headTitle: string; headName: string; headNip: string; address: string; postalCode: string; phone: string
  email: string; officeHours: string; letterheadLines: string; paperSize: string; numberFormat: string; counterScope: string
}

export const settingsFormOf = (v: Village): SettingsForm => ({
  headTitle: v.headTitle, headName: v.headName, headNip: v.headNip, address: v.address, postalCode: v.postalCode,
  phone: v.phone, email: v.email, officeHours: v.officeHours, letterheadLines: v.letterheadLines.join('\n'),
  paperSize: v.paperSize, numberFormat: v.numberFormat, counterScope: v.counterScope,
})

