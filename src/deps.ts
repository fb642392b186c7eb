import type { Logger } from 'pino'
import type { Config } from './config.ts'
import type { Db, Dialect } from './db/database.ts'

/**
 * What services need from the outside world, built once in main.ts (or by a test) and passed
 * explicitly: no globals, so a test replaces only what it needs.
 */
export interface Deps {
  db: Db
  dialect: Dialect
  config: Config
  logger: Logger
}
