import type { Deps } from '../deps.ts'
import type { Tile } from '../tenancy/village.tiles.ts'
import { registerTileProvider } from '../tenancy/village.tiles.ts'
import { registerCitizenHomeSection } from '../citizens/citizen.home.ts'
import { countResidents } from './resident.service.ts'
import { countOpenCorrections } from './correction.service.ts'

/** Figures on the village's staff home: active residents, families, corrections waiting. */
export async function residentTiles(deps: Deps, villageCode: string): Promise<Tile[]> {
  const families = await deps.db.selectFrom('families').select((e) => e.fn.countAll().as('n')).where('village_code', '=', villageCode).executeTakeFirstOrThrow()
  const open = await countOpenCorrections(deps, villageCode)

  return [
    { label: 'Penduduk aktif', value: (await countResidents(deps, villageCode)).toLocaleString('id-ID'), href: `/staf/desa/${villageCode}/penduduk` },
    { label: 'Kartu keluarga', value: Number(families.n).toLocaleString('id-ID'), href: `/staf/desa/${villageCode}/statistik` },
    ...(open ? [{ label: 'Permintaan koreksi data', value: open, href: `/staf/desa/${villageCode}/penduduk/koreksi` }] : []),
  ]
}

registerTileProvider(residentTiles)

registerCitizenHomeSection(async () => ({
  title: 'Data keliru?',
  order: 80,
  body: <p>Bila data Anda di register penduduk keliru, <a href="/warga/data/koreksi">minta koreksi data</a>; operator desa akan menanggapinya.</p>,
}))
