import { describe, expect, it } from 'vitest'
import { SHIPPED_LETTER_TYPES } from './catalogue.ts'
import { maskedFieldValues } from './request-fields.ts'
import { escapeMarkup, renderTemplate, validateTemplate } from './letter-template.ts'
import { sampleContext } from './letter-context.ts'
import { counterKey, formatLetterNumber } from './numbering.ts'
import { checkFieldValues, nestFormFields } from './request-fields.ts'
import { allowedActions, nextState } from './request-state.ts'
import { addWorkingHours, slaStatus, workingMsBetween } from './working-hours.ts'
import { classificationCodes } from './catalogue.service.ts'
import { parseLetterMarkup } from '../letters/letter-markup.ts'

describe('state machine', () => {
  it('allows only the transitions of the issue', () => {
    expect(nextState('diajukan', 'review')).toBe('diperiksa')
    expect(nextState('diperiksa', 'approve', { signature: 'electronic' })).toBe('disetujui')
    expect(nextState('diperiksa', 'approve', { signature: 'hand' })).toBe('siap_diambil')
    expect(nextState('disetujui', 'mark-signed')).toBe('siap_diambil')
    expect(nextState('siap_diambil', 'hand-over')).toBe('selesai')
    expect(nextState('perbaikan', 'resubmit')).toBe('diajukan')
    expect(nextState('diperiksa', 'cancel')).toBe('dibatalkan')
    // cancelling after approval, approving twice, acting on a closed request: refused
    expect(nextState('disetujui', 'cancel')).toBeNull()
    expect(nextState('siap_diambil', 'approve')).toBeNull()
    expect(nextState('ditolak', 'approve')).toBeNull()
    expect(nextState('dibatalkan', 'resubmit')).toBeNull()
    expect(nextState('selesai', 'hand-over')).toBeNull()
    expect(nextState('perbaikan', 'approve')).toBeNull()
  })

  it('offers buttons that match the machine', () => {
    expect(allowedActions('diajukan', 'staff')).toEqual(['review', 'ask-correction', 'reject', 'approve'])
    expect(allowedActions('siap_diambil', 'staff')).toEqual(['hand-over'])
    expect(allowedActions('perbaikan', 'citizen')).toEqual(['cancel', 'resubmit'])
    expect(allowedActions('selesai', 'citizen')).toEqual([])
  })
})

describe('working hours (WITA, weekends and holidays off)', () => {
  // Friday 4 Dec 2026, 15.00 WITA = 07.00 UTC
  const fri15 = '2026-12-04T07:00:00.000Z'

  it('carries over the weekend', () => {
    // 1 hour left on Friday, 7 more from Monday 08.00 → Monday 15.00 WITA
    expect(addWorkingHours(fri15, 8)).toBe('2026-12-07T07:00:00.000Z')
  })

  it('skips configured holidays', () => {
    expect(addWorkingHours(fri15, 8, ['2026-12-07'])).toBe('2026-12-08T07:00:00.000Z')
  })

  it('starts at opening time when submitted at night', () => {
    // Tuesday 22.00 WITA → Wednesday 08.00 + 2 h = 10.00 WITA
    expect(addWorkingHours('2026-12-08T14:00:00.000Z', 2)).toBe('2026-12-09T02:00:00.000Z')
  })

  it('counts working time between instants and classifies deadlines', () => {
    expect(workingMsBetween(fri15, '2026-12-07T01:00:00.000Z')).toBe(2 * 3600_000)
    const due = addWorkingHours(fri15, 8)
    expect(slaStatus({ dueAt: due, slaHours: 8, now: fri15 })).toBe('tepat_waktu')
    expect(slaStatus({ dueAt: due, slaHours: 8, now: '2026-12-07T05:30:00.000Z' })).toBe('segera')
    expect(slaStatus({ dueAt: due, slaHours: 8, now: '2026-12-07T07:00:01.000Z' })).toBe('terlambat')
  })
})

describe('letter numbers', () => {
  it('follows the village format with padding and WITA month', () => {
    // 31 Dec 2026 17.00 UTC is already 1 January 2027 in WITA
    expect(formatLetterNumber('[kode]/[nomor,3]/[kode_desa]/[bulan_romawi]/[tahun]', { classificationCode: '400.8.1', seq: 7, villageCode: '63.07.06.2014', issuedAt: '2026-12-31T17:00:00.000Z' }))
      .toBe('400.8.1/007/63.07.06.2014/I/2027')
    expect(formatLetterNumber('[nomor]/[bulan]/[tahun]', { classificationCode: 'x', seq: 1234, villageCode: 'v', issuedAt: '2026-12-04T01:00:00Z' })).toBe('1234/12/2026')
    expect(counterKey('shared', '[kode]/[nomor]', '100.3.2.2')).toBe('*')
    expect(counterKey('per_type', '[kode]/[nomor]', '100.3.2.2')).toBe('kode:100.3.2.2')
    // without [kode] in the format, per-type counters would print equal numbers: one counter
    expect(counterKey('per_type', '[nomor]/[tahun]', '100.3.2.2')).toBe('*')
  })
})

