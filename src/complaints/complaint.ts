import type { ComplaintStatus } from './complaint.table.ts'

/** Categories a complainant chooses from (stable codes, Indonesian labels). */
export const COMPLAINT_CATEGORIES = {
  administrasi: 'Pelayanan administrasi dan surat',
  infrastruktur: 'Jalan, jembatan dan fasilitas umum',
  lingkungan: 'Kebersihan dan lingkungan',
  ketertiban: 'Keamanan dan ketertiban',
  sosial: 'Bantuan sosial dan kesejahteraan',
  aspirasi: 'Aspirasi dan usulan pembangunan',
  lainnya: 'Lainnya',
} as const
export type ComplaintCategory = keyof typeof COMPLAINT_CATEGORIES

export const STATUS_LABEL: Record<ComplaintStatus, string> = { menunggu: 'Menunggu', diproses: 'Diproses', selesai: 'Selesai' }

/** UU 25/2009: a written complaint is answered within 14 days and settled within 60. */
export const REPLY_DAYS = 14
export const RESOLVE_DAYS = 60

const DAY = 24 * 3600_000

export function deadlinesFor(createdAt: string): { replyDue: string; resolveDue: string } {
  const t = Date.parse(createdAt)

  return { replyDue: new Date(t + REPLY_DAYS * DAY).toISOString(), resolveDue: new Date(t + RESOLVE_DAYS * DAY).toISOString() }
}

export type DeadlineState = { kind: 'met'; label: string } | { kind: 'open'; daysLeft: number; label: string } | { kind: 'late'; daysLate: number; label: string }

/**
 * Where a deadline stands: met (done by `doneAt`), still open (whole days left), or passed.
 * Days are counted as started 24-hour periods so "0 hari lagi" never shows for a live deadline.
 */
export function deadlineState(due: string, doneAt: string | null, now: number): DeadlineState {
  const dueMs = Date.parse(due)
  if (doneAt) {
    return Date.parse(doneAt) <= dueMs ? { kind: 'met', label: 'Tepat waktu' } : { kind: 'late', daysLate: Math.ceil((Date.parse(doneAt) - dueMs) / DAY), label: `Terlambat ${Math.ceil((Date.parse(doneAt) - dueMs) / DAY)} hari` }
  }
  if (now <= dueMs) {
    const daysLeft = Math.ceil((dueMs - now) / DAY)

    return { kind: 'open', daysLeft, label: `${daysLeft} hari lagi` }
  }
  const daysLate = Math.ceil((now - dueMs) / DAY)

  return { kind: 'late', daysLate, label: `Lewat ${daysLate} hari` }
}

/** The next states staff may choose when replying. A settled complaint stays settled. */
export function canReply(status: ComplaintStatus): boolean {
  return status !== 'selesai'
}
