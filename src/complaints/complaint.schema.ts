import { z } from 'zod'
import { COMPLAINT_CATEGORIES } from './complaint.ts'

const CATEGORY_CODES = Object.keys(COMPLAINT_CATEGORIES) as [keyof typeof COMPLAINT_CATEGORIES, ...(keyof typeof COMPLAINT_CATEGORIES)[]]

export const ZComplaint = z.object({
  category: z.enum(CATEGORY_CODES, { message: 'Pilih kategori pengaduan.' }),
  anonymous: z.preprocess((v) => v === '1' || v === 'on' || v === true, z.boolean()),
  name: z.string().trim().max(120, 'Nama maksimal 120 karakter.').default(''),
  contact: z.string().trim().max(120, 'Kontak maksimal 120 karakter.').default('')
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) || /^\+?[0-9][0-9\s-]{6,18}$/.test(v), 'Isi alamat surel atau nomor telepon yang sah, atau kosongkan.'),
  body: z.string().trim().min(20, 'Uraian pengaduan minimal 20 karakter agar dapat ditindaklanjuti.').max(5_000, 'Uraian pengaduan maksimal 5.000 karakter.'),
})
export type ComplaintInput = z.infer<typeof ZComplaint>

/** A named complaint needs a name; checked beside the other fields so every message shows at once. */
export const NAME_REQUIRED = 'Isi nama Anda, atau centang "Kirim tanpa nama".'

export const ZReply = z.object({
  reply: z.string().trim().min(10, 'Tanggapan minimal 10 karakter.').max(5_000, 'Tanggapan maksimal 5.000 karakter.'),
  status: z.enum(['diproses', 'selesai'], { message: 'Pilih status: Diproses atau Selesai.' }),
})

export const ZPublish = z
  .object({
    publish: z.preprocess((v) => v === '1', z.boolean()),
    publicText: z.string().trim().max(5_000, 'Teks publikasi maksimal 5.000 karakter.').default(''),
  })
  .superRefine((v, ctx) => {
    if (v.publish && v.publicText.length < 20) ctx.addIssue({ code: 'custom', path: ['publicText'], message: 'Tulis ringkasan pengaduan tanpa data pribadi (minimal 20 karakter).' })
  })

export const ZInboxQuery = z.object({
  status: z.enum(['', 'menunggu', 'diproses', 'selesai']).catch(''),
  sort: z.enum(['reply_due', 'resolve_due', 'newest']).catch('reply_due'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
})
export type InboxQuery = z.infer<typeof ZInboxQuery>
