import { romanMonth, witaParts } from '../lib/time.ts'

/**
 * Letter numbers, pure. The format is the village's setting, e.g.
 * `[kode]/[nomor,3]/[kode_desa]/[bulan_romawi]/[tahun]` → `400.8.1/007/63.07.06.2014/XII/2026`.
 * Counters restart every year, per type or shared, as the village chooses.
 */
export function formatLetterNumber(format: string, p: { classificationCode: string; seq: number; villageCode: string; issuedAt: string }): string {
  const w = witaParts(p.issuedAt)

  return format.replace(/\[([a-z_]+)(?:,(\d))?\]/g, (whole, token: string, width?: string) => {
    switch (token) {
      case 'kode':
        return p.classificationCode
      case 'nomor':
        return String(p.seq).padStart(width ? Number(width) : 1, '0')
      case 'kode_desa':
        return p.villageCode
      case 'bulan_romawi':
        return romanMonth(w.month)
      case 'bulan':
        return String(w.month).padStart(2, '0')
      case 'tahun':
        return String(w.year)
      default:
        return whole
    }
  })
}

/**
 * Which counter a letter draws from. "Per type" counts per classification code: two types
 * sharing a code (e.g. SKTM and Pengantar, both 100.3.2.2) would otherwise print the same
 * number, and a format without [kode] cannot tell counters apart at all, so it shares one.
 */
export function counterKey(scope: 'per_type' | 'shared', format: string, classificationCode: string): string {
  return scope === 'per_type' && format.includes('[kode]') ? `kode:${classificationCode}` : '*'
}
