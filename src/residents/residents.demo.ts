import type { Deps } from '../deps.ts'
import type { DemoResult } from '../demo/demo.ts'
import { countResidents } from './resident.service.ts'
import { generateResidents } from './generate.service.ts'

/**
 * Demo step: each model village gets a synthetic register of 1,500–2,500 residents. A village
 * that already has a register is left alone, so running the demo again changes nothing.
 */
export async function residentDemoStep(deps: Deps, result: DemoResult): Promise<void> {
  const out: { village: string; residents: number }[] = []
  for (const [i, v] of result.villages.entries()) {
    let n = await countResidents(deps, v.code)
    if (n < 100) {
      const seed = 1000 + i
      await generateResidents(deps, v.code, 1500 + ((seed * 7919) % 1001), seed)
      n = await countResidents(deps, v.code)
    }
    out.push({ village: v.code, residents: n })
  }
  result.registers = out
}
