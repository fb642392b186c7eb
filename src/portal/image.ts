import { mkdirSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { AppError } from '../lib/errors.ts'
import { newToken } from '../lib/ids.ts'

export const MAX_PHOTO_BYTES = 8 * 1024 * 1024

export interface StoredImage { file: string; width: number; height: number }

/**
 * Checks an uploaded photo by its content (never its name or declared type), drops its
 * metadata (GPS position in phone photos), scales it down and stores it as JPEG under a random
 * name in the data folder, outside anything served directly. Pages serve it through a route.
 */
export async function storePhoto(
  dataDir: string,
  folder: 'posts' | 'complaints',
  bytes: Uint8Array,
  opts: { field: string; maxSide: number },
): Promise<StoredImage> {
  if (bytes.byteLength > MAX_PHOTO_BYTES) {
    throw new AppError('INVALID_INPUT', { userMessage: 'Foto terlalu besar (maksimal 8 MB).', fields: { [opts.field]: 'Ukuran foto maksimal 8 MB.' } })
  }
  let out: { data: Buffer; info: sharp.OutputInfo }
  try {
    const img = sharp(bytes, { limitInputPixels: 50_000_000 })
    const meta = await img.metadata()
    if (!meta.format || !['jpeg', 'png', 'webp'].includes(meta.format)) throw new Error(`format ${meta.format}`)
    out = await img
      .rotate()
      .resize(opts.maxSide, opts.maxSide, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 78, mozjpeg: true })
      .toBuffer({ resolveWithObject: true })
  } catch {
    throw new AppError('INVALID_INPUT', { userMessage: 'Berkas foto harus gambar JPEG, PNG atau WebP.', fields: { [opts.field]: 'Berkas bukan gambar JPEG, PNG atau WebP.' } })
  }
  const dir = join(dataDir, 'files', folder)
  mkdirSync(dir, { recursive: true })
  const file = `${newToken(20)}.jpg`
  await writeFile(join(dir, file), out.data)

  return { file, width: out.info.width, height: out.info.height }
}

export function readPhoto(dataDir: string, folder: 'posts' | 'complaints', file: string): Promise<Buffer> {
  return readFile(join(dataDir, 'files', folder, file.replace(/[^A-Za-z0-9.]/g, '')))
}

/** Removes a stored photo that nothing refers to any more (after the change committed). */
export async function deletePhoto(dataDir: string, folder: 'posts' | 'complaints', file: string | null): Promise<void> {
  if (file) await rm(join(dataDir, 'files', folder, file.replace(/[^A-Za-z0-9.]/g, '')), { force: true })
}

/** The text fields of a (multipart) form body, without the CSRF token. */
export const textFields = (body: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== '_csrf' && typeof v === 'string')) as Record<string, string>

/** A photo from a multipart body, or null when none was chosen. */
export async function uploadedBytes(value: unknown): Promise<Uint8Array | null> {
  if (!(value instanceof File) || value.size === 0) return null

  return new Uint8Array(await value.arrayBuffer())
}
