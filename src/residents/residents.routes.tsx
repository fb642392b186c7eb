import { Hono, type Context } from 'hono'
import { isDistrictCode, isVillageCode } from '../tenancy/region.ts'
import type { AppEnv } from '../web/env.ts'
import { formFailure, formFields } from '../web/form.ts'
import { authorizeScope, authorizeVillage, staffCan } from '../auth/policy.ts'
import { AppError, isAppError, notFound } from '../lib/errors.ts'
import { todayWita } from '../lib/time.ts'
import { getLiveVillage } from '../tenancy/village.service.ts'
import { regionName } from '../tenancy/region.service.ts'
import { requireCitizen } from '../citizens/citizen.guard.ts'
import type { CitizenActor } from '../auth/actor.ts'
import { rowCells } from './columns.ts'
import { statusToCode } from './resident.ts'
import { createResident, getFamilyForStaff, getResidentForStaff, listResidents, revealNik, updateResident } from './resident.service.ts'
import { listAreas } from './resident.repository.ts'
import { listEvents, recordBirth, recordDeparture, recordMoveInFromOutside, recordMoveInFromVillage, residentHistory, splitFamily } from './events.service.ts'
import { exportResidentsXlsx, importResidents } from './import.service.ts'
import { findRun, startRun } from './import-runs.ts'
import { populationStatistics, statisticsForStaff } from './statistics.service.ts'
import { listOpenCorrections, requestCorrection, resolveCorrection } from './correction.service.ts'
import { CorrectionRequestPage } from './correction.views.tsx'
import './residents.tiles.tsx'
import {
  BirthPage, CorrectionQueuePage, DeparturePage, FamilyPage, ImportPage, ImportProgressPage, MoveInPage, MutationBookPage, PublicStatisticsPage,
  ResidentDetailPage, ResidentFormPage, ResidentListPage, SplitPage, StaffStatisticsPage,
} from './residents.views.tsx'

const DEPARTURES = ['meninggal', 'pindah_keluar', 'hilang'] as const
type Departure = (typeof DEPARTURES)[number]

/** Re-renders a form with 422 when the service refused the input; rethrows anything else. */
async function attempt(c: Context<AppEnv>, run: () => Promise<Response>, again: (fail: { message: string; fields: Record<string, string> }) => Response | Promise<Response>): Promise<Response> {
  try {
    return await run()
  } catch (e) {
    const fail = formFailure(e)
    if (!fail) throw e
    c.status(422)

    return again(fail)
  }
}

