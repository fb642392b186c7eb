import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { PDFDocument } from 'pdf-lib'
import { AppError } from '../lib/errors.ts'
import { newToken } from '../lib/ids.ts'

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024
export const MAX_UPLOADS = 10

export interface UploadInput {
  /** which requirement of the type this document fulfils */
  requirement: string
  name: string
  bytes: Uint8Array
}

export interface CheckedUpload extends UploadInput {
  mime: 'image/jpeg' | 'image/png' | 'application/pdf'
  sha256: string
}

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x)

/**
 * What a file really is, from its content: the first bytes must match, and the whole file must
 * open as that format (sharp for images, pdf-lib for PDF), so a renamed or truncated file fails.
 */
export async function sniffDocument(bytes: Uint8Array): Promise<CheckedUpload['mime'] | null> {
  try {
    if (startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
      const meta = await sharp(bytes, { limitInputPixels: 60_000_000 }).metadata()
      if (meta.format === 'jpeg') return 'image/jpeg'
      if (meta.format === 'png') return 'image/png'

      return null
    }
    if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
      // pdf-lib is lenient with damaged files; a real document also ends with %%EOF and has pages.
      const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - 1024))).toString('latin1')
      if (!tail.includes('%%EOF')) return null
      const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false })

      return doc.getPageCount() > 0 ? 'application/pdf' : null
    }
  } catch {
    return null
  }

  return null
}

/**
 * Checks every upload before anything is stored.
 * @throws INVALID_INPUT naming the file: too big, wrong type, or for an unknown requirement
 */
export async function checkUploads(uploads: UploadInput[], requirements: string[]): Promise<CheckedUpload[]> {
  const errors: Record<string, string> = {}
  if (uploads.length > MAX_UPLOADS) errors.documents = `Paling banyak ${MAX_UPLOADS} berkas per permohonan.`
  const out: CheckedUpload[] = []
  for (const [i, u] of uploads.entries()) {
    const key = `documents.${i}`
    const label = u.name ? `Berkas "${u.name}"` : `Berkas ke-${i + 1}`
    if (!requirements.includes(u.requirement)) { errors[key] = `${label}: persyaratan tidak dikenal untuk jenis surat ini.`; continue }
    if (u.bytes.byteLength === 0) { errors[key] = `${label} kosong.`; continue }
    if (u.bytes.byteLength > MAX_UPLOAD_BYTES) { errors[key] = `${label} terlalu besar (maksimal 5 MB).`; continue }
    const mime = await sniffDocument(u.bytes)
    if (!mime) { errors[key] = `${label} bukan JPEG, PNG atau PDF yang sah.`; continue }
    out.push({ ...u, name: u.name.slice(0, 200), mime, sha256: createHash('sha256').update(u.bytes).digest('hex') })
  }
  if (Object.keys(errors).length) {
    throw new AppError('INVALID_INPUT', { userMessage: 'Dokumen persyaratan belum memenuhi ketentuan.', fields: errors })
  }

  return out
}

const uploadDir = (dataDir: string, villageCode: string) => join(dataDir, 'files', 'uploads', villageCode.replace(/[^0-9.]/g, ''))

/** Stores a checked file under a random name outside any served folder; returns that name. */
export async function storeUpload(dataDir: string, villageCode: string, u: CheckedUpload): Promise<string> {
  const dir = uploadDir(dataDir, villageCode)
  mkdirSync(dir, { recursive: true })
  const name = `${newToken(24)}.${u.mime === 'application/pdf' ? 'pdf' : u.mime === 'image/png' ? 'png' : 'jpg'}`
  await writeFile(join(dir, name), u.bytes, { flag: 'wx' })

  return name
}

export const readUpload = (dataDir: string, villageCode: string, stored: string) =>
  readFile(join(uploadDir(dataDir, villageCode), stored.replace(/[^A-Za-z0-9.]/g, '')))

export async function removeUploads(dataDir: string, villageCode: string, stored: string[]): Promise<void> {
  await Promise.all(stored.map((s) => rm(join(uploadDir(dataDir, villageCode), s), { force: true })))
}
