import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import pino from 'pino'
import { loadConfig, type Config } from '../../src/config.ts'
import { connectDatabase, connectSqlite } from '../../src/db/connect.ts'
import type { Deps } from '../../src/deps.ts'
import { prepareDatabase } from '../../src/main.ts'

export interface TestRuntime extends Deps {
  close(): Promise<void>
}

/** Which engine this test run uses: PostgreSQL when TEST_DATABASE_URL is set, else SQLite. */
export const TEST_DIALECT = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'

export function testConfig(overrides: Partial<Config> = {}): Config {
  const dataDir = mkdtempSync(join(tmpdir(), 'balai-test-'))

  return { ...loadConfig({ BALAI_DATA_DIR: dataDir, BALAI_SECRET: 'test-secret-'.padEnd(40, 'x'), LOG_LEVEL: 'silent' }), ...overrides }
}

/**
 * A fresh, migrated database for one test file: an in-memory SQLite, or a new schema on the
 * PostgreSQL of TEST_DATABASE_URL (dropped again by close()). Nothing is shared between files.
 */
export async function createTestRuntime(opts: { migrate?: boolean; config?: Partial<Config> } = {}): Promise<TestRuntime> {
  const config = testConfig(opts.config)
  const logger = pino({ level: 'silent' })
  const url = process.env.TEST_DATABASE_URL
  let handle
  let dropSchema = async () => {}
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    await admin.end()
    handle = await connectDatabase({ databaseUrl: url, searchPath: schema, poolSize: 8 })
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      await c.query(`drop schema if exists ${schema} cascade`)
      await c.end()
    }
  } else {
    handle = connectSqlite(':memory:')
  }
  const rt: TestRuntime = {
    db: handle.db,
    dialect: handle.dialect,
    config,
    logger,
    close: async () => {
      await handle.destroy()
      await dropSchema()
    },
  }
  if (opts.migrate !== false) await prepareDatabase(rt)

  return rt
}
