import { z } from 'zod'

const text = (max: number, label: string) => z.string().trim().max(max, `${label} maksimal ${max} karakter.`)
const required = (max: number, label: string) => text(max, label).min(1, `${label} wajib diisi.`)

export const ZProfile = z.object({
  history: text(20_000, 'Sejarah desa'),
  geography: text(10_000, 'Geografi'),
  vision: text(2_000, 'Visi'),
  mission: text(10_000, 'Misi'),
})
export type ProfileInput = z.infer<typeof ZProfile>

export const ZOfficial = z.object({
  name: required(120, 'Nama'),
  position: required(120, 'Jabatan'),
  sortOrder: z.coerce.number({ message: 'Urutan harus angka.' }).int('Urutan harus bilangan bulat.').min(0, 'Urutan tidak boleh negatif.').max(999, 'Urutan paling besar 999.'),
})
export type OfficialInput = z.infer<typeof ZOfficial>

export const ZPost = z.object({
  kind: z.enum(['berita', 'pengumuman'], { message: 'Pilih jenis: berita atau pengumuman.' }),
  title: required(160, 'Judul').min(5, 'Judul minimal 5 karakter.'),
  body: required(50_000, 'Isi'),
})
export type PostInput = z.infer<typeof ZPost>

export const ZAgenda = z.object({
  title: required(160, 'Nama kegiatan'),
  eventDate: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus berformat TTTT-BB-HH.').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'Tanggal tidak sah.'),
  eventTime: z.string().trim().regex(/^(([01]\d|2[0-3])[.:][0-5]\d)?$/, 'Jam harus berformat JJ.MM, misalnya 09.00.').transform((t) => t.replace(':', '.')),
  place: text(160, 'Tempat'),
  description: text(2_000, 'Keterangan'),
})
export type AgendaInput = z.infer<typeof ZAgenda>
