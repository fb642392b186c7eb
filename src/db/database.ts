import type { Kysely, Transaction } from 'kysely'
import type { RegionTable, VillageTable } from '../tenancy/tenancy.table.ts'
import type { SessionTable, StaffUserTable, ThrottleTable } from '../auth/auth.table.ts'
import type { AuditEventTable } from '../audit/audit.table.ts'
import type { FamilyTable, ResidentAreaTable, ResidentCorrectionTable, ResidentEventTable, ResidentTable } from '../residents/residents.table.ts'
import type { JobTable } from '../jobs/jobs.table.ts'
import type { NotificationTable } from '../notify/notify.table.ts'
import type { CitizenAccountTable, CitizenTokenTable } from '../citizens/citizen.table.ts'
import type { PortalAgendaTable, PortalOfficialTable, PortalPostTable, PortalProfileTable } from '../portal/portal.table.ts'
import type { ComplaintTable } from '../complaints/complaint.table.ts'
import type { LetterCounterTable, LetterRequestTable, LetterTable, LetterTypeTable, RequestEventTable, RequestIdempotencyTable, RequestUploadTable, VillageLetterTypeTable } from '../services/services.table.ts'
import type { LetterReplacementTable, LetterSignatureTable, SigningCaTable, SigningCertificateTable, SigningDelegationTable } from '../signing/signing.table.ts'

/** Every table of Balai. Each module owns its table interfaces; this only composes them. */
export interface Database {
  regions: RegionTable
  villages: VillageTable
  staff_users: StaffUserTable
  sessions: SessionTable
  throttles: ThrottleTable
  audit_events: AuditEventTable
  signing_cas: SigningCaTable
  signing_certificates: SigningCertificateTable
  signing_delegations: SigningDelegationTable
  letter_signatures: LetterSignatureTable
  letter_replacements: LetterReplacementTable
  resident_areas: ResidentAreaTable
  families: FamilyTable
  residents: ResidentTable
  resident_events: ResidentEventTable
  resident_corrections: ResidentCorrectionTable
  jobs: JobTable
  notifications: NotificationTable
  citizen_accounts: CitizenAccountTable
  citizen_tokens: CitizenTokenTable
  portal_profiles: PortalProfileTable
  portal_officials: PortalOfficialTable
  portal_posts: PortalPostTable
  portal_agenda: PortalAgendaTable
  complaints: ComplaintTable
  letter_types: LetterTypeTable
  village_letter_types: VillageLetterTypeTable
  letter_requests: LetterRequestTable
  request_events: RequestEventTable
  request_uploads: RequestUploadTable
  request_idempotency: RequestIdempotencyTable
  letter_counters: LetterCounterTable
  letters: LetterTable
}

export type Db = Kysely<Database>
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Kysely<Database> | Transaction<Database>
export type Dialect = 'sqlite' | 'postgres'
