import { availableParallelism } from 'node:os'
import { serve } from '@hono/node-server'
import pino from 'pino'
import type { Config } from './config.ts'
import type { Deps } from './deps.ts'
import { connectDatabase } from './db/connect.ts'
import { migrateToLatest } from './db/migrate.ts'
import { syncRegions } from './tenancy/region.service.ts'
import { createApp } from './app.tsx'
import { startJobWorker } from './jobs/jobs.service.ts'
import { JOB_HANDLERS } from './jobs/handlers.ts'
import { createRenderPool, useRenderPool } from './letters/render-pool.ts'

export interface Runtime extends Deps {
  close(): Promise<void>
}

/** config → database → services: everything a command or the server needs. */
export async function openRuntime(config: Config, opts: { logLevel?: string } = {}): Promise<Runtime> {
  const logger = pino({ level: opts.logLevel ?? config.logLevel, base: undefined, timestamp: pino.stdTimeFunctions.isoTime })
  const handle = await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })

  return { db: handle.db, dialect: handle.dialect, config, logger, close: () => handle.destroy() }
}

/** Schema up to date and region codes loaded; safe to run on every start. */
export async function prepareDatabase(deps: Deps): Promise<string[]> {
  const applied = await migrateToLatest(deps.db)
  await syncRegions(deps.db)

  return applied
}

export async function startServer(rt: Runtime): Promise<{ close(): Promise<void>; url: string }> {
  await prepareDatabase(rt)
  const app = createApp(rt)
  const server = serve({ fetch: app.fetch, port: rt.config.port, hostname: rt.config.host })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve())
    server.once('error', reject)
  })
  const url = `http://${rt.config.host}:${rt.config.port}`
  rt.logger.info({ url, database: rt.dialect }, 'Balai berjalan')
  // Letter PDFs render on worker threads, off the event loop that serves pages.
  const renderPool = createRenderPool(Math.min(4, availableParallelism()))
  useRenderPool(renderPool)
  // The outbox worker (mail, messages, rendering, signing) runs beside the server and stops with it.
  const worker = startJobWorker(rt, JOB_HANDLERS)

  return {
    url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await worker.stop()
      useRenderPool(null)
      await renderPool.close()
    },
  }
}
