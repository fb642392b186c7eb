import { HEADERS } from './columns.ts'

/**
 * A realistic, entirely fictional register for demos, tests and benchmarks: families with a
 * head, spouse, children and sometimes a parent; Banjar and Indonesian names; NIKs and KK
 * numbers with the structure of the village's kecamatan; an age pyramid like a rural HST one.
 * Deterministic for a given seed so a demo is reproducible.
 */

export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)

    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const MALE = [
  'Ahmad', 'Muhammad', 'Abdul', 'Rahmat', 'Fauzan', 'Hasan', 'Husin', 'Jailani', 'Syahrani', 'Arbain', 'Taufik', 'Rusdi',
  'Rizky', 'Fahmi', 'Gusti', 'Anang', 'Iyan', 'Aulia', 'Zainal', 'Baseri', 'Masrani', 'Hamdan', 'Saberan', 'Saipul',
  'Mahyudin', 'Norhasan', 'Rahmadi', 'Faisal', 'Yusuf', 'Ilham', 'Ridwan', 'Syarifuddin', 'Mursyid', 'Akhmad', 'Hairani',
]
const FEMALE = [
  'Siti', 'Nur', 'Rahmah', 'Aisyah', 'Fatimah', 'Mariana', 'Salasiah', 'Halimah', 'Rusmini', 'Jamilah', 'Norhayati',
  'Rabiatul', 'Noorlatifah', 'Mahmudah', 'Yuliani', 'Sri', 'Dewi', 'Fitriani', 'Rina', 'Ainun', 'Zahra', 'Galuh',
  'Aluh', 'Masitah', 'Hamidah', 'Syarifah', 'Rukayah', 'Saudah', 'Nafisah', 'Wardah', 'Khadijah', 'Raudah', 'Amelia',
]
const SECOND = [
  'Rahman', 'Hidayat', 'Ansyari', 'Fadillah', 'Noor', 'Rasyid', 'Hakim', 'Ramadhani', 'Mubarak', 'Effendi', 'Saputra',
  'Hasanah', 'Maulida', 'Rizani', 'Fitria', 'Anwar', 'Husaini', 'Arsyad', 'Jumberi', 'Yamani', 'Hamsyah', 'Azhari',
  'Wahyudi', 'Rosyadi', 'Kamal', 'Sapriansyah', 'Mawardi', 'Fadli', 'Syahdan', 'Norjannah', 'Rahayu', 'Zakiah',
]
const PLACES = ['Barabai', 'Barabai', 'Barabai', 'Kandangan', 'Amuntai', 'Banjarmasin', 'Martapura', 'Rantau', 'Tanjung', 'Birayang']
const DUSUN = ['DUSUN I', 'DUSUN II', 'DUSUN III', 'DUSUN IV']
const FARMER_JOBS = [9, 9, 9, 20, 8, 19, 15, 10, 27, 26, 5, 88]

export interface SyntheticOptions { villageCode: string; count: number; seed: number; today: string; taken?: Set<string> }

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/**
 * The serial's residue mod 50 is fixed per village (desa 20xx → xx, kelurahan 100x → 40 + x),
 * so villages of one kecamatan never generate the same NIK, while serials still look varied.
 */
function villagePartition(villageCode: string): number {
  const seg = Number(villageCode.split('.')[3] ?? '2001')

  return seg >= 2000 ? (seg % 100) % 50 : (40 + (seg % 10)) % 50
}

