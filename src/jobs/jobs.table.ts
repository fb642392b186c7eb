import type { Selectable } from 'kysely'

export type JobState = 'pending' | 'running' | 'done' | 'skipped' | 'failed'

export interface JobTable {
  id: string
  type: string
  /** JSON */
  payload: string
  village_code: string | null
  state: JobState
  attempts: number
  max_attempts: number
  run_at: string
  locked_by: string | null
  locked_until: string | null
  last_error: string | null
  created_at: string
  updated_at: string
  finished_at: string | null
}

export type JobRow = Selectable<JobTable>