describe('templates', () => {
  it('every shipped template validates, has a known classification code and yields well-formed markup', () => {
    const codes = classificationCodes()
    expect(SHIPPED_LETTER_TYPES).toHaveLength(15)
    for (const t of SHIPPED_LETTER_TYPES) {
      expect(codes.has(t.classificationCode), t.code).toBe(true)
      const out = validateTemplate(t.template, sampleContext(t.fields))
      expect(out, t.code).not.toMatch(/\{\{|\{%/)
      const blocks = parseLetterMarkup(out)
      expect(blocks.some((b) => b.kind === 'keyValue'), t.code).toBe(true)
    }
  })

  it('heirs print as a numbered list', () => {
    const t = SHIPPED_LETTER_TYPES.find((x) => x.code === 'ahli_waris')!
    const ctx = sampleContext(t.fields) as { isian: Record<string, unknown> }
    ctx.isian.ahli_waris = [{ nama: 'Ahmad', nik: '6307060101900001', hubungan: 'Anak' }, { nama: 'Siti', nik: '6307064101900002', hubungan: 'Istri' }]
    const blocks = parseLetterMarkup(renderTemplate(t.template, ctx))
    const list = blocks.find((b) => b.kind === 'numbered')
    expect(list && list.kind === 'numbered' ? list.items.length : 0).toBe(2)
  })

  it('rejects an unknown placeholder at save time, even in a branch not taken', () => {
    const t = SHIPPED_LETTER_TYPES[0]
    expect(() => validateTemplate('Halo {{ penduduk.namaa }}', sampleContext(t.fields))).toThrow(/penduduk\.namaa/)
    expect(() => validateTemplate('{% if false %}{{ rahasia }}{% endif %}ok', sampleContext(t.fields))).toThrow(/rahasia/)
    expect(() => validateTemplate('{% include "/etc/passwd" %}', sampleContext(t.fields))).toThrow(/Templat/)
    expect(() => validateTemplate('{{ penduduk.nama | tidak_ada }}', sampleContext(t.fields))).toThrow(/Templat/)
    expect(() => validateTemplate('', sampleContext(t.fields))).toThrow(/wajib/)
  })

  it('escapes values so they cannot forge markup', () => {
    expect(escapeMarkup('A | B **C**\n\n## D')).toBe('A / B C ## D')
    expect(renderTemplate('| Nama | {{ n }} |', { n: 'X | Y' })).toBe('| Nama | X / Y |')
    expect(renderTemplate('{{ n | raw }}', { n: '**tebal**' })).toBe('tebal')
  })
})

describe('field values', () => {
  const sktm = SHIPPED_LETTER_TYPES.find((t) => t.code === 'sktm')!
  const waris = SHIPPED_LETTER_TYPES.find((t) => t.code === 'ahli_waris')!

  it('gives one message per bad field', () => {
    const { errors } = checkFieldValues(sktm.fields, { keperluan: '', penghasilan: '1.500.000', tanggungan: '3' })
    expect(errors).toEqual({ 'fields.keperluan': 'Keperluan wajib diisi.', 'fields.penghasilan': expect.stringMatching(/bilangan bulat/) })
  })

  it('checks repeating groups row by row and requires at least one heir', () => {
    const bad = checkFieldValues(waris.fields, { pewaris_nama: 'H. Anang', pewaris_nik: '6307060101500001', tanggal_wafat: '2026-02-30', ahli_waris: [], saksi_1: 'A', saksi_2: 'B' })
    expect(bad.errors['fields.tanggal_wafat']).toMatch(/tanggal/)
    expect(bad.errors['fields.ahli_waris']).toMatch(/paling sedikit 1/)
    const rows = checkFieldValues(waris.fields, { ahli_waris: [{ nama: 'Ani', nik: '123', hubungan: 'Anak' }, { nama: '', nik: '', hubungan: '' }] })
    expect(rows.errors['fields.ahli_waris.0.nik']).toMatch(/16 angka/)
    expect(rows.values.ahli_waris).toHaveLength(1)
  })

  it('turns posted form names into the nested API shape', () => {
    expect(nestFormFields({ 'fields.keperluan': 'Bank', 'fields.ahli_waris.1.nama': 'B', 'fields.ahli_waris.0.nama': 'A', other: 'x' }))
      .toEqual({ keperluan: 'Bank', ahli_waris: [{ nama: 'A' }, { nama: 'B' }] })
  })
})

describe('masking submitted values', () => {
  it('masks every 16-digit value, also inside repeating groups, and leaves the rest', () => {
    expect(maskedFieldValues({ ayah: '6307060101700001', keperluan: 'Menikah 2026', ahli: [{ nama: 'Siti', nik: '6307064101900002' }] })).toEqual({
      ayah: '630706••••••0001', keperluan: 'Menikah 2026', ahli: [{ nama: 'Siti', nik: '630706••••••0002' }],
    })
  })
})
