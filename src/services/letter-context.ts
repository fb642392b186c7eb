import type { ResidentProfile } from '../residents/resident.service.ts'
import type { Village } from '../tenancy/village.ts'
import { ageOn, formatDateId, todayWita } from '../lib/time.ts'
import type { FieldDef } from './catalogue.ts'
import { EMPTY_PERSON, SAMPLE_PERSON, sampleFieldValue, type PersonContext } from './letter-template.ts'
import type { FieldValues } from './request-fields.ts'

/** What a template sees of a person from the register. */
export function personContext(p: ResidentProfile, today = todayWita()): PersonContext {
  const alamat = [p.address, p.rt ? `RT ${p.rt}` : '', p.rw ? `RW ${p.rw}` : '', p.dusun].filter(Boolean).join(', ')

  return {
    nama: p.name,
    nik: p.nik,
    no_kk: p.kkNumber ?? '-',
    tempat_lahir: p.birthPlace,
    tanggal_lahir: formatDateId(p.birthDate),
    ttl: `${p.birthPlace}, ${formatDateId(p.birthDate)}`,
    usia: ageOn(p.birthDate, today),
    jenis_kelamin: p.sexLabel,
    agama: p.religion,
    status_perkawinan: p.maritalStatus,
    pekerjaan: p.occupation,
    pendidikan: p.education,
    kewarganegaraan: p.citizenship,
    hubungan_keluarga: p.familyRelationship,
    alamat,
    dusun: p.dusun,
    rw: p.rw,
    rt: p.rt,
    nama_ayah: p.fatherName || '-',
    nama_ibu: p.motherName || '-',
  }
}

export interface LetterContextInput {
  village: Village
  regencyName: string
  subject: ResidentProfile
  applicant: ResidentProfile | null
  family: ResidentProfile[]
  fields: FieldDef[]
  values: FieldValues
  /** resident fields looked up by NIK, by field name */
  people: Record<string, ResidentProfile | null>
  letter: { number: string; title: string; issuedDate: string; validUntil: string; classificationCode: string; trackingCode: string }
}

/** The full context a template renders against; every declared placeholder has a value. */
export function letterContext(i: LetterContextInput): Record<string, unknown> {
  const isian: Record<string, unknown> = {}
  for (const f of i.fields) {
    const v = i.values[f.name]
    if (f.type === 'resident') {
      const p = i.people[f.name]
      isian[f.name] = p ? personContext(p) : EMPTY_PERSON
    } else if (f.type === 'date') {
      isian[f.name] = typeof v === 'string' && v ? formatDateId(v) : ''
    } else if (f.type === 'number') {
      isian[f.name] = typeof v === 'string' && v ? (f.amount ? Number(v).toLocaleString('id-ID') : v) : ''
    } else {
      isian[f.name] = v ?? (f.type === 'group' ? [] : '')
    }
  }

  return {
    penduduk: personContext(i.subject),
    pemohon: i.applicant ? personContext(i.applicant) : personContext(i.subject),
    keluarga: i.family.map((m) => personContext(m)),
    isian,
    surat: {
      nomor: i.letter.number,
      judul: i.letter.title,
      tanggal: formatDateId(i.letter.issuedDate),
      berlaku_sampai: formatDateId(i.letter.validUntil),
      kode_klasifikasi: i.letter.classificationCode,
      kode_lacak: i.letter.trackingCode,
    },
    ...villageContext(i.village, i.regencyName),
  }
}

function villageContext(v: Village, regencyName: string) {
  return {
    desa: {
      nama: v.name,
      sebutan: v.kind === 'kelurahan' ? 'Kelurahan' : 'Desa',
      kode: v.code,
      kecamatan: v.districtName,
      kabupaten: regencyName,
      alamat: v.address,
    },
    kepala: { jabatan: v.headTitle, nama: v.headName || '-', nip: v.headNip || '' },
  }
}

/** The sample context used to check templates on save: every placeholder filled. */
export function sampleContext(fields: FieldDef[]): Record<string, unknown> {
  return {
    penduduk: SAMPLE_PERSON,
    pemohon: SAMPLE_PERSON,
    keluarga: [SAMPLE_PERSON],
    isian: Object.fromEntries(fields.map((f) => [f.name, sampleFieldValue(f)])),
    surat: { nomor: '400.8.1/001/63.07.06.2014/XII/2026', judul: 'SURAT KETERANGAN', tanggal: '4 Desember 2026', berlaku_sampai: '3 Januari 2027', kode_klasifikasi: '400.8.1', kode_lacak: 'ABCD2345' },
    desa: { nama: 'Banua Jingah', sebutan: 'Desa', kode: '63.07.06.2014', kecamatan: 'Barabai', kabupaten: 'Kabupaten Hulu Sungai Tengah', alamat: 'Jl. Banua Jingah No. 1' },
    kepala: { jabatan: 'Pembakal', nama: 'Muhammad Noor', nip: '' },
  }
}
