import type { LetterPdfInput } from './letter-pdf.ts'

/**
 * A typical one-page letter of a model village, for tests, the benchmark and previews: names
 * with diacritics, a key–value table, an electronic signature. Override what a case needs.
 */
export function sampleLetter(over: Partial<LetterPdfInput> = {}): LetterPdfInput {
  return {
    paperSize: 'F4',
    letterhead: {
      lines: ['PEMERINTAH KABUPATEN HULU SUNGAI TENGAH', 'KECAMATAN BARABAI', 'DESA BANUA JINGAH'],
      address: 'Jalan Murakata No. 1, Barabai 71311',
    },
    title: 'SURAT KETERANGAN DOMISILI',
    number: '470/001/63.07.06.2014/XII/2026',
    bodyMarkup: [
      'Yang bertanda tangan di bawah ini Pembakal Banua Jingah, Kecamatan Barabai, Kabupaten Hulu Sungai Tengah, menerangkan dengan sebenarnya bahwa:',
      '| Nama | **Ṣāliḥ Nguyễn** |\n| NIK | 6307061204900001 |\n| Tempat/Tanggal Lahir | Barabai, 12 April 1990 |\n| Pekerjaan | Petani/Pekebun |\n| Alamat | RT 003 RW 001 Dusun Hilir |',
      'Orang tersebut di atas adalah benar penduduk yang berdomisili di Desa Banua Jingah sejak tahun 2010 sampai dengan sekarang.',
      'Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.',
    ].join('\n\n'),
    place: 'Banua Jingah',
    date: '4 Desember 2026',
    signature: { title: 'Pembakal Banua Jingah', name: 'H. Ahmad Rizani', mode: 'electronic' },
    qr: { url: 'https://balai.example/v/ABCDEFGHJKLMNPQRSTUVWXYZ', caption: 'Pindai untuk memeriksa keaslian surat ini' },
    createdAt: new Date('2026-12-04T02:00:00Z'),
    ...over,
  }
}
