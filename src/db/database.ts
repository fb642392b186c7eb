import type { Kysely, Transaction } from 'kysely'
import type { RegionTable, VillageTable } from '../tenancy/tenancy.table.ts'
import type { SessionTable, StaffUserTable, ThrottleTable } from '../auth/auth.table.ts'
import type { AuditEventTable } from '../audit/audit.table.ts'

/** Every table of Balai. Each module owns its table interfaces; this only composes them. */
export interface Database {
  regions: RegionTable
  villages: VillageTable
  staff_users: StaffUserTable
  sessions: SessionTable
  throttles: ThrottleTable
  audit_events: AuditEventTable
}

export type Db = Kysely<Database>
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Kysely<Database> | Transaction<Database>
export type Dialect = 'sqlite' | 'postgres'
