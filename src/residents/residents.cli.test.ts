import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestRuntime, type TestRuntime } from '../../test/support/db.ts'
import { makeVillage } from '../../test/support/factories.ts'
import { RESIDENT_COMMANDS } from './residents.cli.ts'
import { writeCsv } from './spreadsheet.ts'
import { syntheticRows } from './synthetic.ts'
import { countResidents } from './resident.service.ts'

let rt: TestRuntime
let dir: string
beforeAll(async () => {
  rt = await createTestRuntime()
  await makeVillage(rt, '63.07.06.2014')
  dir = mkdtempSync(join(tmpdir(), 'balai-cli-'))
})
afterAll(() => rt.close())

async function run(name: string, values: Record<string, unknown>, positionals: string[]): Promise<{ code: number | void; out: string }> {
  let out = ''
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s)
    return true
  })
  const err = vi.spyOn(console, 'error').mockImplementation(() => {})
  try {
    return { code: await RESIDENT_COMMANDS[name].run(rt, { values, positionals }), out }
  } finally {
    spy.mockRestore()
    err.mockRestore()
  }
}

describe('balai import residents', () => {
  it('prints exactly the agreed JSON, dry run first, then commits', async () => {
    const rows = syntheticRows({ villageCode: '63.07.06.2014', count: 12, seed: 9, today: '2026-12-04' })
    rows.push({ ...rows[1], nik: '63070', nama: 'Salah' })
    const file = join(dir, 'p.csv')
    writeFileSync(file, writeCsv(rows))
    const dry = await run('import', { village: '63.07.06.2014', 'dry-run': true, json: true }, ['residents', file])
    const report = JSON.parse(dry.out)
    expect(Object.keys(report)).toEqual(['rows', 'created', 'updated', 'failed', 'duplicates', 'errors'])
    expect(report).toEqual({ rows: 13, created: 12, updated: 0, failed: 1, duplicates: 0, errors: [{ row: 14, column: 'nik', message: 'NIK harus 16 angka.' }] })
    expect(dry.code).toBe(3)
    expect(await countResidents(rt, '63.07.06.2014')).toBe(0)
    const done = await run('import', { village: '63.07.06.2014', json: true }, ['residents', file])
    expect(JSON.parse(done.out)).toMatchObject({ created: 12, failed: 1 })
    expect(await countResidents(rt, '63.07.06.2014')).toBe(12)
  })
  it('refuses a missing village code or file', async () => {
    await expect(run('import', { json: true }, ['residents', join(dir, 'p.csv')])).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(run('import', { village: '63.07.06.2014' }, ['residents', join(dir, 'tidak-ada.csv')])).rejects.toMatchObject({ userMessage: expect.stringMatching(/tidak dapat dibaca/) })
  })
  it('generates a synthetic register with valid, unique NIKs', async () => {
    await run('generate', { village: '63.07.06.2017', count: '300' }, ['residents'])
    expect(await countResidents(rt, '63.07.06.2017')).toBe(300)
    await run('generate', { village: '63.07.06.2017', count: '50' }, ['residents'])
    expect(await countResidents(rt, '63.07.06.2017')).toBe(350)
    const heads = await rt.db.selectFrom('families').select((e) => e.fn.countAll().as('n')).where('village_code', '=', '63.07.06.2017').where('head_resident_id', 'is', null).executeTakeFirstOrThrow()
    expect(Number(heads.n)).toBe(0)
  })
})
