import { parseCode, type CodeListName } from './codes.ts'
import { dateError, digitsOnly, isTemporaryNik, kkError, nikError, normalizeDate } from './nik.ts'
import { foldName, statusFromCode } from './resident.ts'
import type { ResidentStatus, ResidentTable } from './residents.table.ts'

/**
 * The 43 columns of OpenSID's resident import (import-format.md §2), in template order, with
 * how each cell is read. Forms post the same names, so a record typed by staff and a row of a
 * file pass exactly the same checks.
 */
type Kind =
  | { t: 'text'; max?: number }
  | { t: 'code'; list: CodeListName }
  | { t: 'date' }
  | { t: 'nikref' }
  | { t: 'special' }

export interface ColumnDef { header: string; label: string; kind: Kind; column?: keyof ResidentTable }

export const COLUMNS: ColumnDef[] = [
  { header: 'alamat', label: 'alamat', kind: { t: 'special' } },
  { header: 'dusun', label: 'dusun', kind: { t: 'special' } },
  { header: 'rw', label: 'RW', kind: { t: 'special' } },
  { header: 'rt', label: 'RT', kind: { t: 'special' } },
  { header: 'nama', label: 'nama', kind: { t: 'special' } },
  { header: 'no_kk', label: 'Nomor KK', kind: { t: 'special' } },
  { header: 'nik', label: 'NIK', kind: { t: 'special' } },
  { header: 'sex', label: 'jenis kelamin', kind: { t: 'code', list: 'jenis_kelamin' }, column: 'sex' },
  { header: 'tempatlahir', label: 'tempat lahir', kind: { t: 'text', max: 100 }, column: 'birth_place' },
  { header: 'tanggallahir', label: 'Tanggal lahir', kind: { t: 'date' }, column: 'birth_date' },
  { header: 'agama_id', label: 'agama', kind: { t: 'code', list: 'agama' }, column: 'religion_code' },
  { header: 'pendidikan_kk_id', label: 'pendidikan (KK)', kind: { t: 'code', list: 'pendidikan_kk' }, column: 'education_code' },
  { header: 'pendidikan_sedang_id', label: 'pendidikan sedang ditempuh', kind: { t: 'code', list: 'pendidikan_sedang' }, column: 'education_current_code' },
  { header: 'pekerjaan_id', label: 'pekerjaan', kind: { t: 'code', list: 'pekerjaan' }, column: 'occupation_code' },
  { header: 'status_kawin', label: 'status perkawinan', kind: { t: 'code', list: 'status_kawin' }, column: 'marital_code' },
  { header: 'kk_level', label: 'hubungan dalam keluarga', kind: { t: 'code', list: 'hubungan_dalam_keluarga_shdk' }, column: 'shdk_code' },
  { header: 'warganegara_id', label: 'kewarganegaraan', kind: { t: 'code', list: 'warga_negara' }, column: 'citizenship_code' },
  { header: 'ayah_nik', label: 'NIK ayah', kind: { t: 'nikref' }, column: 'father_nik' },
  { header: 'nama_ayah', label: 'nama ayah', kind: { t: 'text', max: 100 }, column: 'father_name' },
  { header: 'ibu_nik', label: 'NIK ibu', kind: { t: 'nikref' }, column: 'mother_nik' },
  { header: 'nama_ibu', label: 'nama ibu', kind: { t: 'text', max: 100 }, column: 'mother_name' },
  { header: 'golongan_darah_id', label: 'golongan darah', kind: { t: 'code', list: 'golongan_darah' }, column: 'blood_type_code' },
  { header: 'akta_lahir', label: 'akta lahir', kind: { t: 'text', max: 100 }, column: 'birth_certificate' },
  { header: 'dokumen_pasport', label: 'nomor paspor', kind: { t: 'text', max: 50 }, column: 'passport_number' },
  { header: 'tanggal_akhir_paspor', label: 'Tanggal akhir paspor', kind: { t: 'date' }, column: 'passport_expiry' },
  { header: 'dokumen_kitas', label: 'nomor KITAS/KITAP', kind: { t: 'text', max: 50 }, column: 'kitas_number' },
  { header: 'akta_perkawinan', label: 'akta perkawinan', kind: { t: 'text', max: 100 }, column: 'marriage_certificate' },
  { header: 'tanggalperkawinan', label: 'Tanggal perkawinan', kind: { t: 'date' }, column: 'marriage_date' },
  { header: 'akta_perceraian', label: 'akta perceraian', kind: { t: 'text', max: 100 }, column: 'divorce_certificate' },
  { header: 'tanggalperceraian', label: 'Tanggal perceraian', kind: { t: 'date' }, column: 'divorce_date' },
  { header: 'cacat_id', label: 'disabilitas', kind: { t: 'code', list: 'cacat' }, column: 'disability_code' },
  { header: 'cara_kb_id', label: 'cara KB', kind: { t: 'code', list: 'cara_kb' }, column: 'kb_code' },
  { header: 'hamil', label: 'status kehamilan', kind: { t: 'code', list: 'status_kehamilan' }, column: 'pregnant' },
  { header: 'ktp_el', label: 'KTP-el', kind: { t: 'code', list: 'ktp_el' }, column: 'ektp_code' },
  { header: 'status_rekam', label: 'status rekam KTP-el', kind: { t: 'code', list: 'status_rekam_ktp' }, column: 'ektp_record_code' },
  { header: 'alamat_sekarang', label: 'alamat sekarang', kind: { t: 'text', max: 200 }, column: 'current_address' },
  { header: 'status_dasar', label: 'status dasar', kind: { t: 'special' } },
  { header: 'suku', label: 'suku', kind: { t: 'text', max: 100 }, column: 'ethnicity' },
  { header: 'tag_id_card', label: 'tag ID card', kind: { t: 'special' } },
  { header: 'id_asuransi', label: 'asuransi kesehatan', kind: { t: 'code', list: 'asuransi_kesehatan' }, column: 'insurance_code' },
  { header: 'no_asuransi', label: 'nomor asuransi', kind: { t: 'text', max: 50 }, column: 'insurance_number' },
  { header: 'lat', label: 'lintang', kind: { t: 'special' } },
  { header: 'lng', label: 'bujur', kind: { t: 'special' } },
]

