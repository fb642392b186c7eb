import type { Migration } from 'kysely'
import * as m0001 from './20261204_0001_platform.ts'
import * as m0100 from './20261204_0100_residents.ts'
import * as m0150 from './20261204_0150_jobs_notify.ts'
import * as m0200 from './20261204_0200_citizens.ts'
import * as m0300 from './20261204_0300_services.ts'
import * as m0400 from './20261204_0400_signing.ts'
import * as m0500 from './20261204_0500_portal.ts'

/**
 * Every migration, in order. A static list (not a folder scan) so that tsx, bundlers and
 * `npx balai` all see the same set. Add new files at the end; never edit a released one.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '20261204_0001_platform': m0001,
  '20261204_0100_residents': m0100,
  '20261204_0150_jobs_notify': m0150,
  '20261204_0200_citizens': m0200,
  '20261204_0300_services': m0300,
  '20261204_0400_signing': m0400,
  '20261204_0500_portal': m0500,
}
