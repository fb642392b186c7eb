import type { Deps } from '../deps.ts'
import { SYSTEM_META } from '../auth/actor.ts'
import { findStaffByUsername } from '../auth/staff.repository.ts'
import { getStaffActor } from '../auth/staff.service.ts'
import type { DemoResult } from '../demo/demo.ts'
import { getLiveVillage } from '../tenancy/village.service.ts'
import { findComplaintIdByTrackingCode, replyToComplaint, setComplaintPublished, submitComplaint } from '../complaints/complaint.service.ts'
import { addAgenda, addOfficial, createPost, getProfile, updateProfile } from './portal.service.ts'

const OFFICIALS = [
  ['Sekretaris Desa', 10], ['Kaur Keuangan', 20], ['Kaur Umum dan Perencanaan', 30], ['Kasi Pemerintahan', 40],
  ['Kasi Kesejahteraan dan Pelayanan', 50], ['Kepala Dusun I', 60], ['Kepala Dusun II', 70],
] as const

const NAMES = ['Siti Mariam', 'Ahmad Fauzi', 'Nurhayati', 'Muhammad Arsyad', 'Rusdiana', 'Abdul Kadir', 'Hj. Masitah', 'Fahrul Razi', 'Jamilah', 'Saidah', 'Rahmadi', 'Norhasanah']

const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10)

/**
 * Demo step: profile text, officials, a few news items and announcements, an agenda entry and
 * one answered, published complaint for each model village, written through the services as
 * the village admin (so the audit trail shows them). Skipped for a village whose profile is
 * already filled.
 */
export async function portalDemoStep(deps: Deps, result: DemoResult): Promise<void> {
  for (const [i, v] of result.villages.entries()) {
    if ((await getProfile(deps, v.code)).updatedAt) continue
    const account = result.accounts.find((a) => a.role === 'village_admin' && a.scope === v.code)
    const row = account ? await findStaffByUsername(deps.db, account.username) : undefined
    const actor = row ? await getStaffActor(deps, row.id) : null
    if (!actor) continue
    const village = await getLiveVillage(deps, v.code)
    await updateProfile(deps, actor, SYSTEM_META, v.code, {
      history: `Desa ${village.name} adalah salah satu desa tertua di Kecamatan ${village.districtName}, tumbuh di tepi Sungai Barabai sebagai kampung petani padi dan pekebun karet.\n\nSejak November 2018 ${village.name} menjadi salah satu dari empat desa percontohan program **Sapa Si Gadis** Kabupaten Hulu Sungai Tengah untuk sistem informasi dan pelayanan desa terpadu secara daring.`,
      geography: `- Wilayah: dataran rendah dan sawah tadah hujan\n- Dusun: 2 dusun, ${4 + i} RT\n- Jarak ke ibu kota kabupaten (Barabai): sekitar ${2 + i} km`,
      vision: `Terwujudnya Desa ${village.name} yang maju, mandiri, agamis dan sejahtera melalui pelayanan yang cepat dan terbuka.`,
      mission: '1. Memberikan pelayanan administrasi yang cepat, gratis dan dapat dipantau secara daring.\n2. Menyajikan data penduduk yang akurat setiap saat.\n3. Mendorong usaha warga dan BUMDes.\n4. Menjaga kebersihan dan kelestarian lingkungan desa.',
    })
    for (const [j, [position, order]] of OFFICIALS.entries()) {
      await addOfficial(deps, actor, SYSTEM_META, v.code, { name: NAMES[(i * 3 + j) % NAMES.length], position, sortOrder: order })
    }
    await createPost(deps, actor, SYSTEM_META, v.code, {
      kind: 'pengumuman', title: 'Layanan surat kini dapat diajukan secara daring',
      body: `Warga Desa ${village.name} kini dapat mengajukan surat keterangan tanpa datang ke kantor desa.\n\n1. Masuk ke **layanan mandiri warga** dengan NIK dan PIN.\n2. Pilih jenis surat dan lengkapi isian.\n3. Ikuti status permohonan; surat yang sudah ditandatangani dapat diunduh.\n\nPIN dapat diminta di kantor desa pada jam pelayanan. Layanan ini **gratis**.`,
    }, null, true)
    await createPost(deps, actor, SYSTEM_META, v.code, {
      kind: 'berita', title: `Gotong royong membersihkan saluran air di ${village.name}`,
      body: `Warga dan perangkat Desa ${village.name} bergotong royong membersihkan saluran air menjelang musim hujan. Kegiatan dimulai pukul 07.30 WITA dan diikuti warga dari kedua dusun.\n\nPembakal menyampaikan terima kasih kepada seluruh warga yang hadir.`,
    }, null, true)
    await createPost(deps, actor, SYSTEM_META, v.code, {
      kind: 'berita', title: 'Posyandu balita dan lansia bulan ini',
      body: 'Posyandu balita dan lansia dilaksanakan di balai desa. Bawa **buku KIA** untuk balita dan kartu berobat untuk lansia.',
    }, null, true)
    // One answered and published complaint, so the public complaint page shows how it works.
    const { trackingCode } = await submitComplaint(deps, null, { ...SYSTEM_META, ip: `demo-${v.code}` }, v.code, {
      category: 'infrastruktur', anonymous: '1', body: 'Lampu penerangan jalan di dekat jembatan dusun II padam sejak dua minggu, jalan menjadi gelap dan rawan pada malam hari.',
    }, null)
    const complaint = await findComplaintIdByTrackingCode(deps, trackingCode)
    await replyToComplaint(deps, actor, SYSTEM_META, v.code, complaint, { reply: 'Terima kasih atas laporannya. Lampu sudah diganti oleh petugas desa bersama ketua RT pada hari Sabtu.', status: 'selesai' })
    await setComplaintPublished(deps, actor, SYSTEM_META, v.code, complaint, { publish: '1', publicText: 'Lampu penerangan jalan di dekat jembatan dusun II padam sejak dua minggu.' })
    await addAgenda(deps, actor, SYSTEM_META, v.code, { title: 'Musyawarah Desa penyusunan RKP Desa', eventDate: day(7 + i), eventTime: '09.00', place: `Balai Desa ${village.name}`, description: 'Terbuka untuk seluruh warga, BPD dan lembaga kemasyarakatan desa.' })
  }
}