export const HEADERS = COLUMNS.map((c) => c.header)
const BY_HEADER = new Map(COLUMNS.map((c) => [c.header, c]))
export const isKnownHeader = (h: string): boolean => BY_HEADER.has(h)

/** Columns a new person must have (OpenSID's list plus what Balai's letters need). */
export const REQUIRED_FOR_NEW = ['nama', 'no_kk', 'kk_level', 'dusun', 'rw', 'rt', 'sex', 'tanggallahir', 'agama_id']

/** Columns an import may not change on an already-registered NIK (OpenSID's rule). */
export const LOCKED_ON_UPDATE = ['status_dasar', 'kk_level', 'no_kk', 'alamat', 'dusun', 'rw', 'rt']

export type Cell = string | number | Date | null | undefined

/** A row after reading: resident columns, family columns and per-column errors. */
export interface ParsedRow {
  nik: string | null
  /** '0' in the file: the caller assigns a temporary NIK */
  wantsTemporaryNik: boolean
  kkNumber: string | null
  family: { address?: string; dusun?: string; rw?: string; rt?: string }
  resident: Partial<ResidentTable>
  status?: ResidentStatus
  /** headers that had a value */
  present: Set<string>
  errors: { column: string; message: string }[]
}

const blank = (v: Cell): boolean => v === null || v === undefined || (typeof v === 'string' && (v.trim() === '' || v.trim() === '-'))

function cellText(v: Cell): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10)

  return String(v ?? '').trim()
}

