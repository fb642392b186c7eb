/**
 * The letter catalogue shipped with Balai (regulation.md §7, opensid.md §3.1). The regency may
 * edit a type (name, classification, requirements, time, validity, template, online flag) and a
 * village may switch a type off or override its online flag, time and template; what is stored
 * is only the edit, so a type nobody touched follows the shipped definition.
 */

export type FieldType = 'text' | 'textarea' | 'date' | 'number' | 'choice' | 'resident' | 'group'

export interface FieldDef {
  name: string
  label: string
  type: FieldType
  required: boolean
  hint?: string
  /** choice */
  options?: string[]
  /** number: a sum of money, printed with thousands separators (1.200.000) */
  amount?: boolean
  /** group: the fields of one row, and how many rows at least */
  fields?: FieldDef[]
  minItems?: number
}

export interface LetterTypeDef {
  code: string
  name: string
  /** printed as the letter's title, upper case */
  title: string
  classificationCode: string
  online: boolean
  requirements: string[]
  fields: FieldDef[]
  /** expected completion in working hours */
  slaHours: number
  validityDays: number
  template: string
}

/** Same-day service is 8 working hours; letters needing field checks get three working days. */
const SAME_DAY = 8
const THREE_DAYS = 24

const KTP_KK = ['Fotokopi KTP-el', 'Fotokopi Kartu Keluarga']

const OPENING = `Yang bertanda tangan di bawah ini, {{ kepala.jabatan }} {{ desa.nama }}, Kecamatan {{ desa.kecamatan }}, {{ desa.kabupaten }}, dengan ini menerangkan bahwa:`

const IDENTITY = `| Nama | **{{ penduduk.nama }}** |
| NIK | {{ penduduk.nik }} |
| Nomor KK | {{ penduduk.no_kk }} |
| Tempat/Tanggal Lahir | {{ penduduk.ttl }} |
| Jenis Kelamin | {{ penduduk.jenis_kelamin }} |
| Agama | {{ penduduk.agama }} |
| Status Perkawinan | {{ penduduk.status_perkawinan }} |
| Pekerjaan | {{ penduduk.pekerjaan }} |
| Kewarganegaraan | {{ penduduk.kewarganegaraan }} |
| Alamat | {{ penduduk.alamat }} |`

const CLOSING = `Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya. Surat ini berlaku sampai dengan {{ surat.berlaku_sampai }}.`

const body = (middle: string) => `${OPENING}\n\n${IDENTITY}\n\n${middle.trim()}\n\n${CLOSING}`

const keperluan: FieldDef = { name: 'keperluan', label: 'Keperluan', type: 'text', required: true, hint: 'Untuk apa surat ini dipakai, mis. melamar pekerjaan.' }

