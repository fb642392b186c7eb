import { z } from 'zod'

const nik = z.string().trim().regex(/^\d{16}$/, 'NIK harus 16 angka.')
const pin = z.string().trim().regex(/^\d{6}$/, 'PIN harus terdiri atas 6 angka.')

export const ZCitizenLogin = z.object({
  nik: z.string().trim().min(1, 'NIK wajib diisi.').max(32, 'NIK terlalu panjang.'),
  pin: z.string().trim().min(1, 'PIN wajib diisi.').max(32, 'PIN terlalu panjang.'),
})

export const ZNikLookup = z.object({ nik })

export const ZRegistration = z.object({
  nik,
  kkNumber: z.string().trim().regex(/^\d{16}$/, 'Nomor KK harus 16 angka.'),
  birthDate: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal lahir wajib diisi (tanggal-bulan-tahun).'),
  email: z.union([z.literal(''), z.email('Alamat surel tidak sah.').max(200, 'Alamat surel terlalu panjang.')]).default(''),
})

export const ZPinChange = z
  .object({
    current: z.string().trim().min(1, 'PIN lama wajib diisi.'),
    next: pin,
    confirm: z.string().trim(),
  })
  .refine((v) => v.next === v.confirm, { path: ['confirm'], message: 'Konfirmasi PIN tidak sama.' })

export const ZPinSet = z
  .object({ next: pin, confirm: z.string().trim() })
  .refine((v) => v.next === v.confirm, { path: ['confirm'], message: 'Konfirmasi PIN tidak sama.' })

export const ZEmail = z.object({
  email: z.email('Alamat surel tidak sah.').max(200, 'Alamat surel terlalu panjang.'),
})

export const ZForgotPin = z.object({
  nik,
  email: z.email('Alamat surel tidak sah.').max(200, 'Alamat surel terlalu panjang.'),
})

export const ZActivation = z.object({
  delivery: z.enum(['slip', 'email'], { message: 'Pilih cara penyerahan PIN.' }),
})
