import type { JobHandlers } from './jobs.ts'
import { NOTIFY_JOB_HANDLERS } from '../notify/notify.service.ts'
import { LETTER_JOB_HANDLERS } from '../services/letter.service.ts'
import { SIGNING_JOB_HANDLERS } from '../signing/letter-signing.service.ts'

export type { JobHandler } from './jobs.ts'

/**
 * Every job type the worker knows, by name. Each area adds its own handlers here; a job whose
 * type is missing is retried (a newer release may know it) and eventually marked failed.
 */
export const JOB_HANDLERS: JobHandlers = {
  ...NOTIFY_JOB_HANDLERS,
  ...LETTER_JOB_HANDLERS,
  ...SIGNING_JOB_HANDLERS,
}