export const SHIPPED_LETTER_TYPES: readonly LetterTypeDef[] = [
  {
    code: 'domisili',
    name: 'Surat Keterangan Domisili',
    title: 'SURAT KETERANGAN DOMISILI',
    classificationCode: '400.8.1',
    online: true,
    requirements: [...KTP_KK, 'Surat pengantar RT (bagi pendatang)'],
    fields: [
      keperluan,
      { name: 'sejak', label: 'Berdomisili sejak tanggal', type: 'date', required: false },
    ],
    slaHours: SAME_DAY,
    validityDays: 30,
    template: body(`adalah benar penduduk yang berdomisili di {{ penduduk.alamat }}, {{ desa.sebutan }} {{ desa.nama }}{% if isian.sejak != "" %} sejak tanggal {{ isian.sejak }}{% endif %}.

Surat keterangan ini diberikan untuk keperluan **{{ isian.keperluan }}**.`),
  },
  {
    code: 'sktm',
    name: 'Surat Keterangan Tidak Mampu (SKTM)',
    title: 'SURAT KETERANGAN TIDAK MAMPU',
    classificationCode: '100.3.2.2',
    online: true,
    requirements: [...KTP_KK, 'Surat pengantar RT', 'Surat pernyataan tidak mampu diketahui 2 saksi'],
    fields: [
      keperluan,
      { name: 'penghasilan', label: 'Penghasilan keluarga per bulan (Rp)', type: 'number', required: true, amount: true },
      { name: 'tanggungan', label: 'Jumlah tanggungan (orang)', type: 'number', required: true },
    ],
    slaHours: THREE_DAYS,
    validityDays: 30,
    template: body(`adalah benar penduduk {{ desa.sebutan }} {{ desa.nama }} yang menurut pengamatan kami tergolong keluarga tidak mampu, dengan penghasilan keluarga sebesar Rp{{ isian.penghasilan }} per bulan dan menanggung {{ isian.tanggungan }} orang.

Surat keterangan ini diberikan untuk keperluan **{{ isian.keperluan }}**.`),
  },
  {
    code: 'usaha',
    name: 'Surat Keterangan Usaha',
    title: 'SURAT KETERANGAN USAHA',
    classificationCode: '500.2',
    online: true,
    requirements: [...KTP_KK, 'Foto tempat usaha'],
    fields: [
      { name: 'nama_usaha', label: 'Nama usaha', type: 'text', required: true },
      { name: 'jenis_usaha', label: 'Jenis usaha', type: 'text', required: true, hint: 'Mis. warung sembako, bengkel, anyaman purun.' },
      { name: 'alamat_usaha', label: 'Alamat usaha', type: 'text', required: true },
      { name: 'mulai_tahun', label: 'Usaha berjalan sejak tahun', type: 'number', required: true },
      keperluan,
    ],
    slaHours: SAME_DAY,
    validityDays: 180,
    template: body(`adalah benar mempunyai usaha sebagai berikut:

| Nama Usaha | {{ isian.nama_usaha }} |
| Jenis Usaha | {{ isian.jenis_usaha }} |
| Alamat Usaha | {{ isian.alamat_usaha }} |
| Berjalan Sejak | Tahun {{ isian.mulai_tahun }} |

Surat keterangan ini diberikan untuk keperluan **{{ isian.keperluan }}**.`),
  },
  {
    code: 'pengantar',
    name: 'Surat Pengantar',
    title: 'SURAT PENGANTAR',
    classificationCode: '100.3.2.2',
    online: true,
    requirements: [...KTP_KK],
    fields: [keperluan, { name: 'keterangan', label: 'Keterangan lain', type: 'textarea', required: false }],
    slaHours: SAME_DAY,
    validityDays: 30,
    template: body(`adalah benar penduduk {{ desa.sebutan }} {{ desa.nama }}. Surat pengantar ini diberikan untuk keperluan **{{ isian.keperluan }}**.{% if isian.keterangan != "" %} {{ isian.keterangan }}{% endif %}`),
  },
  {
    code: 'skck',
    name: 'Surat Pengantar SKCK',
    title: 'SURAT PENGANTAR CATATAN KEPOLISIAN',
    classificationCode: '100.3.2.2',
    online: true,
    requirements: [...KTP_KK, 'Fotokopi akta kelahiran', 'Pas foto 4×6 latar merah'],
    fields: [keperluan],
    slaHours: SAME_DAY,
    validityDays: 30,
    template: body(`adalah benar penduduk {{ desa.sebutan }} {{ desa.nama }} yang sepanjang pengetahuan kami berkelakuan baik dan tidak pernah tersangkut perkara pidana.

Surat pengantar ini diberikan untuk mengurus Surat Keterangan Catatan Kepolisian (SKCK) guna keperluan **{{ isian.keperluan }}**.`),
  },
  {
    code: 'kelahiran',
    name: 'Surat Keterangan Kelahiran',
    title: 'SURAT KETERANGAN KELAHIRAN',
    classificationCode: '400.8.2',
    online: true,
    requirements: [...KTP_KK, 'Fotokopi buku nikah/akta perkawinan orang tua', 'Surat keterangan dari bidan/penolong (bila ada)'],
    fields: [
      { name: 'nama_bayi', label: 'Nama bayi', type: 'text', required: true },
      { name: 'jenis_kelamin_bayi', label: 'Jenis kelamin bayi', type: 'choice', required: true, options: ['Laki-laki', 'Perempuan'] },
      { name: 'tempat_lahir_bayi', label: 'Tempat kelahiran', type: 'text', required: true, hint: 'Mis. rumah, di Desa Banua Jingah.' },
      { name: 'tanggal_lahir_bayi', label: 'Tanggal lahir', type: 'date', required: true },
      { name: 'jam_lahir', label: 'Pukul (WITA)', type: 'text', required: false },
      { name: 'anak_ke', label: 'Anak ke-', type: 'number', required: true },
      { name: 'penolong', label: 'Penolong kelahiran', type: 'choice', required: true, options: ['Dokter', 'Bidan/Perawat', 'Dukun', 'Lainnya'] },
      { name: 'ibu', label: 'NIK ibu', type: 'resident', required: true },
      { name: 'ayah', label: 'NIK ayah', type: 'resident', required: false },
    ],
    slaHours: SAME_DAY,
    validityDays: 30,
    template: `${OPENING}

| Nama | **{{ isian.nama_bayi }}** |
| Jenis Kelamin | {{ isian.jenis_kelamin_bayi }} |
| Tempat Lahir | {{ isian.tempat_lahir_bayi }} |
| Tanggal Lahir | {{ isian.tanggal_lahir_bayi }}{% if isian.jam_lahir != "" %} pukul {{ isian.jam_lahir }} WITA{% endif %} |
| Anak Ke- | {{ isian.anak_ke }} |
| Penolong Kelahiran | {{ isian.penolong }} |

adalah anak dari seorang ibu bernama **{{ isian.ibu.nama }}** (NIK {{ isian.ibu.nik }}){% if isian.ayah.nama != "" %} dan seorang ayah bernama **{{ isian.ayah.nama }}** (NIK {{ isian.ayah.nik }}){% endif %}, beralamat di {{ isian.ibu.alamat }}.

Keterangan ini dilaporkan oleh:

${IDENTITY}

${CLOSING}`,
  },
  {
    code: 'kematian',
    name: 'Surat Keterangan Kematian',
    title: 'SURAT KETERANGAN KEMATIAN',
    classificationCode: '400.8.2',
    online: true,
    requirements: [...KTP_KK, 'Surat keterangan kematian dari rumah sakit/puskesmas (bila ada)'],
    fields: [
      { name: 'almarhum', label: 'NIK almarhum/almarhumah', type: 'resident', required: true },
      { name: 'tanggal_meninggal', label: 'Tanggal meninggal', type: 'date', required: true },
      { name: 'tempat_meninggal', label: 'Tempat meninggal', type: 'text', required: true },
      { name: 'sebab', label: 'Sebab kematian', type: 'choice', required: true, options: ['Sakit biasa/tua', 'Wabah penyakit', 'Kecelakaan', 'Kriminalitas', 'Bunuh diri', 'Lainnya'] },
      { name: 'hubungan_pelapor', label: 'Hubungan pelapor dengan almarhum', type: 'text', required: true },
    ],
    slaHours: SAME_DAY,
    validityDays: 30,
    template: `${OPENING}

| Nama | **{{ isian.almarhum.nama }}** |
| NIK | {{ isian.almarhum.nik }} |
| Tempat/Tanggal Lahir | {{ isian.almarhum.ttl }} |
| Jenis Kelamin | {{ isian.almarhum.jenis_kelamin }} |
| Alamat | {{ isian.almarhum.alamat }} |

telah meninggal dunia pada tanggal {{ isian.tanggal_meninggal }} di {{ isian.tempat_meninggal }} karena {{ isian.sebab }}.

Kematian tersebut dilaporkan oleh {{ penduduk.nama }} (NIK {{ penduduk.nik }}), {{ isian.hubungan_pelapor }} almarhum/almarhumah.

Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.`,
  },
  {
    code: 'pindah',
    name: 'Surat Keterangan Pindah',
    title: 'SURAT KETERANGAN PINDAH',
    classificationCode: '400.8.1',
    online: true,
    requirements: [...KTP_KK],
    fields: [
      { name: 'alasan', label: 'Alasan pindah', type: 'choice', required: true, options: ['Pekerjaan', 'Pendidikan', 'Keamanan', 'Kesehatan', 'Perumahan', 'Keluarga', 'Lainnya'] },
      { name: 'alamat_tujuan', label: 'Alamat tujuan (jalan, RT/RW)', type: 'text', required: true },
      { name: 'desa_tujuan', label: 'Desa/kelurahan tujuan', type: 'text', required: true },
      { name: 'kecamatan_tujuan', label: 'Kecamatan tujuan', type: 'text', required: true },
      { name: 'kabupaten_tujuan', label: 'Kabupaten/kota tujuan', type: 'text', required: true },
      { name: 'provinsi_tujuan', label: 'Provinsi tujuan', type: 'text', required: true },
      {
        name: 'pengikut', label: 'Anggota keluarga yang ikut pindah', type: 'group', required: false, minItems: 0,
        fields: [
          { name: 'nama', label: 'Nama', type: 'text', required: true },
          { name: 'nik', label: 'NIK', type: 'text', required: true },
          { name: 'hubungan', label: 'Hubungan keluarga', type: 'text', required: true },
        ],
      },
    ],
    slaHours: THREE_DAYS,
    validityDays: 30,
    template: body(`adalah benar penduduk {{ desa.sebutan }} {{ desa.nama }} yang akan pindah dengan alasan {{ isian.alasan }} ke alamat:

| Alamat | {{ isian.alamat_tujuan }} |
| Desa/Kelurahan | {{ isian.desa_tujuan }} |
| Kecamatan | {{ isian.kecamatan_tujuan }} |
| Kabupaten/Kota | {{ isian.kabupaten_tujuan }} |
| Provinsi | {{ isian.provinsi_tujuan }} |
{% if isian.pengikut.size > 0 %}
Anggota keluarga yang ikut pindah:

{% for p in isian.pengikut %}{{ forloop.index }}. {{ p.nama }}, NIK {{ p.nik }} ({{ p.hubungan }})
{% endfor %}{% endif %}`),
  },
  {
    code: 'nikah',
    name: 'Surat Pengantar Nikah (N1)',
    title: 'SURAT PENGANTAR PERKAWINAN',
    classificationCode: '400.8.2',
    online: true,
    requirements: [...KTP_KK, 'Fotokopi akta kelahiran', 'Fotokopi KTP orang tua', 'Pas foto 2×3 dan 3×4', 'Akta cerai/surat kematian pasangan (bila pernah menikah)'],
    fields: [
      { name: 'bin_binti', label: 'Bin/binti (nama ayah)', type: 'text', required: true },
      { name: 'calon_nama', label: 'Nama calon pasangan', type: 'text', required: true },
      { name: 'calon_nik', label: 'NIK calon pasangan', type: 'text', required: true },
      { name: 'calon_alamat', label: 'Alamat calon pasangan', type: 'text', required: true },
      { name: 'tanggal_nikah', label: 'Rencana tanggal akad nikah', type: 'date', required: true },
      { name: 'tempat_nikah', label: 'Rencana tempat akad nikah', type: 'text', required: true },
    ],
    slaHours: SAME_DAY,
    validityDays: 90,
    template: body(`| Bin/Binti | {{ isian.bin_binti }} |
| Nama Ayah | {{ penduduk.nama_ayah }} |
| Nama Ibu | {{ penduduk.nama_ibu }} |

adalah benar penduduk {{ desa.sebutan }} {{ desa.nama }} yang akan melangsungkan perkawinan dengan:

| Nama | **{{ isian.calon_nama }}** |
| NIK | {{ isian.calon_nik }} |
| Alamat | {{ isian.calon_alamat }} |

Rencana akad nikah pada tanggal {{ isian.tanggal_nikah }} bertempat di {{ isian.tempat_nikah }}.`),
  },
  {
    code: 'belum_menikah',
    name: 'Surat Keterangan Belum Menikah',
    title: 'SURAT KETERANGAN BELUM MENIKAH',
    classificationCode: '400.8.2',
    online: true,
    requirements: [...KTP_KK, 'Surat pernyataan belum menikah diketahui 2 saksi'],
    fields: [keperluan],
    slaHours: SAME_DAY,
    validityDays: 30,
    template: body(`adalah benar penduduk {{ desa.sebutan }} {{ desa.nama }} dan menurut data kependudukan serta sepengetahuan kami sampai saat ini belum pernah menikah.

Surat keterangan ini diberikan untuk keperluan **{{ isian.keperluan }}**.`),
  },
  {
    code: 'penghasilan_ortu',
    name: 'Surat Keterangan Penghasilan Orang Tua',
    title: 'SURAT KETERANGAN PENGHASILAN ORANG TUA',
    classificationCode: '100.3.2.2',
    online: true,
    requirements: [...KTP_KK, 'Kartu pelajar/mahasiswa'],
    fields: [
      { name: 'penghasilan_ayah', label: 'Penghasilan ayah per bulan (Rp)', type: 'number', required: true, amount: true },
      { name: 'penghasilan_ibu', label: 'Penghasilan ibu per bulan (Rp)', type: 'number', required: true, amount: true },
      { name: 'sekolah', label: 'Nama sekolah/perguruan tinggi', type: 'text', required: true },
      { name: 'kelas', label: 'Kelas/semester', type: 'text', required: true },
      keperluan,
    ],
    slaHours: SAME_DAY,
    validityDays: 30,
    template: body(`adalah benar pelajar/mahasiswa pada {{ isian.sekolah }} kelas/semester {{ isian.kelas }}, anak dari:

| Nama Ayah | {{ penduduk.nama_ayah }} |
| Penghasilan Ayah | Rp{{ isian.penghasilan_ayah }} per bulan |
| Nama Ibu | {{ penduduk.nama_ibu }} |
| Penghasilan Ibu | Rp{{ isian.penghasilan_ibu }} per bulan |

Surat keterangan ini diberikan untuk keperluan **{{ isian.keperluan }}**.`),
  },
  {
    code: 'beda_identitas',
    name: 'Surat Keterangan Beda Identitas',
    title: 'SURAT KETERANGAN BEDA IDENTITAS',
    classificationCode: '400.8.1',
    online: true,
    requirements: [...KTP_KK, 'Fotokopi dokumen yang datanya berbeda'],
    fields: [
      { name: 'dokumen', label: 'Nama dokumen yang berbeda', type: 'text', required: true, hint: 'Mis. ijazah SMA, kartu BPJS.' },
      { name: 'nomor_dokumen', label: 'Nomor dokumen', type: 'text', required: true },
      { name: 'data_dokumen', label: 'Data yang tertulis pada dokumen tersebut', type: 'text', required: true },
      { name: 'perbedaan', label: 'Bagian yang berbeda', type: 'text', required: true, hint: 'Mis. ejaan nama, tanggal lahir.' },
      keperluan,
    ],
    slaHours: THREE_DAYS,
    validityDays: 90,
    template: body(`adalah benar orang yang sama dengan yang tercantum pada {{ isian.dokumen }} nomor {{ isian.nomor_dokumen }} dengan data tertulis "{{ isian.data_dokumen }}". Perbedaan terdapat pada {{ isian.perbedaan }}.

Surat keterangan ini diberikan untuk keperluan **{{ isian.keperluan }}**.`),
  },
  {
    code: 'kehilangan',
    name: 'Surat Pengantar Laporan Kehilangan',
    title: 'SURAT PENGANTAR LAPORAN KEHILANGAN',
    classificationCode: '100.3.2.2',
    online: true,
    requirements: [...KTP_KK],
    fields: [
      { name: 'barang', label: 'Barang/dokumen yang hilang', type: 'text', required: true },
      { name: 'rincian', label: 'Rincian (nomor, merek, warna)', type: 'text', required: true },
      { name: 'tanggal_kejadian', label: 'Tanggal kejadian', type: 'date', required: true },
      { name: 'tempat_kejadian', label: 'Tempat kejadian', type: 'text', required: true },
      { name: 'kronologi', label: 'Kronologi singkat', type: 'textarea', required: true },
    ],
    slaHours: SAME_DAY,
    validityDays: 30,
    template: body(`adalah benar penduduk {{ desa.sebutan }} {{ desa.nama }} yang melaporkan telah kehilangan:

| Barang | {{ isian.barang }} |
| Rincian | {{ isian.rincian }} |
| Tanggal | {{ isian.tanggal_kejadian }} |
| Tempat | {{ isian.tempat_kejadian }} |

Kronologi: {{ isian.kronologi }}

Surat pengantar ini diberikan untuk melapor kepada Kepolisian.`),
  },
  {
    code: 'keramaian',
    name: 'Surat Pengantar Izin Keramaian',
    title: 'SURAT PENGANTAR IZIN KERAMAIAN',
    classificationCode: '100.3.2.2',
    online: true,
    requirements: [...KTP_KK, 'Surat pengantar RT'],
    fields: [
      { name: 'jenis_acara', label: 'Jenis acara', type: 'text', required: true, hint: 'Mis. resepsi perkawinan, baayun maulid.' },
      { name: 'tanggal_acara', label: 'Tanggal acara', type: 'date', required: true },
      { name: 'waktu_acara', label: 'Waktu acara', type: 'text', required: true, hint: 'Mis. 09.00–16.00 WITA.' },
      { name: 'tempat_acara', label: 'Tempat acara', type: 'text', required: true },
      { name: 'jumlah_undangan', label: 'Perkiraan jumlah undangan', type: 'number', required: true },
      { name: 'hiburan', label: 'Hiburan (bila ada)', type: 'text', required: false },
    ],
    slaHours: SAME_DAY,
    validityDays: 30,
    template: body(`adalah benar penduduk {{ desa.sebutan }} {{ desa.nama }} yang akan menyelenggarakan keramaian sebagai berikut:

| Acara | {{ isian.jenis_acara }} |
| Tanggal | {{ isian.tanggal_acara }} |
| Waktu | {{ isian.waktu_acara }} |
| Tempat | {{ isian.tempat_acara }} |
| Undangan | ± {{ isian.jumlah_undangan }} orang |
| Hiburan | {% if isian.hiburan != "" %}{{ isian.hiburan }}{% else %}Tidak ada{% endif %} |

Pada prinsipnya kami tidak berkeberatan atas penyelenggaraan acara tersebut dengan tetap menjaga ketertiban dan keamanan lingkungan.`),
  },
  {
    code: 'ahli_waris',
    name: 'Surat Keterangan Ahli Waris',
    title: 'SURAT KETERANGAN AHLI WARIS',
    classificationCode: '400.8.2',
    online: true,
    requirements: ['Fotokopi KTP-el dan KK seluruh ahli waris', 'Akta/surat keterangan kematian pewaris', 'Fotokopi akta nikah pewaris', 'Fotokopi akta kelahiran para ahli waris'],
    fields: [
      { name: 'pewaris_nama', label: 'Nama pewaris (almarhum/almarhumah)', type: 'text', required: true },
      { name: 'pewaris_nik', label: 'NIK pewaris', type: 'text', required: true },
      { name: 'tanggal_wafat', label: 'Tanggal wafat pewaris', type: 'date', required: true },
      {
        name: 'ahli_waris', label: 'Daftar ahli waris', type: 'group', required: true, minItems: 1,
        fields: [
          { name: 'nama', label: 'Nama', type: 'text', required: true },
          { name: 'nik', label: 'NIK', type: 'text', required: true },
          { name: 'hubungan', label: 'Hubungan dengan pewaris', type: 'text', required: true },
        ],
      },
      { name: 'saksi_1', label: 'Nama saksi pertama', type: 'text', required: true },
      { name: 'saksi_2', label: 'Nama saksi kedua', type: 'text', required: true },
    ],
    slaHours: THREE_DAYS,
    validityDays: 90,
    template: `${OPENING}

| Nama Pewaris | **{{ isian.pewaris_nama }}** |
| NIK | {{ isian.pewaris_nik }} |
| Tanggal Wafat | {{ isian.tanggal_wafat }} |

semasa hidupnya adalah penduduk {{ desa.sebutan }} {{ desa.nama }} dan meninggalkan ahli waris yang sah sebagai berikut:

{% for w in isian.ahli_waris %}{{ forloop.index }}. {{ w.nama }}, NIK {{ w.nik }}, {{ w.hubungan }}
{% endfor %}
Keterangan ini dimohonkan oleh {{ penduduk.nama }} (NIK {{ penduduk.nik }}) dan disaksikan oleh {{ isian.saksi_1 }} dan {{ isian.saksi_2 }}.

Demikian surat keterangan ini dibuat dengan sebenarnya berdasarkan pernyataan para ahli waris untuk dapat dipergunakan sebagaimana mestinya.`,
  },
]

export const findShippedType = (code: string): LetterTypeDef | undefined => SHIPPED_LETTER_TYPES.find((t) => t.code === code)

/** The service pledge (maklumat pelayanan) every village shows beside its catalogue. */
export const SERVICE_PLEDGE = (villageKind: string, villageName: string, headTitle: string) =>
  `Dengan ini kami, Pemerintah ${villageKind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${villageName}, menyatakan sanggup menyelenggarakan pelayanan surat sesuai standar pelayanan yang telah ditetapkan: tanpa biaya, tepat waktu sesuai janji waktu penyelesaian setiap jenis surat, dengan data yang benar, serta menjaga kerahasiaan data pribadi warga. Apabila kami tidak menepati janji ini, kami siap menerima sanksi sesuai ketentuan peraturan perundang-undangan. — ${headTitle} ${villageName}`
