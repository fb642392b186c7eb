import type { Migration } from 'kysely'
import * as m0001 from './20261204_0001_platform.ts'

/**
 * Every migration, in order. A static list (not a folder scan) so that tsx, bundlers and
 * `npx balai` all see the same set. Add new files at the end; never edit a released one.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '20261204_0001_platform': m0001,
}