/** Staff pages under /staf/desa/:code (the village guard has checked the scope). */
export function residentStaffRoutes() {
  const app = new Hono<AppEnv>()
  const base = (c: Context<AppEnv>) => `/staf/desa/${c.get('village').code}/penduduk`

  app.get('/penduduk', async (c) => {
    const village = c.get('village')
    const filters = c.req.query()
    const list = await listResidents(c.get('deps'), c.get('actor'), village.code, filters)

    return c.render(<ResidentListPage village={village} list={list} filters={filters} areas={await listAreas(c.get('deps').db, village.code)} />)
  })

  app.get('/penduduk/baru', (c) => {
    authorizeVillage(c.get('actor'), c.get('village').code, 'resident.write')

    return c.render(<ResidentFormPage village={c.get('village')} form={{ warganegara_id: '1' }} title="Tambah penduduk" action={base(c)} />)
  })

  app.post('/penduduk', async (c) => {
    const village = c.get('village')
    const form = await formFields(c)

    return attempt(c, async () => {
      const r = await createResident(c.get('deps'), c.get('actor'), c.get('meta'), village.code, form)
      return c.redirect(`${base(c)}/${r.id}?tersimpan=1`, 303)
    }, (f) => c.render(<ResidentFormPage village={village} form={form} errors={f.fields} message={f.message} title="Tambah penduduk" action={base(c)} />))
  })

  app.get('/penduduk/pindah-masuk', (c) => {
    authorizeVillage(c.get('actor'), c.get('village').code, 'resident.write')

    return c.render(<MoveInPage village={c.get('village')} form={{ date: todayWita() }} />)
  })

  app.post('/penduduk/pindah-masuk', async (c) => {
    const village = c.get('village')
    const form = await formFields(c)

    return attempt(c, async () => {
      const r = await recordMoveInFromVillage(c.get('deps'), c.get('actor'), c.get('meta'), village.code, form)
      return c.redirect(`${base(c)}/${r.id}?tersimpan=1`, 303)
    }, (f) => c.render(<MoveInPage village={village} form={form} errors={f.fields} message={f.message} />))
  })

  app.get('/penduduk/pindah-masuk/luar', (c) => {
    authorizeVillage(c.get('actor'), c.get('village').code, 'resident.write')

    return c.render(<ResidentFormPage village={c.get('village')} form={{ warganegara_id: '1', date: todayWita() }} title="Pindah masuk dari luar kabupaten" action={`${base(c)}/pindah-masuk/luar`} moveIn />)
  })

  app.post('/penduduk/pindah-masuk/luar', async (c) => {
    const village = c.get('village')
    const form = await formFields(c)

    return attempt(c, async () => {
      const r = await recordMoveInFromOutside(c.get('deps'), c.get('actor'), c.get('meta'), village.code, form, { date: form.date, origin: form.origin })
      return c.redirect(`${base(c)}/${r.id}?tersimpan=1`, 303)
    }, (f) => c.render(<ResidentFormPage village={village} form={form} errors={f.fields} message={f.message} title="Pindah masuk dari luar kabupaten" action={`${base(c)}/pindah-masuk/luar`} moveIn />))
  })

  app.get('/penduduk/impor', (c) => {
    authorizeVillage(c.get('actor'), c.get('village').code, 'resident.import')

    return c.render(<ImportPage village={c.get('village')} />)
  })

  app.post('/penduduk/impor', async (c) => {
    const village = c.get('village')
    const actor = authorizeVillage(c.get('actor'), village.code, 'resident.import')
    const body = await c.req.parseBody()
    const file = body.file
    if (!(file instanceof File) || file.size === 0) {
      c.status(422)
      return c.render(<ImportPage village={village} errors={{ file: 'Pilih berkas yang akan diimpor.' }} message="Pilih berkas yang akan diimpor." />)
    }
    const bytes = new Uint8Array(await file.arrayBuffer())
    const dryRun = body.commit !== '1'
    const deps = c.get('deps')
    const meta = c.get('meta')
    const run = startRun(village.code, actor.id, dryRun, (progress) => importResidents(deps, actor, meta, village.code, bytes, { dryRun, onProgress: progress }), (e) => {
      if (isAppError(e)) return e.userMessage
      deps.logger.error({ err: e }, 'resident import failed')
      return 'Impor gagal karena kesalahan sistem; register tidak berubah. Coba lagi atau hubungi admin.'
    })

    return c.redirect(`${base(c)}/impor/${run.id}`, 303)
  })

  app.get('/penduduk/impor/:run', (c) => {
    const village = c.get('village')
    const actor = authorizeVillage(c.get('actor'), village.code, 'resident.import')
    const run = findRun(c.req.param('run'), village.code, actor.id)
    if (!run) throw notFound()
    const finished = Boolean(run.report || run.error)
    if (run.error) c.status(422)

    return c.render(<ImportProgressPage village={village} dryRun={run.dryRun} phase={run.phase} done={run.done} total={run.total} report={run.report} error={run.error} refresh={finished ? undefined : c.req.path} />)
  })

  app.get('/penduduk/ekspor', async (c) => {
    const village = c.get('village')
    const bytes = await exportResidentsXlsx(c.get('deps'), c.get('actor'), c.get('meta'), village.code)
    c.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    c.header('content-disposition', `attachment; filename="penduduk-${village.code}-${todayWita()}.xlsx"`)
    c.header('cache-control', 'no-store')

    return c.body(bytes as never)
  })

  app.get('/penduduk/koreksi', async (c) => {
    const village = c.get('village')

    return c.render(<CorrectionQueuePage village={village} rows={await listOpenCorrections(c.get('deps'), c.get('actor'), village.code)} notice={c.req.query('ditanggapi') ? 'Tanggapan telah dikirim ke warga.' : undefined} />)
  })

  app.post('/penduduk/koreksi/:id', async (c) => {
    const village = c.get('village')
    const form = await formFields(c)

    return attempt(c, async () => {
      await resolveCorrection(c.get('deps'), c.get('actor'), c.get('meta'), village.code, c.req.param('id'), form.status ?? '', form.response ?? '')
      return c.redirect(`${base(c)}/koreksi?ditanggapi=1`, 303)
    }, async (f) => c.render(<CorrectionQueuePage village={village} rows={await listOpenCorrections(c.get('deps'), c.get('actor'), village.code)} error={f.message} />))
  })

  const detail = async (c: Context<AppEnv>, fullNik?: string) => {
    const village = c.get('village')
    const actor = c.get('actor')
    const { row, family, members } = await getResidentForStaff(c.get('deps'), actor, village.code, c.req.param('id') ?? '')

    return c.render(
      <ResidentDetailPage village={village} r={row} family={family} members={members} history={await residentHistory(c.get('deps'), row.id)} fullNik={fullNik}
        canReveal={staffCan(actor, village.code, 'resident.reveal_nik')} canWrite={staffCan(actor, village.code, 'resident.write')}
        notice={c.req.query('tersimpan') ? 'Data telah disimpan.' : undefined} />,
    )
  }

  app.get('/penduduk/:id', (c) => detail(c))

  app.post('/penduduk/:id/nik', async (c) => {
    const nik = await revealNik(c.get('deps'), c.get('actor'), c.get('meta'), c.get('village').code, c.req.param('id'))

    return detail(c, nik)
  })

  const editForm = async (c: Context<AppEnv>) => {
    const { row } = await getResidentForStaff(c.get('deps'), c.get('actor'), c.get('village').code, c.req.param('id') ?? '')
    authorizeVillage(c.get('actor'), c.get('village').code, 'resident.write')

    return { row, form: rowCells(row, null, statusToCode(row.status)) }
  }

  app.get('/penduduk/:id/ubah', async (c) => {
    const { row, form } = await editForm(c)

    return c.render(<ResidentFormPage village={c.get('village')} form={form} residentId={row.id} title={`Ubah data ${row.name}`} action={`${base(c)}/${row.id}/ubah`} />)
  })

  app.post('/penduduk/:id/ubah', async (c) => {
    const village = c.get('village')
    const { row } = await editForm(c)
    const form = await formFields(c)

    return attempt(c, async () => {
      await updateResident(c.get('deps'), c.get('actor'), c.get('meta'), village.code, row.id, form, form.reason ?? '')
      return c.redirect(`${base(c)}/${row.id}?tersimpan=1`, 303)
    }, (f) => c.render(<ResidentFormPage village={village} form={form} errors={f.fields} message={f.message} residentId={row.id} title={`Ubah data ${row.name}`} action={`${base(c)}/${row.id}/ubah`} />))
  })

  const departure = (c: Context<AppEnv>): Departure => {
    const k = c.req.param('kind') as Departure
    if (!DEPARTURES.includes(k)) throw notFound()
    return k
  }

  app.get('/penduduk/:id/peristiwa/:kind', async (c) => {
    const kind = departure(c)
    const { row } = await getResidentForStaff(c.get('deps'), c.get('actor'), c.get('village').code, c.req.param('id'))
    authorizeVillage(c.get('actor'), c.get('village').code, 'resident.write')

    return c.render(<DeparturePage village={c.get('village')} r={row} kind={kind} form={{ date: todayWita(), moveType: '1' }} />)
  })

  app.post('/penduduk/:id/peristiwa/:kind', async (c) => {
    const kind = departure(c)
    const village = c.get('village')
    const { row } = await getResidentForStaff(c.get('deps'), c.get('actor'), village.code, c.req.param('id'))
    const form = await formFields(c)

    return attempt(c, async () => {
      await recordDeparture(c.get('deps'), c.get('actor'), c.get('meta'), village.code, row.id, kind, form)
      return c.redirect(`${base(c)}/${row.id}?tersimpan=1`, 303)
    }, (f) => c.render(<DeparturePage village={village} r={row} kind={kind} form={form} errors={f.fields} message={f.message} />))
  })

  app.get('/keluarga/:familyId', async (c) => {
    const village = c.get('village')
    const { family, members } = await getFamilyForStaff(c.get('deps'), c.get('actor'), village.code, c.req.param('familyId'))

    return c.render(<FamilyPage village={village} family={family} members={members} canWrite={staffCan(c.get('actor'), village.code, 'resident.write')} />)
  })

  app.get('/keluarga/:familyId/lahir', async (c) => {
    const { family } = await getFamilyForStaff(c.get('deps'), c.get('actor'), c.get('village').code, c.req.param('familyId'))
    authorizeVillage(c.get('actor'), c.get('village').code, 'resident.write')

    return c.render(<BirthPage village={c.get('village')} family={family} form={{ tanggallahir: todayWita(), tempatlahir: 'Barabai' }} />)
  })

  app.post('/keluarga/:familyId/lahir', async (c) => {
    const village = c.get('village')
    const { family } = await getFamilyForStaff(c.get('deps'), c.get('actor'), village.code, c.req.param('familyId'))
    const form = await formFields(c)

    return attempt(c, async () => {
      const r = await recordBirth(c.get('deps'), c.get('actor'), c.get('meta'), village.code, family.id, form)
      return c.redirect(`${base(c)}/${r.id}?tersimpan=1`, 303)
    }, (f) => c.render(<BirthPage village={village} family={family} form={form} errors={f.fields} message={f.message} />))
  })

  app.get('/keluarga/:familyId/pisah', async (c) => {
    const { family, members } = await getFamilyForStaff(c.get('deps'), c.get('actor'), c.get('village').code, c.req.param('familyId'))
    authorizeVillage(c.get('actor'), c.get('village').code, 'resident.write')

    return c.render(<SplitPage village={c.get('village')} family={family} members={members} form={{ date: todayWita() }} chosen={[]} />)
  })

  app.post('/keluarga/:familyId/pisah', async (c) => {
    const village = c.get('village')
    const { family, members } = await getFamilyForStaff(c.get('deps'), c.get('actor'), village.code, c.req.param('familyId'))
    const body = await c.req.parseBody({ all: true })
    const form = await formFields(c)
    const chosen = ([] as unknown[]).concat(body.members ?? []).filter((v): v is string => typeof v === 'string')

    return attempt(c, async () => {
      const id = await splitFamily(c.get('deps'), c.get('actor'), c.get('meta'), village.code, family.id, form, chosen)
      return c.redirect(`/staf/desa/${village.code}/keluarga/${id}`, 303)
    }, (f) => c.render(<SplitPage village={village} family={family} members={members} form={form} chosen={chosen} errors={f.fields} message={f.message} />))
  })

  app.get('/mutasi', async (c) => {
    const village = c.get('village')
    const filters = c.req.query()
    const r = await listEvents(c.get('deps'), c.get('actor'), village.code, filters)

    return c.render(<MutationBookPage village={village} rows={r.rows} page={r.page} hasNext={r.hasNext} filters={filters} />)
  })

  app.get('/statistik', async (c) => {
    const village = c.get('village')
    const s = await statisticsForStaff(c.get('deps'), c.get('actor'), village.code)

    return c.render(<StaffStatisticsPage title={`Statistik Penduduk ${village.name}`} s={s} village={village} areaTitle="Penduduk per dusun" />)
  })

  return app
}