/** Rows in OpenSID's import format (header → text), families together, head first. */
export function syntheticRows(o: SyntheticOptions): Record<string, string>[] {
  const r = rng(o.seed)
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)]
  const prefix = o.villageCode.split('.').slice(0, 3).join('')
  const part = villagePartition(o.villageCode)
  const used = o.taken ?? new Set<string>()
  const thisYear = Number(o.today.slice(0, 4))
  const dusunCount = 2 + Math.floor(r() * 3)

  // 12 digits + a serial k·50 + partition, k from a random start (1–199, never serial 0000).
  const unique = (head: string): string => {
    const start = Math.floor(r() * 199)
    for (let i = 0; i < 199; i++) {
      const n = head + pad(((start + i) % 199 + 1) * 50 + part, 4)
      if (n.length === 16 && !used.has(n)) {
        used.add(n)
        return n
      }
    }
    throw new Error(`no free serial for ${head}`)
  }
  const nik = (birth: string, sex: 1 | 2): string => {
    const [y, m, d] = birth.split('-')
    const head = `${prefix}${pad(Number(d) + (sex === 2 ? 40 : 0))}${m}${y.slice(2)}`
    return unique(head)
  }
  const kk = (): string => {
    const year = thisYear - 1 - Math.floor(r() * 20)

    return unique(`${prefix}${pad(1 + Math.floor(r() * 28))}${pad(1 + Math.floor(r() * 12))}${pad(year % 100)}`)
  }
  const birth = (age: number): string => {
    const y = thisYear - age - (r() < 0.5 ? 1 : 0)
    const m = 1 + Math.floor(r() * 12)
    const d = 1 + Math.floor(r() * 28)
    const s = `${y}-${pad(m)}-${pad(d)}`

    return s > o.today ? `${y - 1}-${pad(m)}-${pad(d)}` : s
  }
  const educationFor = (age: number) => (age < 6 ? 1 : age < 12 ? 2 : age < 16 ? 3 : age < 19 ? 4 : pick([3, 3, 4, 5, 5, 5, 6, 7, 8, 8]))

  const rows: Record<string, string>[] = []
  const person = (p: { name: string; sex: 1 | 2; age: number; shdk: number; kk: string; father?: string; mother?: string; marital: number; area: { dusun: string; rw: string; rt: string; address: string } }) => {
    const b = birth(p.age)
    const job = p.age < 6 ? 1 : p.age < 19 ? 3 : p.sex === 2 && r() < 0.55 ? 2 : pick(FARMER_JOBS)
    const row: Record<string, string> = Object.fromEntries(HEADERS.map((h) => [h, '']))
    Object.assign(row, {
      alamat: p.area.address, dusun: p.area.dusun, rw: p.area.rw, rt: p.area.rt, nama: p.name, no_kk: p.kk, nik: nik(b, p.sex),
      sex: String(p.sex), tempatlahir: pick(PLACES), tanggallahir: b, agama_id: r() < 0.985 ? '1' : pick(['2', '3', '4']),
      pendidikan_kk_id: String(educationFor(p.age)), pekerjaan_id: String(job), status_kawin: String(p.marital),
      kk_level: String(p.shdk), warganegara_id: '1', nama_ayah: p.father ?? '', nama_ibu: p.mother ?? '',
      golongan_darah_id: String(pick([1, 2, 3, 4, 13, 13])), ktp_el: p.age >= 17 ? '2' : '1', status_rekam: p.age >= 17 ? '4' : '1',
      status_dasar: '1', suku: 'Banjar', id_asuransi: String(pick([1, 2, 2, 3])),
    })
    rows.push(row)
  }

  while (rows.length < o.count) {
    const no = kk()
    const rw = pad(1 + Math.floor(r() * 3), 3)
    const area = { dusun: DUSUN[Math.floor(r() * dusunCount)], rw, rt: pad(1 + Math.floor(r() * 4), 3), address: `RT ${Number(rw)}` }
    area.address = `Jl. ${pick(['Keramat', 'Mesjid', 'Pasar', 'Sungai', 'Kebun', 'Pahlawan'])} RT ${Number(area.rt)} RW ${Number(rw)}`
    const headAge = 22 + Math.floor(Math.pow(r(), 1.4) * 55)
    const widow = headAge > 55 && r() < 0.18
    const headSex: 1 | 2 = widow && r() < 0.7 ? 2 : 1
    const surname = pick(SECOND)
    const headName = `${pick(headSex === 1 ? MALE : FEMALE)} ${surname}`
    person({ name: headName, sex: headSex, age: headAge, shdk: 1, kk: no, marital: widow ? 4 : 2, area })
    let wifeName: string | undefined
    if (!widow && rows.length < o.count) {
      wifeName = `${pick(FEMALE)} ${pick(SECOND)}`
      person({ name: wifeName, sex: 2, age: Math.max(18, headAge - Math.floor(r() * 8)), shdk: 3, kk: no, marital: 2, area })
    }
    const children = headAge < 25 ? Math.floor(r() * 2) : Math.floor(r() * 4.2)
    for (let c = 0; c < children && rows.length < o.count; c++) {
      const age = Math.max(0, Math.min(headAge - 20, Math.floor(r() * (headAge - 19))))
      const sex: 1 | 2 = r() < 0.5 ? 1 : 2
      person({ name: `${pick(sex === 1 ? MALE : FEMALE)} ${r() < 0.5 ? surname : pick(SECOND)}`, sex, age, shdk: 4, kk: no, father: headSex === 1 ? headName : '', mother: wifeName ?? (headSex === 2 ? headName : ''), marital: age > 22 && r() < 0.3 ? 2 : 1, area })
    }
    if (headAge < 45 && r() < 0.12 && rows.length < o.count) {
      person({ name: `${pick(FEMALE)} ${pick(SECOND)}`, sex: 2, age: headAge + 22 + Math.floor(r() * 10), shdk: 7, kk: no, marital: 4, area })
    }
  }

  return rows.slice(0, o.count)
}
