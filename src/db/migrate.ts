import { Migrator, NO_MIGRATIONS, type MigrationResultSet } from 'kysely'
import type { Db } from './database.ts'
import { MIGRATIONS } from './migrations/index.ts'

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
  })

  return unwrap(await migrator.migrateToLatest())
}

export async function migrateDownAll(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } })

  return unwrap(await migrator.migrateTo(NO_MIGRATIONS))
}

function unwrap({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    throw new Error(`Migrasi gagal${failed ? ` pada ${failed.migrationName}` : ''}: ${String(error)}`, {
      cause: error,
    })
  }

  return (results ?? []).map((r) => r.migrationName)
}