/** /staf/wilayah/statistik: the same figures for a district or the regency. */
export function residentRegionRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/statistik', async (c) => {
    const actor = c.get('actor')
    const scope = actor?.kind === 'staff' ? actor.scope : ''
    authorizeScope(actor, scope, 'statistics.read')
    if (isVillageCode(scope)) throw new AppError('NOT_FOUND')
    const deps = c.get('deps')
    const s = await statisticsForStaff(deps, actor, scope)
    const name = await regionName(deps.db, scope)

    return c.render(<StaffStatisticsPage title={`Statistik Penduduk ${name}`} s={s} areaTitle={isDistrictCode(scope) ? 'Penduduk per desa' : 'Penduduk per kecamatan'} />)
  })

  return app
}

/** Public aggregate page of a live village: counts only. */
export function residentPublicRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/desa/:code/statistik', async (c) => {
    const village = await getLiveVillage(c.get('deps'), c.req.param('code'))
    c.header('cache-control', 'public, max-age=300')

    return c.render(<PublicStatisticsPage village={village} s={await populationStatistics(c.get('deps'), village.code)} />)
  })

  return app
}

/** /warga/data/koreksi: a signed-in resident asks for a correction of their record. */
export function residentCitizenRoutes() {
  const app = new Hono<AppEnv>()
  app.use('/warga/data/koreksi', requireCitizen)
  app.get('/warga/data/koreksi', (c) => c.render(<CorrectionRequestPage sent={c.req.query('terkirim') === '1'} />))
  app.post('/warga/data/koreksi', async (c) => {
    const form = await formFields(c)

    return attempt(c, async () => {
      await requestCorrection(c.get('deps'), c.get('actor') as CitizenActor, c.get('meta'), form.message ?? '')
      return c.redirect('/warga/data/koreksi?terkirim=1', 303)
    }, (f) => c.render(<CorrectionRequestPage message={form.message} errors={f.fields} />))
  })

  return app
}
