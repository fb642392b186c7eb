/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (each prints its own figures and the
 * floor it measured in the same run), on SQLite and — when BENCH_DATABASE_URL is set — on
 * PostgreSQL. Pass names to run only some: `npm run bench -- residents signing`.
 */
import { readdirSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

const only = process.argv.slice(2)
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort()

let failed = 0
for (const f of files) {
  console.log(`\n=== ${f}`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', new URL(f, import.meta.url).pathname], { stdio: 'inherit', env: process.env })
  if (r.status !== 0) failed += 1
}
process.exit(failed ? 1 : 0)
