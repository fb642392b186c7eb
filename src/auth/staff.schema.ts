import { z } from 'zod'
import { ROLES } from './role.ts'

export const ZLogin = z.object({
  username: z.string().trim().min(1, 'Nama pengguna wajib diisi.').max(64, 'Nama pengguna terlalu panjang.'),
  password: z.string().min(1, 'Kata sandi wajib diisi.').max(200, 'Kata sandi terlalu panjang.'),
})

export const ZNewStaff = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'Nama pengguna 3–40 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.'),
  displayName: z.string().trim().min(2, 'Nama lengkap wajib diisi.').max(120, 'Nama lengkap terlalu panjang.'),
  email: z.union([z.literal(''), z.email('Alamat surel tidak sah.')]).default(''),
  role: z.enum(ROLES, { message: 'Peran tidak dikenal.' }),
  scope: z.string().trim().min(2, 'Cakupan wajib diisi.'),
  password: z.string().optional(),
})

export const ZPasswordChange = z
  .object({
    current: z.string().min(1, 'Kata sandi lama wajib diisi.'),
    next: z.string().min(1, 'Kata sandi baru wajib diisi.'),
    confirm: z.string(),
  })
  .refine((v) => v.next === v.confirm, { path: ['confirm'], message: 'Konfirmasi kata sandi tidak sama.' })
