import { readFileSync } from 'node:fs'

/**
 * OpenSID's reference code lists (religion, education, occupation, SHDK …), shipped as data in
 * src/residents/data/opensid-codes.json (OpenSID v2410.0.0, GPL-3.0; facts mirroring
 * Dukcapil/SIAK lists). Codes are stored as OpenSID's integers so files move both ways.
 */
interface RawList { nilai: { kode: number; nama: string }[]; alias_impor?: Record<string, number> }
const RAW = JSON.parse(readFileSync(new URL('./data/opensid-codes.json', import.meta.url), 'utf8')) as Record<string, RawList>

export type CodeListName =
  | 'jenis_kelamin' | 'agama' | 'pendidikan_kk' | 'pendidikan_sedang' | 'pekerjaan' | 'status_kawin'
  | 'hubungan_dalam_keluarga_shdk' | 'warga_negara' | 'golongan_darah' | 'cacat' | 'cara_kb'
  | 'asuransi_kesehatan' | 'status_dasar' | 'ktp_el' | 'status_rekam_ktp' | 'status_kehamilan' | 'jenis_pindah_keluar'

// Words that stay in capitals when OpenSID's upper-case names are shown in sentence case.
const KEEP_UPPER = new Set([
  'SD', 'SLTP', 'SLTA', 'TK', 'PNS', 'TNI', 'POLRI', 'RI', 'DPR', 'DPD', 'DPRD', 'BPK', 'BPJS', 'BUMN', 'BUMD',
  'WNI', 'WNA', 'KB', 'IUD', 'II', 'III', 'IV', 'YME', 'RS', 'RB', 'KIA', 'KTP', 'KTP-EL', 'EL', 'AB', 'A', 'B', 'O',
  'AB+', 'AB-', 'A+', 'A-', 'B+', 'B-', 'O+', 'O-', 'S1', 'S2', 'S3', 'LSM', 'MPR', 'TT',
])

/** 'TAMAT SD / SEDERAJAT' → 'Tamat SD / Sederajat', the way staff and letters write it. */
export function displayLabel(name: string): string {
  return name.replace(/[^\s/()]+/g, (w) => {
    const up = w.toUpperCase()
    if (KEEP_UPPER.has(up)) return up
    if (w !== up) return w

    return up.charAt(0) + up.slice(1).toLowerCase()
  })
}

export interface CodeOption { code: number; name: string; label: string }

const LISTS = new Map<CodeListName, CodeOption[]>()
for (const [k, v] of Object.entries(RAW)) {
  if (!v || !Array.isArray((v as RawList).nilai)) continue
  LISTS.set(k as CodeListName, v.nilai.map((n) => ({ code: n.kode, name: n.nama, label: displayLabel(n.nama) })))
}

export function codeList(list: CodeListName): CodeOption[] {
  const l = LISTS.get(list)
  if (!l) throw new Error(`unknown code list ${list}`)

  return l
}

export function codeLabel(list: CodeListName, code: number | null | undefined): string {
  if (code === null || code === undefined) return ''

  return codeList(list).find((o) => o.code === code)?.label ?? ''
}

export function codeName(list: CodeListName, code: number | null | undefined): string {
  if (code === null || code === undefined) return ''

  return codeList(list).find((o) => o.code === code)?.name ?? ''
}

export const isCode = (list: CodeListName, code: number): boolean => codeList(list).some((o) => o.code === code)

// OpenSID's get_konversi_kode: lower-case and drop spaces before matching names and aliases.
const squash = (s: string) => s.toLowerCase().replace(/\s+/g, '')

// Aliases OpenSID's importer accepts beyond the names (Impor_model.php).
const EXTRA_ALIASES: Partial<Record<CodeListName, Record<string, number>>> = {
  pendidikan_kk: { 'Tidak/Blm Sekolah': 1, 'Strata-II': 9, 'Strata-III': 10, 'Strata-I': 8 },
}

const LOOKUP = new Map<CodeListName, Map<string, number>>()
for (const [k, list] of LISTS) {
  const m = new Map<string, number>()
  for (const o of list) m.set(squash(o.name), o.code)
  for (const [a, c] of Object.entries(RAW[k]?.alias_impor ?? {})) m.set(squash(a), c)
  for (const [a, c] of Object.entries(EXTRA_ALIASES[k] ?? {})) m.set(squash(a), c)
  LOOKUP.set(k, m)
}

/**
 * A cell that holds a code or a reference name. Returns the code, null for an empty cell or
 * '-', or an error message (in Indonesian) naming what was not understood.
 */
export function parseCode(list: CodeListName, raw: string | number | null | undefined, columnLabel: string): { code: number | null } | { error: string } {
  const s = raw === null || raw === undefined ? '' : String(raw).trim()
  if (s === '' || s === '-') return { code: null }
  if (/^\d+$/.test(s)) {
    const n = Number(s)
    if (isCode(list, n)) return { code: n }
    const codes = codeList(list).map((o) => o.code)

    return { error: `Kode ${columnLabel} "${s}" di luar rentang (${Math.min(...codes)}–${Math.max(...codes)}).` }
  }
  const code = LOOKUP.get(list)?.get(squash(s))
  if (code !== undefined) return { code }

  return { error: `Nilai ${columnLabel} "${s}" tidak dikenal; isi dengan kode atau nama sesuai daftar kode.` }
}

export type Sex = 'L' | 'P'
export const sexLetter = (code: number): Sex => (code === 2 ? 'P' : 'L')
export const sexLabel = (code: number): string => (code === 2 ? 'Perempuan' : 'Laki-laki')
export const SHDK_HEAD = 1
