/**
 * The request state machine, pure. Every change of state goes through `nextState`, which the
 * service calls inside its transaction, so a transition the machine does not allow never
 * reaches the database whatever the page or API sent.
 */

export const REQUEST_STATES = ['diajukan', 'diperiksa', 'perbaikan', 'disetujui', 'siap_diambil', 'selesai', 'ditolak', 'dibatalkan'] as const
export type RequestState = (typeof REQUEST_STATES)[number]

export const STATE_LABEL: Record<RequestState, string> = {
  diajukan: 'Diajukan',
  diperiksa: 'Sedang Diperiksa',
  perbaikan: 'Perlu Perbaikan',
  disetujui: 'Disetujui / Menunggu Tanda Tangan',
  siap_diambil: 'Siap Diambil',
  selesai: 'Selesai',
  ditolak: 'Ditolak',
  dibatalkan: 'Dibatalkan',
}

export const isRequestState = (s: string): s is RequestState => (REQUEST_STATES as readonly string[]).includes(s)

/** States after which the office has nothing left to do. */
export const FINAL_STATES: readonly RequestState[] = ['selesai', 'ditolak', 'dibatalkan']
/** States in which the office still owes the resident a decision (the SLA clock runs). */
export const OPEN_STATES: readonly RequestState[] = ['diajukan', 'diperiksa', 'perbaikan']

export type StaffAction = 'review' | 'ask-correction' | 'reject' | 'approve' | 'hand-over' | 'mark-signed'
export type CitizenAction = 'cancel' | 'resubmit'
export type RequestAction = StaffAction | CitizenAction

export const ACTION_LABEL: Record<RequestAction, string> = {
  review: 'Mulai periksa',
  'ask-correction': 'Minta perbaikan',
  reject: 'Tolak',
  approve: 'Setujui dan terbitkan',
  'hand-over': 'Catat pengambilan',
  'mark-signed': 'Tanda tangan selesai',
  cancel: 'Batalkan permohonan',
  resubmit: 'Kirim ulang',
}

export const STAFF_ACTIONS: readonly StaffAction[] = ['review', 'ask-correction', 'reject', 'approve', 'hand-over']
export const CITIZEN_ACTIONS: readonly CitizenAction[] = ['cancel', 'resubmit']

/**
 * The target of an action from a state, or null when the machine does not allow it.
 * `approve` goes to Disetujui / Menunggu Tanda Tangan for an electronic signature and straight
 * to Siap Diambil for a letter signed by hand.
 */
export function nextState(from: RequestState, action: RequestAction, opts: { signature?: 'electronic' | 'hand' } = {}): RequestState | null {
  switch (action) {
    case 'review':
      return from === 'diajukan' ? 'diperiksa' : null
    case 'ask-correction':
      return from === 'diajukan' || from === 'diperiksa' ? 'perbaikan' : null
    case 'reject':
      return from === 'diajukan' || from === 'diperiksa' || from === 'perbaikan' ? 'ditolak' : null
    case 'approve':
      return from === 'diajukan' || from === 'diperiksa' ? (opts.signature === 'electronic' ? 'disetujui' : 'siap_diambil') : null
    case 'mark-signed':
      return from === 'disetujui' ? 'siap_diambil' : null
    case 'hand-over':
      return from === 'siap_diambil' ? 'selesai' : null
    case 'cancel':
      return from === 'diajukan' || from === 'diperiksa' || from === 'perbaikan' ? 'dibatalkan' : null
    case 'resubmit':
      return from === 'perbaikan' ? 'diajukan' : null
  }
}

/** The actions open to staff (or the resident) on a request in a state, for buttons. */
export function allowedActions(from: RequestState, who: 'staff' | 'citizen'): RequestAction[] {
  const list: readonly RequestAction[] = who === 'staff' ? STAFF_ACTIONS : CITIZEN_ACTIONS

  return list.filter((a) => nextState(from, a, { signature: 'hand' }) !== null)
}

/** Actions whose note is mandatory: the resident must learn what to fix or why. */
export const NOTE_REQUIRED: readonly RequestAction[] = ['ask-correction', 'reject']
