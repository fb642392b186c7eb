import { mkdirSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { AppError } from '../lib/errors.ts'
import { newToken } from '../lib/ids.ts'

export const MAX_LOGO_BYTES = 2 * 1024 * 1024

/**
 * Checks an uploaded logo by its content (not its name), scales it to 256 px and stores it as
 * PNG under a random name outside any served folder. Returns the stored file name.
 */
export async function storeLogo(dataDir: string, bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength > MAX_LOGO_BYTES) {
    throw new AppError('INVALID_INPUT', { userMessage: 'Logo terlalu besar (maksimal 2 MB).', fields: { logo: 'Logo maksimal 2 MB.' } })
  }
  let png: Buffer
  try {
    const img = sharp(bytes, { limitInputPixels: 40_000_000 })
    const meta = await img.metadata()
    if (!meta.format || !['png', 'jpeg', 'webp'].includes(meta.format)) throw new Error(`format ${meta.format}`)
    png = await img.resize(256, 256, { fit: 'inside', withoutEnlargement: true }).png().toBuffer()
  } catch {
    throw new AppError('INVALID_INPUT', { userMessage: 'Berkas logo harus gambar PNG, JPEG atau WebP.', fields: { logo: 'Berkas bukan gambar PNG/JPEG/WebP.' } })
  }
  const dir = join(dataDir, 'files', 'logos')
  mkdirSync(dir, { recursive: true })
  const name = `${newToken(20)}.png`
  await writeFile(join(dir, name), png)

  return name
}

export const logoPath = (dataDir: string, file: string): string => join(dataDir, 'files', 'logos', file.replace(/[^A-Za-z0-9.]/g, ''))
