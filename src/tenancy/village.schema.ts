import { z } from 'zod'
import { numberFormatProblem } from './village.ts'

const text = (max: number, label: string) =>
  z.string().trim().max(max, `${label} maksimal ${max} karakter.`)

export const ZVillageSettings = z.object({
  headTitle: text(40, 'Sebutan kepala desa').min(2, 'Sebutan kepala desa wajib diisi.'),
  headName: text(120, 'Nama kepala desa'),
  headNip: text(30, 'NIP'),
  address: text(300, 'Alamat kantor'),
  postalCode: z.string().trim().regex(/^(\d{5})?$/, 'Kode pos harus 5 angka.'),
  phone: z.string().trim().regex(/^[0-9+()\-\s]{0,30}$/, 'Nomor telepon hanya boleh angka, spasi, +, - dan tanda kurung.'),
  email: z.union([z.literal(''), z.email('Alamat surel tidak sah.')]),
  officeHours: text(300, 'Jam pelayanan'),
  letterheadLines: text(600, 'Kop surat').refine((s) => s.split('\n').filter((l) => l.trim()).length <= 6, 'Kop surat paling banyak 6 baris.'),
  paperSize: z.enum(['A4', 'F4'], { message: 'Ukuran kertas harus A4 atau F4.' }),
  numberFormat: text(120, 'Format nomor surat').superRefine((v, ctx) => {
    const p = numberFormatProblem(v)
    if (p) ctx.addIssue({ code: 'custom', message: p })
  }),
  counterScope: z.enum(['per_type', 'shared'], { message: 'Pilih penomoran per jenis surat atau bersama.' }),
})

export type VillageSettingsInput = z.infer<typeof ZVillageSettings>
