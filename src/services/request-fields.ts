import { maskNik } from '../lib/mask.ts'
import type { FieldErrors } from '../lib/errors.ts'
import type { FieldDef } from './catalogue.ts'

/** A request's typed field values as stored (JSON): strings, and arrays of rows for groups. */
export type FieldValues = Record<string, string | Record<string, string>[]>

const MAX_ROWS = 30

function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)

  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

function checkScalar(f: FieldDef, raw: unknown): { value: string; error?: string } {
  const value = raw === undefined || raw === null ? '' : typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '\u0000'
  if (value === '\u0000') return { value: '', error: `${f.label} harus berupa teks.` }
  if (!value) return f.required ? { value, error: `${f.label} wajib diisi.` } : { value }
  const max = f.type === 'textarea' ? 2000 : 300
  if (value.length > max) return { value, error: `${f.label} paling banyak ${max} karakter.` }
  switch (f.type) {
    case 'date':
      return isValidDate(value) ? { value } : { value, error: `${f.label} harus tanggal yang sah (TTTT-BB-HH).` }
    case 'number':
      return /^\d{1,15}$/.test(value) ? { value } : { value, error: `${f.label} harus bilangan bulat tanpa titik atau koma.` }
    case 'choice':
      return f.options?.includes(value) ? { value } : { value, error: `${f.label} harus salah satu dari: ${(f.options ?? []).join(', ')}.` }
    case 'resident':
      return /^\d{16}$/.test(value) ? { value } : { value, error: `${f.label} harus 16 angka.` }
    default:
      return { value }
  }
}

/**
 * Checks submitted values against a type's fields: one Indonesian message per field (keys
 * `fields.<name>` and `fields.<group>.<row>.<name>`), values trimmed, unknown keys dropped.
 * NIKs of `resident` fields are only checked for shape here; the service looks them up.
 */
export function checkFieldValues(defs: FieldDef[], input: unknown): { values: FieldValues; errors: FieldErrors } {
  const src = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {}
  const values: FieldValues = {}
  const errors: FieldErrors = {}
  for (const f of defs) {
    const key = `fields.${f.name}`
    if (f.type !== 'group') {
      const r = checkScalar(f, src[f.name])
      values[f.name] = r.value
      if (r.error) errors[key] = r.error
      continue
    }
    const rawRows = src[f.name]
    const rows = Array.isArray(rawRows) ? rawRows : []
    if (rawRows !== undefined && rawRows !== null && rawRows !== '' && !Array.isArray(rawRows)) {
      errors[key] = `${f.label} harus berupa daftar.`
    }
    const kept: Record<string, string>[] = []
    rows.forEach((row, i) => {
      const r = row && typeof row === 'object' ? (row as Record<string, unknown>) : {}
      const subs = f.fields ?? []
      // A fully empty row (a blank line left in the form) is not an entry.
      if (subs.every((s) => !String(r[s.name] ?? '').trim())) return
      const out: Record<string, string> = {}
      for (const s of subs) {
        const c = checkScalar(s, r[s.name])
        out[s.name] = c.value
        if (c.error) errors[`${key}.${kept.length}.${s.name}`] = `${f.label} baris ${kept.length + 1}: ${c.error}`
        else if (s.name === 'nik' && !/^\d{16}$/.test(c.value)) errors[`${key}.${kept.length}.${s.name}`] = `${f.label} baris ${kept.length + 1}: NIK harus 16 angka.`
      }
      kept.push(out)
      void i
    })
    if (kept.length > MAX_ROWS) errors[key] = `${f.label} paling banyak ${MAX_ROWS} baris.`
    const min = f.minItems ?? (f.required ? 1 : 0)
    if (kept.length < min && !errors[key]) errors[key] = `${f.label} wajib diisi paling sedikit ${min} baris.`
    values[f.name] = kept
  }

  return { values, errors }
}

/**
 * A posted HTML form's `fields.x` and `fields.group.0.y` inputs as the nested object the API
 * takes, so pages and the API share one validation.
 */
export function nestFormFields(form: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(form)) {
    const m = /^fields\.([a-z_0-9]+)(?:\.(\d{1,2})\.([a-z_0-9]+))?$/.exec(k)
    if (!m) continue
    if (m[2] === undefined) { out[m[1]] = v; continue }
    const rows = (Array.isArray(out[m[1]]) ? out[m[1]] : (out[m[1]] = [])) as Record<string, string>[]
    const i = Number(m[2])
    rows[i] ??= {}
    rows[i][m[3]] = v
  }
  for (const [k, v] of Object.entries(out)) if (Array.isArray(v)) out[k] = v.filter(Boolean)

  return out
}

const NIK_LIKE = /^\d{16}$/

/**
 * Submitted values as shown to people and API clients: every 16-digit value (the NIK of a
 * parent, the deceased, a follower, or a KK number) masked like any NIK outside the audited
 * reveal. The stored values stay complete for the letter itself.
 */
export function maskedFieldValues(values: FieldValues): FieldValues {
  const mask = (v: string) => (NIK_LIKE.test(v) ? maskNik(v) : v)
  const out: FieldValues = {}
  for (const [k, v] of Object.entries(values)) {
    out[k] = Array.isArray(v) ? v.map((row) => Object.fromEntries(Object.entries(row).map(([rk, rv]) => [rk, mask(rv)]))) : mask(v)
  }

  return out
}
