import type { RegionLevel } from './tenancy.table.ts'

export interface Region {
  code: string
  name: string
  level: RegionLevel
  parentCode: string | null
}

const CODE_PATTERN = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/

/** A Kemendagri code in dotted form: 63, 63.07, 63.07.06 or 63.07.06.2014. */
export const isRegionCode = (code: string): boolean => CODE_PATTERN.test(code)

export const isVillageCode = (code: string): boolean => /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(code)

export const isDistrictCode = (code: string): boolean => /^\d{2}\.\d{2}\.\d{2}$/.test(code)

/** The first digit of a village's last segment tells kelurahan (1) from desa (2, 3). */
export function villageKind(code: string): 'desa' | 'kelurahan' {
  return code.split('.')[3]?.startsWith('1') ? 'kelurahan' : 'desa'
}

/** True when `code` is `scope` itself or lies inside it (63.07.06.2014 is within 63.07). */
export function isWithin(code: string, scope: string): boolean {
  return code === scope || code.startsWith(scope + '.')
}

/** The district (kecamatan) code of a village code. */
export const districtOf = (villageCode: string): string => villageCode.split('.').slice(0, 3).join('.')

/** The regency (kabupaten) code of any code below it. */
export const regencyOf = (code: string): string => code.split('.').slice(0, 2).join('.')

/** Accepts the undotted form too (6307062014 → 63.07.06.2014), as people copy it from NIKs. */
export function normalizeRegionCode(input: string): string {
  const s = input.trim()
  if (/^\d{10}$/.test(s)) return `${s.slice(0, 2)}.${s.slice(2, 4)}.${s.slice(4, 6)}.${s.slice(6)}`
  if (/^\d{6}$/.test(s)) return `${s.slice(0, 2)}.${s.slice(2, 4)}.${s.slice(4, 6)}`
  if (/^\d{4}$/.test(s)) return `${s.slice(0, 2)}.${s.slice(2, 4)}`

  return s
}

/** Parses the shipped region CSV (`kode,nama,tingkat,kode_induk`, no quoted fields). */
export function parseRegionCsv(text: string): Region[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '')
  const header = lines.shift()
  if (header?.trim() !== 'kode,nama,tingkat,kode_induk') throw new Error('unexpected region CSV header')

  return lines.map((line) => {
    const [code, name, level, parent] = line.split(',')

    return { code, name, level: level as RegionLevel, parentCode: parent?.trim() ? parent.trim() : null }
  })
}

export interface TreeVillage { code: string; name: string; kind: 'desa' | 'kelurahan'; live: boolean }
export interface TreeDistrict { code: string; name: string; villages: TreeVillage[] }

/** Groups a regency's flat region rows into districts with their villages, in code order. */
export function groupRegencyTree(rows: { code: string; name: string; level: string; parent_code: string | null; live: number }[]): TreeDistrict[] {
  const districts = new Map<string, TreeDistrict>()
  for (const r of rows) if (r.level === 'kecamatan') districts.set(r.code, { code: r.code, name: r.name, villages: [] })
  for (const r of rows) {
    if (r.level !== 'desa' && r.level !== 'kelurahan') continue
    districts.get(r.parent_code ?? '')?.villages.push({ code: r.code, name: r.name, kind: r.level, live: r.live === 1 })
  }

  return [...districts.values()]
}
