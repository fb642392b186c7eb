import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { AppError } from '../lib/errors.ts'
import { HEADERS, isKnownHeader, type Cell } from './columns.ts'

/**
 * Reading and writing OpenSID's resident spreadsheet (import-format.md): XLSX through exceljs,
 * CSV with the same headers. NIK-like columns are kept as text end to end.
 */

export const MAX_IMPORT_BYTES = 25 * 1024 * 1024

const bad = (userMessage: string) => new AppError('INVALID_INPUT', { userMessage, fields: { file: userMessage } })

const NUMBER_COLUMNS = new Set(['nik', 'no_kk', 'ayah_nik', 'ibu_nik'])
const DATE_COLUMNS = new Set(['tanggallahir', 'tanggal_akhir_paspor', 'tanggalperkawinan', 'tanggalperceraian'])

export interface SheetRows { format: 'xlsx' | 'csv'; rows: { row: number; cells: Record<string, Cell> }[] }

/** Which kind of file this is, by its first bytes (not by its name, which anyone can change). */
function sniff(bytes: Uint8Array): 'xlsx' | 'xls' | 'text' | 'binary' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx'
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls'
  const head = bytes.subarray(0, 4096)
  for (const b of head) if (b === 0 || (b < 9) || (b > 13 && b < 32 && b !== 27)) return 'binary'

  return 'text'
}

function checkHeaders(headers: string[]): void {
  const unknown = headers.filter((h) => h && !isKnownHeader(h))
  if (unknown.length) {
    throw bad(`Nama kolom tidak dikenal: ${unknown.join(', ')}. Gunakan nama kolom format impor OpenSID (misalnya nik, nama, no_kk, kk_level).`)
  }
  if (!headers.includes('nik')) throw bad('Kolom nik wajib ada pada baris judul.')
}

/** Reads every data row of an import file. @throws INVALID_INPUT for a file that cannot be read */
export async function readImportFile(bytes: Uint8Array): Promise<SheetRows> {
  if (bytes.byteLength === 0) throw bad('Berkas kosong.')
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw bad(`Berkas terlalu besar (maks. ${MAX_IMPORT_BYTES / 1024 / 1024} MB). Pecah menjadi beberapa berkas.`)
  const kind = sniff(bytes)
  if (kind === 'xls') throw bad('Format .xls lama tidak didukung. Simpan ulang berkas sebagai .xlsx lalu unggah kembali.')
  if (kind === 'binary') throw bad('Berkas bukan lembar kerja (XLSX) atau CSV.')
  const out = kind === 'xlsx' ? await readXlsx(bytes) : await readCsv(bytes)
  if (out.rows.length === 0) throw bad('Berkas tidak berisi baris data penduduk.')

  return out
}

function cellValue(v: ExcelJS.CellValue, header: string): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'number') {
    // The streaming reader skips styles, so a date cell arrives as its Excel serial number.
    if (DATE_COLUMNS.has(header) && v > 0 && v < 2958466) return new Date(Math.round((v - 25569) * 86_400_000))
    // A 16-digit number stored as a number has lost its last digits in Excel already.
    if (NUMBER_COLUMNS.has(header) && !Number.isSafeInteger(v)) return `#angka:${v}`
    return Number.isInteger(v) ? String(v) : v
  }
  if (typeof v === 'string' || v instanceof Date) return v
  if (typeof v === 'boolean') return v ? '1' : '0'
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('')
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue, header)
    if ('text' in v) return String(v.text)
    if ('error' in v) return null
  }

  return String(v)
}

