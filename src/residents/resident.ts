import { codeLabel, sexLabel, sexLetter, SHDK_HEAD } from './codes.ts'
import type { ResidentRow, ResidentStatus } from './residents.table.ts'

/** The cross-module view of a resident (contract with SERVICES, CITIZENS, PORTAL). */
export interface ResidentProfile {
  id: string; villageCode: string; nik: string; kkNumber: string | null; familyId: string | null
  name: string; sex: 'L' | 'P'; sexLabel: string
  birthPlace: string; birthDate: string
  religion: string; maritalStatus: string; occupation: string; education: string
  citizenship: string; familyRelationship: string; isFamilyHead: boolean
  address: string; dusun: string; rw: string; rt: string; fatherName: string; motherName: string
  status: ResidentStatus; email: string | null; phone: string | null
}

export const STATUS_LABEL: Record<ResidentStatus, string> = {
  aktif: 'Aktif (hidup)',
  meninggal: 'Meninggal',
  pindah: 'Pindah',
  hilang: 'Hilang',
}

/**
 * The search key of a name: accents removed (NFKD), lower case, anything but letters and
 * digits turned into single spaces. Computed in JS so both engines store the same value.
 */
export function foldName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

export function toProfile(r: ResidentRow): ResidentProfile {
  return {
    id: r.id,
    villageCode: r.village_code,
    nik: r.nik,
    kkNumber: r.kk_number,
    familyId: r.family_id,
    name: r.name,
    sex: sexLetter(r.sex),
    sexLabel: sexLabel(r.sex),
    birthPlace: r.birth_place,
    birthDate: r.birth_date,
    religion: codeLabel('agama', r.religion_code),
    maritalStatus: codeLabel('status_kawin', r.marital_code),
    occupation: codeLabel('pekerjaan', r.occupation_code),
    education: codeLabel('pendidikan_kk', r.education_code),
    citizenship: codeLabel('warga_negara', r.citizenship_code) || 'WNI',
    familyRelationship: codeLabel('hubungan_dalam_keluarga_shdk', r.shdk_code),
    isFamilyHead: r.shdk_code === SHDK_HEAD,
    address: r.address,
    dusun: r.dusun,
    rw: r.rw,
    rt: r.rt,
    fatherName: r.father_name,
    motherName: r.mother_name,
    status: r.status,
    email: r.email,
    phone: r.phone,
  }
}

/** OpenSID status_dasar code ↔ Balai status. PERGI counts as moved; TIDAK VALID as active. */
export function statusFromCode(code: number): ResidentStatus {
  switch (code) {
    case 2: return 'meninggal'
    case 3: case 6: return 'pindah'
    case 4: return 'hilang'
    default: return 'aktif'
  }
}

export function statusToCode(s: ResidentStatus): number {
  return { aktif: 1, meninggal: 2, pindah: 3, hilang: 4 }[s]
}
