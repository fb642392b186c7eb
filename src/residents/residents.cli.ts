import { readFileSync, writeFileSync } from 'node:fs'
import cliProgress from 'cli-progress'
import type { Command } from '../cli.ts'
import { SYSTEM_META } from '../auth/actor.ts'
import { prepareDatabase } from '../main.ts'
import { AppError } from '../lib/errors.ts'
import { normalizeRegionCode } from '../tenancy/region.ts'
import { exportResidentsXlsx, importResidents, type ImportPhase } from './import.service.ts'
import { generateResidents, HST_POPULATION, regencyShares } from './generate.service.ts'

const SYSTEM = { kind: 'system' as const, name: 'cli' }

const PHASE: Record<ImportPhase, string> = { membaca: 'Membaca berkas', memeriksa: 'Memeriksa', menyimpan: 'Menyimpan', selesai: 'Selesai' }

/** A progress bar on stderr when it is a terminal (stdout stays clean for --json). */
function progressBar(enabled: boolean) {
  if (!enabled || !process.stderr.isTTY) return { update: () => {}, stop: () => {} }
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: '{phase} [{bar}] {value}/{total} baris', hideCursor: true }, cliProgress.Presets.shades_classic)
  let started = false

  return {
    update(phase: string, done: number, total: number) {
      if (!started) {
        bar.start(Math.max(total, 1), done, { phase })
        started = true
      }
      bar.setTotal(Math.max(total, 1))
      bar.update(done, { phase })
    },
    stop: () => started && bar.stop(),
  }
}

const villageOf = (v: unknown): string => {
  const code = normalizeRegionCode(String(v ?? ''))
  if (!/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(code)) throw new AppError('INVALID_INPUT', { userMessage: 'Sebutkan desa dengan --village KODE (contoh: 63.07.06.2014).' })

  return code
}

export const RESIDENT_COMMANDS: Record<string, Command> = {
  import: {
    summary: 'Mengimpor penduduk dari XLSX/CSV format OpenSID',
    usage: 'balai import residents --village 63.07.06.2014 BERKAS [--dry-run] [--json]',
    options: { village: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    async run(rt, { values, positionals }) {
      const [what, file] = positionals
      if (what !== 'residents' || !file) {
        console.error('Penggunaan: balai import residents --village KODE BERKAS [--dry-run] [--json]')
        return 2
      }
      await prepareDatabase(rt)
      const village = villageOf(values.village)
      let bytes: Uint8Array
      try {
        bytes = new Uint8Array(readFileSync(file))
      } catch {
        throw new AppError('INVALID_INPUT', { userMessage: `Berkas ${file} tidak dapat dibaca.` })
      }
      const dryRun = Boolean(values['dry-run'])
      const bar = progressBar(!values.json)
      const report = await importResidents(rt, SYSTEM, SYSTEM_META, village, bytes, { dryRun, onProgress: (p, d, t) => bar.update(PHASE[p], d, t) }).finally(() => bar.stop())
      if (values.json) {
        process.stdout.write(JSON.stringify({ rows: report.rows, created: report.created, updated: report.updated, failed: report.failed, duplicates: report.duplicates, errors: report.errors }) + '\n')
      } else {
        console.error(`${dryRun ? 'Uji coba (tidak ada yang disimpan)' : 'Impor selesai'}: ${report.rows} baris, ${report.created} baru, ${report.updated} diperbarui, ${report.failed} gagal, ${report.duplicates} ganda.`)
        for (const e of report.errors) console.error(`  baris ${e.row}, kolom ${e.column}: ${e.message}`)
      }

      return report.failed + report.duplicates > 0 ? 3 : 0
    },
  },
  export: {
    summary: 'Mengekspor penduduk satu desa ke XLSX format impor',
    usage: 'balai export residents --village 63.07.06.2014 BERKAS.xlsx',
    options: { village: { type: 'string' } },
    async run(rt, { values, positionals }) {
      const [what, file] = positionals
      if (what !== 'residents' || !file) {
        console.error('Penggunaan: balai export residents --village KODE BERKAS.xlsx')
        return 2
      }
      await prepareDatabase(rt)
      writeFileSync(file, await exportResidentsXlsx(rt, SYSTEM, SYSTEM_META, villageOf(values.village)))
      console.error(`Register ditulis ke ${file}.`)
    },
  },
  generate: {
    summary: 'Membuat penduduk sintetis (demo dan uji kinerja)',
    usage: 'balai generate residents --village KODE --count N | balai generate residents --regency [--total 271505]',
    options: { village: { type: 'string' }, count: { type: 'string' }, regency: { type: 'boolean' }, total: { type: 'string' }, seed: { type: 'string' } },
    async run(rt, { values, positionals }) {
      if (positionals[0] !== 'residents') {
        console.error('Penggunaan: balai generate residents --village KODE --count N | --regency [--total N]')
        return 2
      }
      await prepareDatabase(rt)
      const seed = Number(values.seed ?? 1)
      if (values.regency) {
        const total = Number(values.total ?? HST_POPULATION)
        const shares = regencyShares(rt.config.regency, total, seed)
        const bar = progressBar(true)
        let done = 0
        for (const s of shares) {
          await generateResidents(rt, s.code, s.count, seed)
          done += s.count
          bar.update('Membuat penduduk', done, total)
        }
        bar.stop()
        console.error(`${done.toLocaleString('id-ID')} penduduk sintetis dibuat di ${shares.length} desa/kelurahan.`)
        return
      }
      const count = Number(values.count)
      if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new AppError('INVALID_INPUT', { userMessage: '--count harus bilangan bulat 1–100.000.' })
      const bar = progressBar(true)
      const r = await generateResidents(rt, villageOf(values.village), count, seed, (d, t) => bar.update('Menyimpan', d, t))
      bar.stop()
      console.error(`${r.created} penduduk sintetis dibuat${r.refused ? `, ${r.refused} baris ditolak` : ''}.`)
    },
  },
}