function areaPart(v: string): string {
  const s = v.replace(/^'+/, '').trim()

  return /^\d+$/.test(s) ? s.padStart(3, '0') : s.toUpperCase()
}

export function normalizeDusun(v: string): string {
  return v.replace(/_/g, ' ').replace(/^dusun\s+/i, '').trim().toUpperCase()
}

/** Names keep letters of any script, spaces and . , ' - (other characters become spaces). */
export function cleanName(v: string): string {
  return v.replace(/[^\p{L}\p{M}0-9 .,'\-]/gu, ' ').replace(/\s+/g, ' ').trim()
}

/**
 * Reads one row (a map header → cell). Only present columns are read, so a file with a
 * subset of columns updates only those (empty cells never overwrite).
 */
export function parseRow(cells: Record<string, Cell>, today = new Date().toISOString().slice(0, 10)): ParsedRow {
  const out: ParsedRow = { nik: null, wantsTemporaryNik: false, kkNumber: null, family: {}, resident: {}, present: new Set(), errors: [] }
  const err = (column: string, message: string) => out.errors.push({ column, message })
  const res = out.resident as Record<string, unknown>

  for (const [header, raw] of Object.entries(cells)) {
    const def = BY_HEADER.get(header)
    // '-' for RW or RT means the village has none there (OpenSID's convention), not "empty".
    if ((header === 'rw' || header === 'rt') && typeof raw === 'string' && raw.trim() === '-') {
      out.present.add(header)
      out.family[header] = '-'
      continue
    }
    if (!def || blank(raw)) continue
    out.present.add(header)
    if (typeof raw === 'string' && raw.startsWith('#angka:')) {
      err(header, `Kolom ${header} tersimpan sebagai angka di Excel sehingga digit terakhirnya hilang; format kolom sebagai Teks lalu isi ulang.`)
      continue
    }
    const text = cellText(raw)
    switch (def.kind.t) {
      case 'text':
        if (def.kind.max && text.length > def.kind.max) err(header, `Isian ${def.label} terlalu panjang (maks. ${def.kind.max} karakter).`)
        else res[def.column!] = text
        break
      case 'code': {
        const r = parseCode(def.kind.list, typeof raw === 'number' ? String(raw) : text, def.label)
        if ('error' in r) err(header, r.error)
        else res[def.column!] = r.code
        break
      }
      case 'date': {
        const d = normalizeDate(text)
        // Passport expiry lies in the future by nature; other dates may not.
        const e = dateError(d, def.label, header === 'tanggal_akhir_paspor' ? '9999-12-31' : today)
        if (e) err(header, e)
        else res[def.column!] = d
        break
      }
      case 'nikref': {
        const n = digitsOnly(text)
        if (n === '0') break
        const e = nikError(n)
        if (e) err(header, `${def.label}: ${e}`)
        else res[def.column!] = n
        break
      }
      case 'special':
        readSpecial(header, text, out, err, res)
        break
    }
  }
  // OpenSID ignores the pregnancy column for men. (Rebuilt rather than `delete`d: a deleted key
  // turns the object into a slow dictionary, and every row is copied several times after this.)
  if (res.sex === 1 && 'pregnant' in res) {
    const { pregnant: _ignored, ...rest } = res
    out.resident = rest as Partial<ResidentTable>
  }

  return out
}

function readSpecial(header: string, text: string, out: ParsedRow, err: (c: string, m: string) => void, res: Record<string, unknown>): void {
  switch (header) {
    case 'nik': {
      const n = text.replace(/\D/g, '')
      if (n === '0') {
        out.wantsTemporaryNik = true
        return
      }
      const e = nikError(n)
      if (e) err('nik', e)
      else {
        out.nik = n
        if (isTemporaryNik(n)) res.nik_temporary = 1
      }
      return
    }
    case 'no_kk': {
      const n = text.replace(/\D/g, '')
      const e = kkError(n)
      if (e) err('no_kk', e)
      else out.kkNumber = n
      return
    }
    case 'nama': {
      const name = cleanName(text)
      if (!name) err('nama', 'Nama wajib diisi.')
      else if (name.length > 100) err('nama', 'Nama terlalu panjang (maks. 100 karakter).')
      else {
        res.name = name
        res.name_folded = foldName(name)
      }
      return
    }
    case 'alamat':
      if (text.length > 200) err('alamat', 'Alamat terlalu panjang (maks. 200 karakter).')
      else out.family.address = text
      return
    case 'dusun': {
      const d = normalizeDusun(text)
      if (!d || d.length > 60) err('dusun', 'Nama dusun kosong atau terlalu panjang.')
      else out.family.dusun = d
      return
    }
    case 'rw':
    case 'rt': {
      const v = areaPart(text)
      if (v.length > 10) err(header, `${header.toUpperCase()} terlalu panjang.`)
      else out.family[header] = v
      return
    }
    case 'status_dasar': {
      const r = parseCode('status_dasar', text, 'status dasar')
      if ('error' in r) err(header, r.error)
      else if (r.code !== null) out.status = statusFromCode(r.code)
      return
    }
    case 'tag_id_card':
      if (text.length < 10 || text.length > 17) err(header, 'Tag ID card harus 10–17 karakter.')
      else res.ektp_tag = text
      return
    case 'lat':
    case 'lng':
      if (text.length < 2 || text.length > 24 || !/^-?\d+(\.\d+)?$/.test(text)) err(header, `Koordinat ${header === 'lat' ? 'lintang' : 'bujur'} tidak sah.`)
      else res[header] = text
      return
  }
}

/** The cells of a resident for export (and for filling the edit form), header → text. */
export function rowCells(r: ResidentTable, family: { address: string; dusun: string; rw: string; rt: string } | null, statusCode: number): Record<string, string> {
  const out: Record<string, string> = {}
  const rec = r as unknown as Record<string, unknown>
  for (const c of COLUMNS) {
    if (c.column) {
      const v = rec[c.column]
      out[c.header] = v === null || v === undefined ? '' : String(v)
    }
  }
  out.nik = r.nik
  out.no_kk = r.kk_number ?? ''
  out.nama = r.name
  out.alamat = family?.address ?? r.address
  out.dusun = family?.dusun ?? r.dusun
  out.rw = family?.rw ?? r.rw
  out.rt = family?.rt ?? r.rt
  out.status_dasar = String(statusCode)
  out.tag_id_card = r.ektp_tag ?? ''
  out.lat = r.lat ?? ''
  out.lng = r.lng ?? ''

  return out
}
