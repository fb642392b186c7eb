import type { FC } from 'hono/jsx'
import type { TreeDistrict } from '../tenancy/region.ts'
import type { Village } from '../tenancy/village.ts'
import { PublicPage } from '../web/pages.tsx'

export const RegencyHome: FC<{ regencyName: string; districts: TreeDistrict[] }> = ({ regencyName, districts }) => {
  const villages = districts.flatMap((d) => d.villages)
  const live = villages.filter((v) => v.live)

  return (
    <PublicPage meta={{ title: 'Balai', description: `Pelayanan desa terpadu ${regencyName}: ${live.length} desa/kelurahan sudah melayani secara daring.`, path: '/' }}>
      <h1>{regencyName}</h1>
      <p>
        Sistem informasi dan pelayanan desa terpadu: ajukan surat keterangan tanpa datang ke kantor, ikuti prosesnya, dan unduh
        surat yang sudah ditandatangani.
      </p>
      <div class="stats card">
        <div class="stat"><span class="muted">Kecamatan</span><b>{districts.length}</b></div>
        <div class="stat"><span class="muted">Desa/kelurahan</span><b>{villages.length}</b></div>
        <div class="stat"><span class="muted">Sudah aktif</span><b>{live.length}</b></div>
      </div>
      <h2>Kecamatan dan desa</h2>
      <p class="muted small">Desa yang sudah aktif ditandai hijau; pilih untuk membuka portalnya.</p>
      {districts.map((d) => (
        <section class="district card">
          <h3>Kecamatan {d.name}</h3>
          <ul>
            {d.villages.map((v) => (
              <li class={v.live ? 'live' : undefined}>
                {v.live ? (
                  <a href={`/desa/${v.code}`}>{v.kind === 'kelurahan' ? 'Kel. ' : ''}{v.name} <span class="sr-only">(aktif)</span></a>
                ) : (
                  <span>{v.kind === 'kelurahan' ? 'Kel. ' : ''}{v.name}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </PublicPage>
  )
}

export const VillageHome: FC<{ village: Village }> = ({ village }) => (
  <PublicPage meta={{ title: `${village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${village.name}`, description: `Portal resmi ${village.kind} ${village.name}, Kecamatan ${village.districtName}.`, path: `/desa/${village.code}` }} village={village}>
    <div class="card">
      {village.logoFile ? <img src={`/desa/${village.code}/logo.png`} alt={`Logo ${village.name}`} width="72" height="72" style="float:right" /> : null}
      <h1>{village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} {village.name}</h1>
      <p>Kecamatan {village.districtName}, Kabupaten Hulu Sungai Tengah</p>
      <dl class="kv">
        <dt>{village.headTitle}</dt><dd>{village.headName || '—'}</dd>
        <dt>Alamat kantor</dt><dd>{village.address || '—'}</dd>
        <dt>Jam pelayanan</dt><dd>{village.officeHours || '—'}</dd>
        {village.phone ? <><dt>Telepon</dt><dd>{village.phone}</dd></> : null}
      </dl>
    </div>
  </PublicPage>
)
