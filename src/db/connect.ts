import { join } from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import type { Database, Db, Dialect } from './database.ts'

export interface DbHandle {
  db: Db
  dialect: Dialect
  destroy(): Promise<void>
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError'
}

/**
 * Opens the database: PostgreSQL when a URL is given, otherwise the embedded SQLite file
 * in the data dir. Fails with an Indonesian message when the server cannot be reached.
 */
export async function connectDatabase(opts: {
  databaseUrl?: string
  dataDir?: string
  sqliteFile?: string
  searchPath?: string
  poolSize?: number
}): Promise<DbHandle> {
  if (opts.databaseUrl) return connectPostgres(opts.databaseUrl, opts.searchPath, opts.poolSize)
  const file = opts.sqliteFile ?? join(opts.dataDir ?? './data', 'balai.sqlite')

  return connectSqlite(file)
}

export function connectSqlite(file: string): DbHandle {
  const sqlite = new SQLite(file)
  // WAL lets readers work while a writer commits; busy_timeout rides out a CLI import running
  // beside the server; foreign keys are off by default in SQLite.
  if (file !== ':memory:') sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.function('balai_fold', { deterministic: true }, (s: unknown) =>
    typeof s === 'string' ? foldText(s) : s,
  )
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })

  return { db, dialect: 'sqlite', destroy: () => db.destroy() }
}

async function connectPostgres(url: string, searchPath?: string, poolSize = 10): Promise<DbHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  })
  // A pooled client's error must not crash the process; the next query reconnects.
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  try {
    await sql`select 1`.execute(db)
  } catch (e) {
    await db.destroy().catch(() => {})
    const safe = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
    throw new DatabaseUnavailableError(
      `Tidak dapat terhubung ke basis data PostgreSQL di ${safe}: ${(e as Error).message}`,
    )
  }

  return { db, dialect: 'postgres', destroy: () => db.destroy() }
}

/**
 * Case- and accent-folding used for search columns: "Ṣiti Nur'Aini" → "siti nur'aini".
 * Computed in the application so both engines index the same text.
 */
export function foldText(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
}
