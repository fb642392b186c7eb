import type { Command } from '../cli.ts'
import { SYSTEM_META } from '../auth/actor.ts'
import { prepareDatabase } from '../main.ts'
import { formatDateTimeWita } from '../lib/time.ts'
import { JOB_HANDLERS } from './handlers.ts'
import { jobCounts, listJobsForOps, retryFailedJob, runDueJobs } from './jobs.service.ts'
import type { JobState } from './jobs.table.ts'
import { JOB_STATE_LABEL } from './jobs.ts'

const label = (s: JobState): string => JOB_STATE_LABEL[s].toLowerCase()
const STATE_BY_LABEL = new Map((Object.keys(JOB_STATE_LABEL) as JobState[]).map((s) => [label(s), s]))

const USAGE = 'balai jobs [list [--state gagal|menunggu|berjalan|selesai|dilewati] [--limit 20]] | balai jobs retry ID | balai jobs run'

/** Operators' view of the outbox: what is waiting, what failed and why, and a way to retry. */
export const JOBS_COMMANDS: Record<string, Command> = {
  jobs: {
    summary: 'Antrean tugas latar (surel, pesan, tanda tangan): ringkasan, daftar, coba ulang',
    usage: USAGE,
    options: { state: { type: 'string' }, limit: { type: 'string' } },
    async run(rt, { values, positionals }) {
      await prepareDatabase(rt)
      const [sub = 'summary', id] = positionals
      if (sub === 'summary') {
        const counts = await jobCounts(rt)
        const line = (Object.keys(JOB_STATE_LABEL) as JobState[]).map((s) => `${label(s)} ${counts[s] ?? 0}`).join(' · ')
        console.log(`Tugas: ${line}`)
        const failed = await listJobsForOps(rt, { state: 'failed', limit: 10 })
        for (const j of failed) console.log(`  gagal  ${j.id}  ${j.type}  ${formatDateTimeWita(j.updated_at)}  ${(j.last_error ?? '').replace(/\s+/g, ' ').slice(0, 200)}`)

        return
      }
      if (sub === 'list') {
        const stateLabel = values.state as string | undefined
        const state = stateLabel ? STATE_BY_LABEL.get(stateLabel) : undefined
        if (stateLabel && !state) {
          console.error(`Status "${stateLabel}" tidak dikenal. Pilih: ${[...STATE_BY_LABEL.keys()].join(', ')}.`)

          return 2
        }
        const limit = Number(values.limit ?? 20)
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
          console.error('--limit harus bilangan bulat antara 1 dan 1000.')

          return 2
        }
        for (const j of await listJobsForOps(rt, { state, limit })) {
          console.log([j.id, label(j.state), j.type, j.village_code ?? '-', `${j.attempts}/${j.max_attempts}`, formatDateTimeWita(j.updated_at), (j.last_error ?? '').replace(/\s+/g, ' ')].join('\t'))
        }

        return
      }
      if (sub === 'retry' && id) {
        await retryFailedJob(rt, { actor: { kind: 'system', name: 'cli' }, meta: SYSTEM_META }, id)
        console.error(`Tugas ${id} dimasukkan kembali ke antrean.`)

        return
      }
      if (sub === 'run') {
        // Without a running server (e.g. from cron): work through what is due now, then stop.
        let total = 0
        for (;;) {
          const s = await runDueJobs(rt, JOB_HANDLERS, { limit: 50 })
          const n = s.done + s.skipped + s.retried + s.failed
          total += n
          if (n === 0) break
          console.error(`selesai ${s.done}, dilewati ${s.skipped}, dicoba lagi nanti ${s.retried}, gagal ${s.failed}`)
          if (s.done + s.skipped + s.failed === 0) break
        }
        console.error(total ? `${total} tugas diproses.` : 'Tidak ada tugas yang jatuh tempo.')

        return
      }
      console.error(`Penggunaan: ${USAGE}`)

      return 2
    },
  },
}
