import type { Deps } from '../deps.ts'
import { SYSTEM_META } from '../auth/actor.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { todayWita } from '../lib/time.ts'
import { shippedRegions } from '../tenancy/region.service.ts'
import { enableVillage } from '../tenancy/village.service.ts'
import { findVillage } from '../tenancy/village.repository.ts'
import { applyPlan, planRows } from './register.ts'
import { rng, syntheticRows } from './synthetic.ts'

const SYSTEM = { kind: 'system' as const, name: 'generator' }

/** Hulu Sungai Tengah's registered population (the benchmark's regency-wide target). */
export const HST_POPULATION = 271_505

/**
 * Adds `count` synthetic residents to a village through the same checks as an import, in one
 * transaction. NIKs already in the village are avoided; returns how many were created.
 */
export async function generateResidents(deps: Deps, villageCode: string, count: number, seed = 1, onProgress?: (done: number, total: number) => void): Promise<{ created: number; refused: number }> {
  if (!(await findVillage(deps.db, villageCode))) await enableVillage(deps, SYSTEM, SYSTEM_META, villageCode)
  const taken = new Set<string>()
  const existing = await deps.db.selectFrom('residents').select(['nik', 'kk_number']).where('village_code', '=', villageCode).execute()
  for (const e of existing) {
    taken.add(e.nik)
    if (e.kk_number) taken.add(e.kk_number)
  }
  const rows = syntheticRows({ villageCode, count, seed: seed + existing.length, today: todayWita(), taken })

  return deps.db.transaction().execute(async (trx) => {
    const plan = await planRows(trx, villageCode, rows.map((cells, i) => ({ row: i + 2, cells })), { allowUpdate: false })
    await applyPlan(trx, villageCode, plan, { actorName: SYSTEM.name, eventSummary: 'Data sintetis untuk demo/uji', bulk: true, onProgress })
    await recordAudit(trx, SYSTEM, SYSTEM_META, {
      villageCode, action: 'resident.generate', entityType: 'resident', entityId: null,
      summary: `Membuat ${plan.creates.length} penduduk sintetis`, data: { count: plan.creates.length },
    })

    return { created: plan.creates.length, refused: plan.failedRows + plan.duplicates }
  })
}

/** Every village of the regency and how many residents each gets, summing to `total`. */
export function regencyShares(regency: string, total = HST_POPULATION, seed = 7): { code: string; count: number }[] {
  const villages = shippedRegions().filter((r) => (r.level === 'desa' || r.level === 'kelurahan') && r.code.startsWith(regency + '.'))
  const r = rng(seed)
  const weights = villages.map(() => 0.4 + r() * 1.6)
  const sum = weights.reduce((a, b) => a + b, 0)
  const shares = villages.map((v, i) => ({ code: v.code, count: Math.floor((weights[i] / sum) * total) }))
  let rest = total - shares.reduce((a, s) => a + s.count, 0)
  for (let i = 0; rest > 0; i = (i + 1) % shares.length, rest--) shares[i].count += 1

  return shares
}
