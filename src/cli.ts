#!/usr/bin/env node
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { createInterface } from 'node:readline/promises'
import { ConfigError, loadConfig } from './config.ts'
import { DatabaseUnavailableError } from './db/connect.ts'
import { isAppError } from './lib/errors.ts'
import { SYSTEM_META } from './auth/actor.ts'
import { openRuntime, prepareDatabase, startServer, type Runtime } from './main.ts'
import { enableVillage, listLiveVillages } from './tenancy/village.service.ts'
import { createStaffUser } from './auth/staff.service.ts'
import { runDemo } from './demo/demo.ts'
import { SIGNING_COMMANDS } from './signing/signing.cli.ts'
import { JOBS_COMMANDS } from './jobs/jobs.cli.ts'
import { RESIDENT_COMMANDS } from './residents/residents.cli.ts'

/**
 * The `balai` command. Each command gets the parsed arguments and an open runtime; messages
 * to people are Indonesian, machine output (--json) goes to stdout alone.
 */
export type Command = {
  summary: string
  usage: string
  options?: ParseArgsConfig['options']
  /** commands that open no database (none yet) set this false */
  run(rt: Runtime, args: { values: Record<string, unknown>; positionals: string[] }): Promise<number | void>
}

const SYSTEM = { kind: 'system' as const, name: 'cli' }

export const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'Menjalankan server web (migrasi otomatis saat mulai)',
    usage: 'balai serve',
    async run(rt) {
      const server = await startServer(rt)
      console.error(`Balai berjalan di ${server.url} (basis data: ${rt.dialect === 'sqlite' ? 'SQLite bawaan' : 'PostgreSQL'})`)
      await waitForSignal()
      await server.close()
    },
  },
  migrate: {
    summary: 'Memperbarui skema basis data dan kode wilayah',
    usage: 'balai migrate',
    async run(rt) {
      const applied = await prepareDatabase(rt)
      console.error(applied.length ? `Migrasi diterapkan: ${applied.join(', ')}` : 'Skema sudah mutakhir.')
    },
  },
  demo: {
    summary: 'Mengaktifkan empat desa model Barabai beserta akun demo (boleh diulang)',
    usage: 'balai demo [--json] [--serve]',
    options: { json: { type: 'boolean' }, serve: { type: 'boolean' } },
    async run(rt, { values }) {
      await prepareDatabase(rt)
      const result = await runDemo(rt)
      if (values.json) {
        process.stdout.write(JSON.stringify(result, null, 2) + '\n')
      } else {
        console.error(`Desa aktif: ${result.villages.map((v) => `${v.name} (${v.code})`).join(', ')}`)
        console.error('Akun demo (nama pengguna / kata sandi / peran / cakupan):')
        for (const a of result.accounts) {
          const passphrase = (a as { passphrase?: string }).passphrase
          console.error(`  ${a.username.padEnd(24)} ${a.password}  ${a.role.padEnd(16)} ${a.scope}${passphrase ? `  (frasa sandi TTE: ${passphrase})` : ''}`)
        }
        const residents = (result.residents ?? []) as { village: string; nik: string; pin: string; name: string }[]
        if (residents.length) {
          console.error('Warga demo untuk Layanan Mandiri /warga/masuk (desa / NIK / PIN / nama):')
          for (const r of residents) console.error(`  ${r.village}  ${r.nik}  ${r.pin}  ${r.name}`)
        }
      }
      if (values.serve) await COMMANDS.serve.run(rt, { values: {}, positionals: [] })
    },
  },
  village: {
    summary: 'Mengelola desa: add KODE, list',
    usage: 'balai village add 63.07.06.2014 | balai village list',
    async run(rt, { positionals }) {
      const [sub, code] = positionals
      await prepareDatabase(rt)
      if (sub === 'add' && code) {
        const v = await enableVillage(rt, SYSTEM, SYSTEM_META, code)
        console.error(`${v.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${v.name} (${v.code}) telah diaktifkan.`)

        return
      }
      if (sub === 'list') {
        for (const v of await listLiveVillages(rt)) console.log(`${v.code}\t${v.name}\t${v.districtName}`)

        return
      }
      console.error('Penggunaan: balai village add KODE | balai village list')

      return 2
    },
  },
  user: {
    summary: 'Membuat akun staf: add --username … --role … --scope …',
    usage: 'balai user add --username budi --role operator --scope 63.07.06.2014 [--name "Budi"] [--password …]',
    options: { username: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, email: { type: 'string' } },
    async run(rt, { values, positionals }) {
      if (positionals[0] !== 'add') {
        console.error('Penggunaan: balai user add --username … --role … --scope …')

        return 2
      }
      await prepareDatabase(rt)
      let password = values.password as string | undefined
      if (!password && process.stdin.isTTY) password = (await ask('Kata sandi (kosongkan agar dibuat otomatis): ')) || undefined
      const { user, password: pw } = await createStaffUser(rt, SYSTEM, SYSTEM_META, {
        username: values.username ?? '',
        displayName: values.name ?? values.username ?? '',
        role: values.role ?? '',
        scope: values.scope ?? '',
        email: values.email ?? '',
        password,
      })
      console.error(`Akun ${user.username} (${user.role}, ${user.scope}) dibuat.`)
      if (!password) console.log(`Kata sandi awal: ${pw}\n(Ditampilkan sekali ini saja.)`)
    },
  },
  ...SIGNING_COMMANDS,
  ...JOBS_COMMANDS,
  ...RESIDENT_COMMANDS,
}

async function ask(q: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return (await rl.question(q)).trim()
  } finally {
    rl.close()
  }
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
}

function help(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}\n             ${c.usage}`)

  return `Balai — sistem informasi dan pelayanan desa terpadu\n\nPerintah:\n${lines.join('\n')}\n`
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  const command = name ? COMMANDS[name] : undefined
  if (!command) {
    process.stderr.write(help())

    return name && name !== 'help' && name !== '--help' ? 2 : 0
  }
  let rt: Runtime | undefined
  try {
    const args = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true })
    const config = loadConfig()
    rt = await openRuntime(config, { logLevel: name === 'serve' || name === 'demo' ? undefined : 'warn' })

    return (await command.run(rt, { values: args.values as Record<string, unknown>, positionals: args.positionals })) ?? 0
  } catch (e) {
    if (e instanceof ConfigError || e instanceof DatabaseUnavailableError) {
      console.error(e.message)

      return 1
    }
    if (isAppError(e)) {
      const fields = e.fields ? Object.entries(e.fields).map(([k, v]) => `\n  - ${k}: ${v}`).join('') : ''
      console.error(`Gagal: ${e.userMessage}${fields}`)

      return 1
    }
    if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${e.message}\nPenggunaan: ${command.usage}`)

      return 2
    }
    throw e
  } finally {
    await rt?.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli.ts') || process.argv[1]?.endsWith('/balai.js') || process.argv[1]?.endsWith('/balai')) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e)
      process.exit(1)
    },
  )
}
