/**
 * NIK and KK numbers are masked wherever they are not deliberately revealed (UU 27/2022):
 * the region part (first 6 digits) and the last 4 stay, so staff can still tell people apart.
 * 6307060101900001 → 630706••••••0001
 */
export function maskNik(nik: string | null | undefined): string {
  if (!nik) return ''
  if (nik.length < 10) return '•'.repeat(nik.length)

  return nik.slice(0, 6) + '•'.repeat(nik.length - 10) + nik.slice(-4)
}
