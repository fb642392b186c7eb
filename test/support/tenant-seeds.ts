import type { Deps } from '../../src/deps.ts'

/**
 * Creates records in the other village for routes whose path names a record (`:residentId`,
 * `:requestId` …) and returns the ids by placeholder name. Each capability adds its own.
 */
export async function extraTenantSeeds(_deps: Deps, _villageCode: string): Promise<Record<string, string>> {
  return {}
}
