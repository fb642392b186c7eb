import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestRuntime, TEST_DIALECT, type TestRuntime } from '../../test/support/db.ts'
import { makeStaff, makeVillage } from '../../test/support/factories.ts'
import { SYSTEM_META } from '../auth/actor.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { enableVillage, updateVillageSettings } from './village.service.ts'
import { findVillage, updateVillage } from './village.repository.ts'
import { settingsFormOf } from './village.ts'

const SYSTEM = { kind: 'system' as const, name: 'test' }

describe(`${TEST_DIALECT}: switching villages on`, () => {
  let rt: TestRuntime
  beforeAll(async () => {
    rt = await createTestRuntime()
  })
  afterAll(() => rt.close())

  const auditCount = async () => Number((await rt.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

  it('enables a desa with Pembakal and a kelurahan with Lurah, and audits it', async () => {
    const desa = await enableVillage(rt, SYSTEM, SYSTEM_META, '63.07.06.2014')
    expect(desa).toMatchObject({ name: 'Banua Jingah', kind: 'desa', headTitle: 'Pembakal', districtName: 'Barabai', paperSize: 'F4' })
    expect(desa.letterheadLines).toEqual(['PEMERINTAH KABUPATEN HULU SUNGAI TENGAH', 'KECAMATAN BARABAI', 'DESA BANUA JINGAH'])
    const kel = await enableVillage(rt, SYSTEM, SYSTEM_META, '6307061001')
    expect(kel).toMatchObject({ code: '63.07.06.1001', kind: 'kelurahan', headTitle: 'Lurah' })
    const ev = await rt.db.selectFrom('audit_events').selectAll().where('action', '=', 'village.enable').where('village_code', '=', '63.07.06.2014').execute()
    expect(ev).toHaveLength(1)
  })

  it.each([
    ['63.07.06.9999', /tidak dikenal/],
    ['63.07.06', /bukan kode desa/],
    ['abc', /bukan kode desa/],
    ['63.01.01.2001', /di luar kabupaten/],
  ])('refuses %s and changes nothing', async (code, message) => {
    const before = await auditCount()
    await expect(enableVillage(rt, SYSTEM, SYSTEM_META, code)).rejects.toMatchObject({ code: 'INVALID_INPUT', userMessage: expect.stringMatching(message) })
    expect(await auditCount()).toBe(before)
  })

  it('refuses a village switched on twice', async () => {
    await makeVillage(rt, '63.07.06.2010')
    const before = await auditCount()
    await expect(enableVillage(rt, SYSTEM, SYSTEM_META, '63.07.06.2010')).rejects.toMatchObject({ code: 'ALREADY_EXISTS', status: 409 })
    expect(await auditCount()).toBe(before)
  })

  it('lets only the regency switch villages on', async () => {
    const v = await makeVillage(rt)
    const { actor } = await makeStaff(rt, { role: 'village_admin', scope: v.code })
    await expect(enableVillage(rt, actor, SYSTEM_META, '63.07.06.2017')).rejects.toMatchObject({ status: 404 })
  })

  it('validates settings per field and changes nothing on error', async () => {
    const v = await makeVillage(rt)
    const { actor } = await makeStaff(rt, { role: 'village_admin', scope: v.code })
    const bad = { ...settingsFormOf(v), paperSize: 'A3', numberFormat: '[kode]/[tahun]', email: 'bukan-surel', postalCode: '12' }
    await expect(updateVillageSettings(rt, actor, SYSTEM_META, v.code, bad)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      fields: { paperSize: expect.any(String), numberFormat: 'Format nomor surat harus memuat [nomor].', email: 'Alamat surel tidak sah.', postalCode: 'Kode pos harus 5 angka.' },
    })
    expect((await findVillage(rt.db, v.code))?.paperSize).toBe('F4')
    const ok = await updateVillageSettings(rt, actor, SYSTEM_META, v.code, { ...settingsFormOf(v), headName: 'Ahmad Ṣāliḥ', paperSize: 'A4' })
    expect(ok).toMatchObject({ headName: 'Ahmad Ṣāliḥ', paperSize: 'A4' })
  })

  it('rolls the audit event back with the change it describes', async () => {
    const v = await makeVillage(rt)
    const before = await auditCount()
    await expect(
      rt.db.transaction().execute(async (trx) => {
        await updateVillage(trx, v.code, { head_name: 'Tidak Jadi' })
        await recordAudit(trx, SYSTEM, SYSTEM_META, { villageCode: v.code, action: 'village.settings', entityType: 'village', summary: 'uji' })
        throw new Error('gagal di tengah jalan')
      }),
    ).rejects.toThrow('gagal di tengah jalan')
    expect(await auditCount()).toBe(before)
    expect((await findVillage(rt.db, v.code))?.headName).toBe('')
  })
})
