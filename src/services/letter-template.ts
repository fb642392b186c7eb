import { Liquid, type Template } from 'liquidjs'
import { AppError } from '../lib/errors.ts'
import type { FieldDef } from './catalogue.ts'

/**
 * Letter templates in LiquidJS, sandboxed: no file system (an empty in-memory template map,
 * so include/render/layout find nothing), own properties only, strict variables and filters,
 * time and size limits. Every value printed is escaped for the letter markup, so a name such
 * as "A | B **C**" cannot forge a table cell, bold text or a list.
 */
const engine = new Liquid({
  templates: {},
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  relativeReference: false,
  parseLimit: 100_000,
  renderLimit: 2_000,
  memoryLimit: 10_000_000,
  outputEscape: (v: unknown) => escapeMarkup(v),
})
// `raw` would bypass escaping; here it escapes like every other output.
engine.registerFilter('raw', (v: unknown) => v)

/** A value as plain inline text of the letter markup. */
export function escapeMarkup(v: unknown): string {
  if (v === null || v === undefined) return ''
  const s = Array.isArray(v) ? v.join(', ') : String(v)

  return s
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\|/g, '/')
    .replace(/\*/g, '')
    .replace(/^(#+|\d+\.|[-•])\s/, '$1\u00a0')
    .trim()
}

const cache = new Map<string, Template[]>()

function parse(source: string): Template[] {
  let t = cache.get(source)
  if (!t) {
    t = engine.parse(source)
    if (cache.size > 200) cache.clear()
    cache.set(source, t)
  }

  return t
}

/** Renders a template already validated on save; the context must be complete. */
export function renderTemplate(source: string, context: Record<string, unknown>): string {
  return engine.renderSync(parse(source), context) as string
}

const ARRAY_PROPS = new Set(['size', 'first', 'last'])

function pathKnown(ctx: unknown, segments: (string | number)[]): boolean {
  let cur: unknown = ctx
  for (const seg of segments) {
    if (Array.isArray(cur)) {
      if (typeof seg === 'number' || /^\d+$/.test(String(seg))) { cur = cur[Number(seg)] ?? cur[0]; continue }
      if (ARRAY_PROPS.has(String(seg))) { cur = seg === 'size' ? cur.length : cur[0]; continue }

      return false
    }
    if (typeof cur === 'string' && seg === 'size') { cur = cur.length; continue }
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, String(seg))) return false
    cur = (cur as Record<string, unknown>)[String(seg)]
  }

  return true
}

/**
 * Checks a template before it is saved: it must parse, every placeholder must exist in the
 * full sample context (also those in branches a sample would not take), and it must render.
 * @throws INVALID_INPUT with the problem under `template`
 */
export function validateTemplate(source: string, sample: Record<string, unknown>): string {
  const fail = (msg: string) => new AppError('INVALID_INPUT', { userMessage: msg, fields: { template: msg } })
  if (!source.trim()) throw fail('Templat surat wajib diisi.')
  let tpl: Template[]
  try {
    tpl = engine.parse(source)
  } catch (e) {
    throw fail(`Templat tidak dapat dibaca: ${firstLine((e as Error).message)}.`)
  }
  let paths: (string | number)[][]
  try {
    paths = engine.globalVariableSegmentsSync(tpl) as (string | number)[][]
  } catch (e) {
    throw fail(`Templat tidak dapat diperiksa: ${firstLine((e as Error).message)}.`)
  }
  const unknown = paths.filter((p) => !pathKnown(sample, p)).map((p) => p.join('.'))
  if (unknown.length) {
    const list = [...new Set(unknown)].map((u) => `{{ ${u} }}`).join(', ')
    throw fail(`Penanda tidak dikenal: ${list}. Gunakan penanda dari daftar yang tersedia.`)
  }
  try {
    return engine.renderSync(tpl, sample) as string
  } catch (e) {
    throw fail(`Templat gagal dicoba: ${firstLine((e as Error).message)}.`)
  }
}

const firstLine = (m: string) => m.split('\n')[0].replace(/, line:\d+, col:\d+$/, '')

export interface PersonContext {
  nama: string; nik: string; no_kk: string; tempat_lahir: string; tanggal_lahir: string; ttl: string; usia: number
  jenis_kelamin: string; agama: string; status_perkawinan: string; pekerjaan: string; pendidikan: string
  kewarganegaraan: string; hubungan_keluarga: string; alamat: string; dusun: string; rw: string; rt: string
  nama_ayah: string; nama_ibu: string
}

export const EMPTY_PERSON: PersonContext = {
  nama: '', nik: '', no_kk: '', tempat_lahir: '', tanggal_lahir: '', ttl: '', usia: 0, jenis_kelamin: '', agama: '',
  status_perkawinan: '', pekerjaan: '', pendidikan: '', kewarganegaraan: '', hubungan_keluarga: '', alamat: '', dusun: '',
  rw: '', rt: '', nama_ayah: '', nama_ibu: '',
}

export const SAMPLE_PERSON: PersonContext = {
  nama: 'Siti Aisyah', nik: '6307064101900001', no_kk: '6307060101100001', tempat_lahir: 'Barabai', tanggal_lahir: '1 Januari 1990',
  ttl: 'Barabai, 1 Januari 1990', usia: 36, jenis_kelamin: 'Perempuan', agama: 'Islam', status_perkawinan: 'Kawin',
  pekerjaan: 'Pedagang', pendidikan: 'SLTA/Sederajat', kewarganegaraan: 'WNI', hubungan_keluarga: 'Istri',
  alamat: 'RT 002 RW 001, Dusun I', dusun: 'Dusun I', rw: '001', rt: '002', nama_ayah: 'Ahmad', nama_ibu: 'Aminah',
}

/** A field's sample value, for validating templates and the editor's preview. */
export function sampleFieldValue(f: FieldDef): unknown {
  switch (f.type) {
    case 'resident':
      return SAMPLE_PERSON
    case 'group':
      return [Object.fromEntries((f.fields ?? []).map((s) => [s.name, sampleFieldValue(s)]))]
    case 'number':
      return '1'
    case 'date':
      return '4 Desember 2026'
    case 'choice':
      return f.options?.[0] ?? 'pilihan'
    default:
      return `contoh ${f.label.toLowerCase()}`
  }
}

/** The placeholders a template may use, for the editor's help text. */
export function placeholderList(fields: FieldDef[]): string[] {
  const person = Object.keys(EMPTY_PERSON)
  const out = [
    ...person.map((k) => `penduduk.${k}`),
    ...person.map((k) => `pemohon.${k}`),
    'keluarga (daftar: nama, nik, hubungan_keluarga …)',
    'surat.nomor', 'surat.judul', 'surat.tanggal', 'surat.berlaku_sampai', 'surat.kode_klasifikasi', 'surat.kode_lacak',
    'desa.nama', 'desa.sebutan', 'desa.kode', 'desa.kecamatan', 'desa.kabupaten', 'desa.alamat',
    'kepala.jabatan', 'kepala.nama', 'kepala.nip',
  ]
  for (const f of fields) {
    if (f.type === 'group') out.push(`isian.${f.name} (daftar: ${(f.fields ?? []).map((s) => s.name).join(', ')})`)
    else if (f.type === 'resident') out.push(`isian.${f.name}.nama, isian.${f.name}.nik …`)
    else out.push(`isian.${f.name}`)
  }

  return out
}