// exceljs's streaming reader: about half the CPU of loading the whole workbook model, and
// styles are never parsed.
async function readXlsx(bytes: Uint8Array): Promise<SheetRows> {
  const rows: SheetRows['rows'] = []
  let sawHeader = false
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
      sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit',
    } as never)
    for await (const ws of reader as AsyncIterable<AsyncIterable<ExcelJS.Row> & { name?: string }>) {
      // OpenSID's template keeps its code lists on a sheet that is not data.
      if ((ws.name ?? '').trim().toLowerCase() === 'kode data') {
        for await (const _row of ws) void _row
        continue
      }
      let headers: string[] | null = null
      let ended = false
      for await (const row of ws) {
        if (ended) continue
        const values = row.values as ExcelJS.CellValue[]
        if (!headers) {
          headers = values.map((v) => String(cellValue(v, '') ?? '').trim().toLowerCase())
          if (!headers.some(Boolean)) {
            headers = null
            continue
          }
          checkHeaders(headers.filter(Boolean))
          sawHeader = true
          continue
        }
        // OpenSID stops reading at the template's green "###" end marker in column B.
        if (String(cellValue(values[2], '') ?? '').trim() === '###') {
          ended = true
          continue
        }
        const cells: Record<string, Cell> = {}
        let any = false
        for (let col = 1; col < headers.length; col++) {
          const h = headers[col]
          if (!h) continue
          const v = cellValue(values[col], h)
          if (v !== null && v !== '') any = true
          cells[h] = v
        }
        if (any) rows.push({ row: row.number, cells })
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e
    throw bad('Berkas XLSX rusak atau tidak dapat dibaca.')
  }
  if (!sawHeader) throw bad('Lembar kerja tidak memiliki baris judul kolom.')

  return { format: 'xlsx', rows }
}

/**
 * RFC 4180 records (quoted fields, doubled quotes, CR/LF line ends). Written here rather than
 * through exceljs's CSV reader, which builds a whole worksheet and coerces every cell (16-digit
 * NIKs into floats) and was the slowest step of a CSV import.
 */
export function parseCsv(text: string, delimiter: string): string[][] {
  const out: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  let quoted = false
  const n = text.length
  while (i < n) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i += 1
        continue
      }
      field += ch
      i += 1
      continue
    }
    if (ch === '"' && field === '') {
      quoted = true
    } else if (ch === delimiter) {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      row.push(field)
      out.push(row)
      row = []
      field = ''
      if (ch === '\r' && text[i + 1] === '\n') i += 1
    } else {
      field += ch
    }
    i += 1
  }
  if (quoted) throw bad('Berkas CSV tidak dapat dibaca: ada tanda kutip yang tidak ditutup.')
  if (field !== '' || row.length) {
    row.push(field)
    out.push(row)
  }

  return out
}

async function readCsv(bytes: Uint8Array): Promise<SheetRows> {
  let text = new TextDecoder('utf-8').decode(bytes)
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  // Spreadsheets set to Indonesian write CSV with semicolons.
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ','
  const records = parseCsv(text, delimiter)
  const headers = (records[0] ?? []).map((h) => h.trim().toLowerCase())
  if (!headers.some(Boolean)) throw bad('Berkas CSV tidak memiliki baris judul kolom.')
  checkHeaders(headers.filter(Boolean))
  const rows: SheetRows['rows'] = []
  for (let r = 1; r < records.length; r++) {
    const values = records[r]
    if ((values[1] ?? '').trim() === '###') break
    const cells: Record<string, Cell> = {}
    let any = false
    for (let col = 0; col < headers.length; col++) {
      const h = headers[col]
      if (!h) continue
      const v = values[col] ?? null
      if (v) any = true
      cells[h] = v
    }
    // Row numbers as a spreadsheet shows them: the header is row 1.
    if (any) rows.push({ row: r + 1, cells })
  }

  return { format: 'csv', rows }
}

/** An XLSX in the import format, every cell text so NIKs stay exact. */
export async function writeXlsx(rows: Record<string, string>[], sheetName = 'Data Penduduk'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Balai'
  const ws = wb.addWorksheet(sheetName)
  ws.columns = HEADERS.map((h) => ({ header: h, key: h, width: Math.max(10, h.length + 2), style: { numFmt: '@' } }))
  for (const r of rows) ws.addRow(HEADERS.map((h) => r[h] ?? ''))
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 1 }]

  return new Uint8Array(await wb.xlsx.writeBuffer())
}

/** A CSV in the import format (RFC 4180 quoting). */
export function writeCsv(rows: Record<string, string>[]): string {
  const q = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

  return [HEADERS.join(','), ...rows.map((r) => HEADERS.map((h) => q(r[h] ?? '')).join(','))].join('\n') + '\n'
}
